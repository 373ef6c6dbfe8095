// Code written against the generated types, as an app would; `tsc --strict` must accept it. The
// `@ts-expect-error` lines must be errors: they prove the scalars are mapped to real types, not
// `any` (an unused `@ts-expect-error` is itself an error).

import {
  CreateLiveDocument,
  LiveContentsPageDocument,
  ShowWithStickersDocument,
  StateChangedDocument,
  type CreateLiveMutation,
  type CreateLiveMutationVariables,
  type LiveContentsPageQuery,
  type LiveContentsPageQueryVariables,
  type ShowWithStickersQuery,
  type StateChangedSubscription,
} from './generated/graphql';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

// The documents carry their result and variable types.
const pageResult: ResultOf<typeof LiveContentsPageDocument> = { liveContents: { totalCount: null, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } };
const nextPage: VariablesOf<typeof LiveContentsPageDocument> = { first: 20, after: pageResult.liveContents.pageInfo.endCursor };

/// DateTime is RFC 3339 text: read it as a string, parse it when a Date is wanted.
export function startDates(page: LiveContentsPageQuery): Date[] {
  return page.liveContents.edges.flatMap(({ node }) => {
    const text: string | null | undefined = node.scheduledAt;
    return text ? [new Date(text)] : [];
  });
}

/// The cursor of the next page, if there is one.
export function after(page: LiveContentsPageQuery): LiveContentsPageQueryVariables | null {
  const { hasNextPage, endCursor } = page.liveContents.pageInfo;
  return hasNextPage && endCursor ? { first: 20, after: endCursor, filter: { provider: 'LISA' } } : null;
}

/// JSON is `unknown`: a sticker's activation must be narrowed before use.
export function activationStart(show: ShowWithStickersQuery): string | undefined {
  const sticker = show.liveContent?.stickers[0];
  const activation: unknown = sticker?.activation;
  if (typeof activation === 'object' && activation !== null && 'start' in activation) {
    return String(activation.start);
  }
  return undefined;
}

/// Upload takes a File or a Blob; the same file may fill both pictures.
export function createLiveVariables(cover: File, startDate: string): CreateLiveMutationVariables {
  const portrait: Blob = cover;
  return { input: { name: 'From codegen', startDate, thumbnail: cover, portraitThumbnail: portrait } };
}

export function createdAt(created: CreateLiveMutation): number {
  return Date.parse(created.createLive.scheduledAt ?? '');
}

export function describe(event: StateChangedSubscription): string {
  const { state, previousState, occurredAt, liveContent } = event.liveContentStateChanged;
  return `${liveContent.title}: ${previousState ?? '?'} → ${state} at ${occurredAt.toUpperCase()}`;
}

// The mapping is honest: each of these is a type error.
export function wrongUses(page: LiveContentsPageQuery, show: ShowWithStickersQuery): void {
  // @ts-expect-error DateTime is text, not a Date.
  const date: Date = page.liveContents.edges[0]!.node.scheduledAt!;
  // @ts-expect-error JSON is unknown: no property access without narrowing.
  const start = show.liveContent!.stickers[0]!.activation.start;
  // @ts-expect-error Upload is a File or a Blob, not a path.
  const upload: CreateLiveMutationVariables = { input: { name: 'x', startDate: '2031-05-01T18:00:00Z', thumbnail: './cover.png' } };
  // @ts-expect-error a DateTime variable is RFC 3339 text, not a Date.
  const when: CreateLiveMutationVariables = { input: { name: 'x', startDate: new Date() } };
  void [date, start, upload, when];
}

export const documents = [CreateLiveDocument, LiveContentsPageDocument, ShowWithStickersDocument, StateChangedDocument, nextPage];
