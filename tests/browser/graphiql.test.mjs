// GraphiQL in a real browser, with no internet: Debian's Chromium, driven by playwright-core,
// reaches nothing but loopback. Two runs of the demo gateway:
//
// 1. GraphiQL's files installed (web/graphiql/node_modules): the page runs a query, runs one
//    as the operator (token set in the headers editor), and receives a liveContentStateChanged
//    event over the WebSocket when a webhook starts the show.
// 2. No files installed (`GATEWAY_GRAPHIQL_ASSETS` unset, and run from a folder with no
//    web/graphiql/node_modules): the page loads them from unpkg.com, which this test answers
//    from the same npm packages (the bytes unpkg serves), so the integrity pins and the policy
//    are checked too; the page runs a query.
//
// Any console error, page error, CSP violation or request to another host fails the test.
// Screenshots are kept in target/browser/. Usage: node tests/browser/graphiql.test.mjs
// (after `cargo build` and `npm ci` in web/graphiql and tests/browser).

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { LOOPBACK_ONLY, isLoopback } from './loopback.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gatewayBinary = process.env.GATEWAY_BIN ?? join(root, 'target/debug/live-commerce-gateway');
const nodeModules = join(root, 'web/graphiql/node_modules');
const shots = join(root, 'target/browser');
const operatorToken = randomUUID();
const webhookToken = randomUUID();

const SELECTORS = {
  run: 'button.graphiql-execute-button',
  query: '.graphiql-query-editor .CodeMirror',
  result: '.graphiql-response .result-window .CodeMirror',
};

function fail(message) {
  throw new Error(message);
}

/// Starts the demo gateway on a free port, in `cwd`, reading GraphiQL's files from `assets`
/// (`undefined`: the default folder); resolves with its base URL and its log so far.
function startGateway({ assets, cwd = root }) {
  const env = {
    ...process.env,
    GATEWAY_LISTEN: '127.0.0.1:0',
    GATEWAY_OPERATOR_TOKEN: operatorToken,
    GATEWAY_LISA_WEBHOOK_TOKEN: webhookToken,
    GATEWAY_LOG_FORMAT: 'text',
    NO_COLOR: '1',
    RUST_LOG: 'warn,live_commerce_gateway=info',
  };
  delete env.GATEWAY_GRAPHIQL_ASSETS;
  if (assets !== undefined) env.GATEWAY_GRAPHIQL_ASSETS = assets;
  const child = spawn(gatewayBinary, [], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${log}`)), 30000);
    const read = (chunk) => {
      log += chunk;
      const url = log.match(/http:\/\/127\.0\.0\.1:\d+(?=\/graphql)/);
      if (url) {
        clearTimeout(timer);
        resolve({ child, base: url[0], log: () => log });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the gateway exited (${code}):\n${log}`)));
  });
}

/// A locked-down browser context that records every problem the page has.
async function openPage(browser, { cdn = false } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const problems = [];
  const cdnServed = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    if (cdn && url.startsWith('https://unpkg.com/')) return fulfilFromNpm(route, url, cdnServed);
    problems.push(`request to another host: ${url}`);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (isLoopback(ws.url())) return ws.connectToServer();
    problems.push(`WebSocket to another host: ${ws.url()}`);
    return ws.close({ code: 1008 });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  return { context, page, problems, cdnServed };
}

/// Answers a unpkg.com URL (`/pkg@version/path`) with that file of the installed package.
function fulfilFromNpm(route, url, served) {
  const [, pkg, version, path] = new URL(url).pathname.match(/^\/([^@/]+)@([^/]+)\/(.+)$/);
  const installed = JSON.parse(readFileSync(join(nodeModules, pkg, 'package.json'), 'utf8'));
  if (installed.version !== version) fail(`the page asks ${pkg}@${version}, npm installed ${installed.version}`);
  served.push(url);
  return route.fulfill({
    status: 200,
    headers: {
      'content-type': path.endsWith('.css') ? 'text/css' : 'text/javascript',
      'access-control-allow-origin': '*',
    },
    body: readFileSync(join(nodeModules, pkg, path)),
  });
}

async function openGraphiql(page, base) {
  const schema = page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === 'POST');
  const response = await page.goto(`${base}/graphql`);
  const policy = response.headers()['content-security-policy'] ?? fail('the page has no CSP');
  await page.waitForSelector(SELECTORS.run);
  if (!(await schema).ok()) fail('introspection failed');
  return policy;
}

/// Replaces the query, lets GraphiQL re-read it (it waits 100 ms), and runs it.
async function run(page, query) {
  await page.$eval(SELECTORS.query, (el, text) => el.CodeMirror.setValue(text), query);
  await page.waitForTimeout(300);
  await page.click(SELECTORS.run);
}

/// Waits until the result pane shows `needle`; returns the pane's text.
async function resultShowing(page, needle, timeout = 15000) {
  await page.waitForFunction(
    ([selector, text]) => document.querySelector(selector)?.CodeMirror?.getValue().includes(text),
    [SELECTORS.result, needle],
    { timeout },
  );
  return page.$eval(SELECTORS.result, (el) => el.CodeMirror.getValue());
}

async function setHeaders(page, headers) {
  await page.getByRole('button', { name: 'Headers' }).click();
  const editor = page.locator('.graphiql-editor-tool .CodeMirror').last();
  await editor.waitFor();
  await editor.evaluate((el, text) => el.CodeMirror.setValue(text), JSON.stringify(headers));
}

async function graphql(base, query) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/// Waits (10 s at most) until the gateway's metrics count `count` open subscriptions.
async function subscriptionsOpen(base, count) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    if (metrics.split('\n').includes(`gateway_subscriptions_open ${count}`)) return;
    if (Date.now() > deadline) fail(`${count} open subscriptions expected:\n${metrics}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function webhook(base, eventType, showId) {
  const body = { id: randomUUID(), client: 'browser-test', eventType, eventDate: new Date().toISOString(), data: { id: showId } };
  const response = await fetch(`${base}/internal/webhooks/lisa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 204) fail(`the webhook got ${response.status}`);
}

function assertClean(name, problems) {
  if (problems.length) fail(`${name}:\n  ${problems.join('\n  ')}`);
  console.log(`ok - ${name}`);
}

async function installedAssetsRun(browser) {
  const gateway = await startGateway({ assets: nodeModules });
  try {
    if (!gateway.log().includes("GraphiQL's files are served by the gateway")) fail(`startup log:\n${gateway.log()}`);
    const { page, problems } = await openPage(browser);
    const policy = await openGraphiql(page, gateway.base);
    if (!policy.includes("script-src 'self';")) fail(`policy allows other scripts: ${policy}`);

    await run(page, '{ liveContents(first: 3) { edges { node { id title provider } } } }');
    const listed = await resultShowing(page, '"edges"');
    if (listed.includes('"errors"')) fail(`the query failed: ${listed}`);
    console.log('ok - a query runs and its result shows');

    await setHeaders(page, { Authorization: `Bearer ${operatorToken}` });
    await run(page, '{ liveContents(first: 2, filter: {provider: CAAST}) { edges { node { streamCredentials { streamKey } } } } }');
    const secret = await resultShowing(page, '"streamKey"');
    if (secret.includes('"errors"') || !/"streamKey": "[^"]+"/.test(secret)) fail(`no stream key for the operator: ${secret}`);
    console.log('ok - the operator token set in the headers editor unlocks operator fields');

    const shows = await graphql(gateway.base, '{ liveContents(first: 1, filter: {provider: LISA}) { edges { node { id providerId } } } }');
    const show = shows.data.liveContents.edges[0].node;
    const subscribed = new Promise((resolve) =>
      page.on('websocket', (ws) =>
        ws.on('framesent', (frame) => String(frame.payload).includes('"subscribe"') && resolve()),
      ),
    );
    await run(page, `subscription { liveContentStateChanged(ids: ["${show.id}"]) { state source liveContent { id } } }`);
    await subscribed;
    // The frame leaving the browser is not the subscription started: the webhook waits for
    // the gateway to count it open.
    await subscriptionsOpen(gateway.base, 1);
    await webhook(gateway.base, 'Show:start', show.providerId);
    const event = await resultShowing(page, '"WEBHOOK"');
    if (!event.includes('"LIVE"') || !event.includes(show.id)) fail(`unexpected event: ${event}`);
    console.log('ok - a subscription over the WebSocket receives the webhook\'s event');

    await page.screenshot({ path: join(shots, 'graphiql.png') });
    assertClean('installed files: no console error, no CSP violation, no other host', problems);
  } finally {
    gateway.child.kill();
  }
}

async function cdnRun(browser) {
  const elsewhere = mkdtempSync(join(tmpdir(), 'graphiql-cdn-'));
  const gateway = await startGateway({ cwd: elsewhere });
  try {
    if (!gateway.log().includes('unpkg.com')) fail(`the startup log does not name the CDN:\n${gateway.log()}`);
    const { page, problems, cdnServed } = await openPage(browser, { cdn: true });
    const policy = await openGraphiql(page, gateway.base);
    if (!policy.includes('https://unpkg.com')) fail(`policy: ${policy}`);
    await run(page, '{ liveContents(first: 2) { edges { node { title } } } }');
    const listed = await resultShowing(page, '"edges"');
    if (listed.includes('"errors"')) fail(`the query failed: ${listed}`);
    if (cdnServed.length !== 5) fail(`expected 5 files from the CDN, got ${cdnServed.join(', ')}`);
    await page.screenshot({ path: join(shots, 'graphiql-cdn.png') });
    assertClean('CDN fallback: files pinned by integrity, a query runs, nothing else reached', problems);
  } finally {
    gateway.child.kill();
  }
}

mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: LOOPBACK_ONLY });
try {
  await installedAssetsRun(browser);
  await cdnRun(browser);
  console.log(`screenshots in ${shots}`);
} catch (error) {
  console.error(`not ok - ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
