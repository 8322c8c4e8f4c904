// The words for a probe's findings, built from the finding (kind, origin, credentials) alone.

import type { ProbeFindingKind } from './crafted-origins.ts';
import type { ProbeFinding } from './findings.ts';

const WHO: Record<ProbeFindingKind, string> = {
  'reflects-any-origin': 'The server echoes any Origin back: an arbitrary website',
  'trusts-null': 'The server trusts the origin "null", which any page can take on (a sandboxed iframe, a data: document): that page',
  'trusts-http': 'The server trusts the plain-http version of the origin, which anyone on the network path can forge: that page',
  'trusts-prefix': 'The server only checks that the origin starts with the trusted one: another domain named after it',
  'trusts-suffix': 'The server only checks that the origin ends with the trusted host: another domain ending with that name',
  'trusts-any-subdomain': 'The server trusts every subdomain of the host: a page on any of them (a forgotten one, or one with an XSS)',
  'unescaped-dot': "The server's pattern has an unescaped dot, which matches any character: a domain spelled with another character there",
  'missing-vary-origin': '',
};

const FIX: Record<ProbeFindingKind, string> = {
  'reflects-any-origin': 'Compare the Origin with a fixed list of trusted origins and send it back only when it is on the list.',
  'trusts-null': 'Never allow null. Data anyone may read without credentials can be sent with *; a page that reaches this URL through a redirect from another origin should call it directly.',
  'trusts-http': 'Allow only https origins.',
  'trusts-prefix': 'Compare whole origins for equality (or anchor the pattern at both ends), not a prefix.',
  'trusts-suffix': 'Compare whole origins for equality, or anchor the pattern at the start and require the dot before the domain.',
  'trusts-any-subdomain': 'List the subdomains that need access instead of a pattern for all of them.',
  'unescaped-dot': 'Escape every dot in the pattern (\\.), or compare whole origins for equality.',
  'missing-vary-origin': 'Send Vary: Origin on every response whose Access-Control-Allow-Origin depends on the Origin.',
};

/** One sentence or two: what the server does, what the crafted origin can do, how to fix it. */
export function findingText(finding: ProbeFinding): string {
  if (finding.kind === 'missing-vary-origin') {
    return `Access-Control-Allow-Origin changes with the Origin, but the answer to ${finding.origin} has no Vary: Origin: a cache (browser, CDN, proxy) can serve one origin's answer to another. ${FIX[finding.kind]}`;
  }
  const can = finding.credentials
    ? "can read responses with the user's cookies (credentials): whatever the user can see"
    : 'can read responses made without credentials (only what anyone could fetch)';
  return `${WHO[finding.kind]} (${finding.origin}) ${can}. ${FIX[finding.kind]}`;
}
