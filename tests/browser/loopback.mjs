// Keeping Debian's Chromium to loopback, for every browser test (tests/browser and
// tests/clients import this file by path; it needs no package).

/// Chromium flags that leave it no way out but loopback: a dead proxy for everything else, and
/// no name resolution but localhost's.
export const LOOPBACK_ONLY = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>;localhost;127.0.0.1/8;[::1]',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--no-pings',
  '--dns-prefetch-disable',
];

/// Whether a request for `url` stays on this machine (or in the page itself).
export function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  if (['data:', 'blob:', 'about:'].includes(protocol)) return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
