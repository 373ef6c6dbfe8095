// The graphql-http package's server audits (the GraphQL over HTTP spec's MUST, SHOULD and MAY
// rules) against a running gateway: `node audit.mjs http://127.0.0.1:4000/graphql`.
// Prints every audit; exits 1 when any audit fails or warns (MAY ones included). `.ci/run` runs
// it against the demo gateway.
import { serverAudits } from 'graphql-http';
const url = process.argv[2];
let failed = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const ok = result.status === 'ok';
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : result.status.padEnd(4)} ${audit.id} ${audit.name}${ok ? '' : ' -- ' + result.reason}`);
}
console.log(failed ? `${failed} audits failed or warned` : `all audits passed, none warned`);
process.exit(failed ? 1 : 0);
