// Real GraphQL clients against the demo gateway: graphql-ws, graphql-sse (both modes), urql,
// Apollo Client (persisted queries, an operator mutation, uploads, batching), GraphQL Code
// Generator with tsc, and a cross-origin page in Chromium. Starts a second origin for that page
// and one demo gateway allowing it (`GATEWAY_CORS_ORIGINS`), runs every test in turn, each with
// its own timeout, prints TAP, stops the gateway, and exits non-zero when a test failed.
// An unhandled promise rejection or an uncaught exception while a test runs fails that test.
//
// Usage (after `cargo build` and `npm ci` in tests/clients): node tests/clients/run.mjs [NAME…]
// where a NAME (e.g. `urql`, `graphql_sse`) runs only that file's tests.

import { Gateway, startPageServer } from './gateway.mjs';
import { pages } from './browser_cross_origin.test.mjs';

const FILES = ['sdl', 'graphql_ws', 'graphql_sse', 'urql', 'apollo', 'batch', 'codegen', 'browser_cross_origin'];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !FILES.includes(name));
if (unknown.length) {
  console.error(`unknown test file(s): ${unknown.join(', ')} (known: ${FILES.join(', ')})`);
  process.exit(2);
}

const tests = [];
for (const file of FILES.filter((f) => !wanted.length || wanted.includes(f))) {
  const module = await import(`./${file}.test.mjs`);
  for (const test of module.default) tests.push({ file, ...test });
}

// However a test hangs, the suite ends.
const SUITE_LIMIT_MS = 240_000;
let gateway;
setTimeout(() => {
  console.log(`Bail out! the suite ran for over ${SUITE_LIMIT_MS / 1000} s`);
  gateway?.stop();
  process.exit(1);
}, SUITE_LIMIT_MS).unref();

let current = null;
const stray = [];
const record = (kind) => (reason) => (current ? current.problems : stray).push(`${kind}: ${reason?.stack ?? reason}`);
process.on('unhandledRejection', record('unhandled rejection'));
process.on('uncaughtException', record('uncaught exception'));

const started = performance.now();
console.log('TAP version 13');
console.log(`1..${tests.length}`);

const pageServer = await startPageServer(pages);
try {
  gateway = await Gateway.start({ corsOrigins: pageServer.origin });
} catch (error) {
  console.log(`Bail out! ${error.message}`);
  await pageServer.close();
  process.exit(1);
}
process.on('exit', () => gateway.stop());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    gateway.stop();
    process.exit(130);
  });
}

let passed = 0;
let failed = 0;
for (const [index, test] of tests.entries()) {
  const notes = [];
  current = { problems: [] };
  const context = { gateway, pageServer, note: (text) => notes.push(text) };
  const timeout = test.timeout ?? 20_000;
  const testStarted = performance.now();
  let timer;
  let error = null;
  try {
    await Promise.race([
      test.run(context),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
  }
  // Let late rejections of this test's promises surface while it is still the current one.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const problems = current.problems;
  current = null;
  const ms = (performance.now() - testStarted).toFixed(0);
  if (!error && !problems.length) {
    passed++;
    console.log(`ok ${index + 1} - ${test.name} (${ms} ms)`);
  } else {
    failed++;
    console.log(`not ok ${index + 1} - ${test.name} (${ms} ms)`);
    const lines = [...(error ? [error.stack ?? String(error)] : []), ...problems].join('\n').split('\n');
    for (const line of lines) console.log(`  # ${line}`);
  }
  for (const text of notes) console.log(`  # ${text}`);
}

if (stray.length) {
  failed++;
  console.log('not ok - problems outside any test');
  for (const line of stray.join('\n').split('\n')) console.log(`  # ${line}`);
}
if (failed) {
  console.log('# the gateway log (last 40 lines):');
  for (const line of gateway.log().trimEnd().split('\n').slice(-40)) console.log(`#   ${line}`);
}
gateway.stop();
pageServer.closeAll();
await pageServer.close();
console.log(`# ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`clients: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
