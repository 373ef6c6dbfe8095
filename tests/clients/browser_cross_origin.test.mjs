// A page of another origin calls the gateway from Debian's Chromium (driven by playwright-core,
// limited to loopback as in tests/browser/graphiql.test.mjs). run.mjs serves the page from a
// second loopback port and starts the gateway with `GATEWAY_CORS_ORIGINS` = that origin. The
// page's `fetch` sends `Apollo-Require-Preflight`, `traceparent`, `apollographql-client-name`
// and `content-type: application/json`, none of which a simple request may carry: Chromium
// asks the preflight first, and the page gets its data only if the gateway allowed them. The
// same page loaded from an origin not in the list must be refused.

import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { fail } from './gateway.mjs';
import { LOOPBACK_ONLY, isLoopback } from '../browser/loopback.mjs';

/// The page run.mjs serves from the second origin: `callGateway` posts a query with the
/// headers that need a preflight and reports what it got.
export const pages = {
  '/': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Storefront</title></head>
<body><p id="status">ready</p>
<script>
  window.callGateway = async (url, traceparent) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'Apollo-Require-Preflight': 'true',
          traceparent,
          'apollographql-client-name': 'storefront-test',
          'apollographql-client-version': '1.0.0',
        },
        body: JSON.stringify({ query: '{ liveContents(first: 2) { edges { node { id title provider } } } }' }),
      });
      const result = { ok: true, status: response.status, cacheControl: response.headers.get('cache-control'), xCache: response.headers.get('x-cache'), body: await response.json() };
      document.getElementById('status').textContent = 'done';
      return result;
    } catch (error) {
      document.getElementById('status').textContent = 'refused';
      return { ok: false, error: String(error) };
    }
  };
</script></body></html>`,
};

/// A locked-down context: anything but loopback is refused and recorded.
async function openPage(browser) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    problems.push(`request to another host: ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => problems.push(`page error: ${e}`));
  // The preflight is Chromium's own request: the DevTools protocol sees it.
  const preflights = [];
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const byId = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request, initiator, type }) => {
    if (request.method === 'OPTIONS' || initiator?.type === 'preflight' || type === 'Preflight') {
      const entry = { url: request.url, method: request.method, headers: request.headers, status: null, responseHeaders: null };
      byId.set(requestId, entry);
      preflights.push(entry);
    }
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const entry = byId.get(requestId);
    if (entry) Object.assign(entry, { status: response.status, responseHeaders: response.headers });
  });
  return { context, page, problems, consoleErrors, preflights };
}

export default [
  {
    name: "Chromium, cross-origin page: fetch with Apollo-Require-Preflight, traceparent, apollographql-client-name passes the preflight and gets the data; another origin is refused",
    timeout: 60_000,
    async run({ gateway, pageServer, note }) {
      if (!existsSync('/usr/bin/chromium')) fail('/usr/bin/chromium is missing (apt-get install chromium)');
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: LOOPBACK_ONLY });
      try {
        const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
        const allowed = await openPage(browser);
        await allowed.page.goto(`${pageServer.origin}/`);
        const result = await allowed.page.evaluate(([url, tp]) => window.callGateway(url, tp), [gateway.url, traceparent]);
        if (!result.ok) fail(`the allowed origin's fetch failed: ${result.error}; console: ${allowed.consoleErrors.join(' | ')}`);
        if (result.status !== 200) fail(`status ${result.status}: ${JSON.stringify(result.body)}`);
        if (result.body.errors) fail(`errors: ${JSON.stringify(result.body.errors)}`);
        if (result.body.data?.liveContents?.edges?.length !== 2) fail(`no data: ${JSON.stringify(result.body)}`);
        if (!result.cacheControl || !result.xCache) fail(`the exposed headers are not readable: ${JSON.stringify(result)}`);
        if (allowed.consoleErrors.length || allowed.problems.length) {
          fail(`the allowed page had problems: ${[...allowed.consoleErrors, ...allowed.problems].join(' | ')}`);
        }
        const preflight = allowed.preflights.find((p) => p.url === gateway.url);
        if (preflight) {
          const asked = (preflight.headers['Access-Control-Request-Headers'] ?? preflight.headers['access-control-request-headers'] ?? '').toLowerCase();
          for (const header of ['apollo-require-preflight', 'traceparent', 'apollographql-client-name', 'content-type']) {
            if (!asked.includes(header)) fail(`the preflight did not ask for ${header}: ${asked}`);
          }
          note(`preflight seen: ${preflight.method} → ${preflight.status}, asked for ${asked}`);
        } else {
          note('the DevTools protocol reported no preflight request (Chromium handles it internally); the data arriving proves it passed');
        }

        // The same page from `localhost`: the same server, but an origin the gateway does not list.
        const refused = await openPage(browser);
        await refused.page.goto(`http://localhost:${pageServer.port}/`);
        const denied = await refused.page.evaluate(([url, tp]) => window.callGateway(url, tp), [gateway.url, traceparent]);
        if (denied.ok) fail(`an origin not in GATEWAY_CORS_ORIGINS got an answer: ${JSON.stringify(denied)}`);
        if (!refused.consoleErrors.some((e) => /CORS/i.test(e))) fail(`no CORS refusal reported: ${refused.consoleErrors.join(' | ')}`);
        if (refused.problems.length) fail(refused.problems.join(' | '));
      } finally {
        await browser.close();
      }
    },
  },
];
