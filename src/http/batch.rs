//! Batched operations over `POST /graphql`: a JSON array of requests, what Apollo's
//! `BatchHttpLink` sends, answered as a JSON array of their answers in the same order. Each
//! operation runs as if it had come alone (the document limits, the operator token, the
//! response cache), so a batch costs no more than its operations sent one by one; how many one
//! batch may hold is `GATEWAY_MAX_BATCH`.
//!
//! An operation refused alone is an item with its errors: the batch itself is 200. A batch the
//! gateway cannot read, an empty one or one past the maximum is refused whole, with 400.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use futures::future::join_all;

use super::AppState;
use super::answers::{json_response, refusal, refused};
use super::graphql::{asked, stream_over_plain_http};
use super::graphql_request::{MAX_JSON_BODY_BYTES, PostBody, Unreadable};
use crate::error::ErrorCode;
use crate::graphql::execution::{Reply, ResponseMedia, Transport};

/// Whether a JSON body is a batch: its first token opens an array.
pub(crate) fn is_batch(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'[')
}

/// Runs every operation of a batch, together, and answers their answers as one array.
pub(crate) async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    media: ResponseMedia,
) -> Response {
    let bad = |message: &str| {
        refusal(
            media,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            message,
        )
    };
    if body.len() > MAX_JSON_BODY_BYTES {
        return refused(media, &Unreadable::TooLarge.refusal());
    }
    let operations = match serde_json::from_slice::<Vec<PostBody>>(body) {
        Ok(operations) => operations,
        Err(e) => return bad(&format!("the body is not a batch of GraphQL requests: {e}")),
    };
    let max = state.limits.max_batch;
    if operations.is_empty() {
        return bad("a batch must hold at least one operation");
    }
    if operations.len() > max {
        return bad(&format!(
            "a batch may hold at most {max} operations; this one holds {}",
            operations.len()
        ));
    }
    let answers = join_all(
        operations
            .into_iter()
            .map(|operation| run(state, headers, operation, media)),
    )
    .await;
    json_response(media, StatusCode::OK, join(&answers))
}

/// One operation of a batch: its answer's body, or its refusal's.
async fn run(
    state: &AppState,
    headers: &HeaderMap,
    operation: PostBody,
    media: ResponseMedia,
) -> Vec<u8> {
    let request = match operation.into_request(&state.persisted_queries) {
        Ok(request) => request,
        Err(unreadable) => return unreadable.refusal().body(),
    };
    let asked = asked(state, headers, media);
    match state
        .executor
        .execute(request, asked, Transport::Post)
        .await
    {
        Reply::Answer(answered) => answered.answer.body.to_vec(),
        Reply::Refused(refusal) => refusal.body(),
        Reply::Stream(_) => stream_over_plain_http().body(),
    }
}

/// `[a,b,…]` from the answers' JSON texts.
fn join(answers: &[Vec<u8>]) -> Vec<u8> {
    let length = answers.iter().map(Vec::len).sum::<usize>() + answers.len() + 1;
    let mut out = Vec::with_capacity(length);
    out.push(b'[');
    for (i, answer) in answers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(answer);
    }
    out.push(b']');
    out
}
