// The findings of a probe, from what each origin was granted. Only what the answers prove: a crafted
// origin the server named in `Access-Control-Allow-Origin` (or granted with credentials), and a
// `Vary` missing on an answer that was seen to change with the origin. A server that answers `*`
// without credentials serves public data on purpose, and is accused of nothing.

import { varyCoversOrigin } from '../advisories.ts';
import { OPAQUE_ORIGIN } from '../origin.ts';
import { readCorsResponseHeaders } from '../response-headers.ts';
import type { OriginFindingKind, ProbeFindingKind } from './crafted-origins.ts';
import type { ProbeOutcome } from './outcome.ts';

type ProbeSeverity = 'high' | 'medium' | 'low';

export interface ProbeFinding {
  kind: ProbeFindingKind;
  severity: ProbeSeverity;
  /** The crafted origin that was granted (for `missing-vary-origin`, the named origin). */
  origin: string;
  /** Whether it was granted with credentials: any page of that origin reads what the user can. */
  credentials: boolean;
}

/**
 * With credentials, an origin the server should not trust reads the user's data: high. A subdomain
 * is a smaller door (it takes a takeover or an XSS there): medium. Without credentials a page reads
 * only what anyone can fetch, much like `*`: low.
 */
function severityOf(kind: OriginFindingKind, credentials: boolean): ProbeSeverity {
  if (!credentials) return 'low';
  return kind === 'trusts-any-subdomain' ? 'medium' : 'high';
}

/** A crafted origin the server trusted: named back to it, or granted with credentials. */
function trusted(outcome: ProbeOutcome): boolean {
  if (outcome.grant.credentials) return true;
  return outcome.grant.read && outcome.allowOrigin !== '*';
}

/** The findings, most severe first, one per kind. */
export function probeFindings(named: ProbeOutcome, crafted: readonly ProbeOutcome[]): ProbeFinding[] {
  const byKind = new Map<OriginFindingKind, ProbeOutcome[]>();
  for (const outcome of crafted) {
    const kind = outcome.probe.crafted?.tests;
    if (kind === undefined || !trusted(outcome)) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), outcome]);
  }
  // Any origin at all: every other trick is only a case of it.
  if (byKind.has('reflects-any-origin')) for (const kind of [...byKind.keys()]) if (kind !== 'reflects-any-origin') byKind.delete(kind);
  // `evilHOST`-style suffix checks also pass the host with its first dot replaced (`appxexample.com`
  // ends with `example.com`); only the last dot replaced (`app.examplexcom`) tells an unescaped dot apart.
  const dots = byKind.get('unescaped-dot');
  if (dots !== undefined && byKind.has('trusts-suffix')) {
    const lastDot = crafted.filter((outcome) => outcome.probe.crafted?.tests === 'unescaped-dot').at(-1);
    if (lastDot === undefined || !dots.includes(lastDot)) byKind.delete('unescaped-dot');
  }
  const findings: ProbeFinding[] = [];
  // `--origin null` sends no crafted origin: the named one is the trick. A server that grants it
  // trusts every sandboxed iframe and data: document (and a page after a cross-origin redirect).
  if (named.probe.origin === OPAQUE_ORIGIN && trusted(named)) {
    findings.push({ kind: 'trusts-null', severity: severityOf('trusts-null', named.grant.credentials), origin: OPAQUE_ORIGIN, credentials: named.grant.credentials });
  }
  for (const [kind, outcomes] of byKind) {
    const shown = outcomes.find((outcome) => outcome.grant.credentials) ?? outcomes[0]!;
    findings.push({ kind, severity: severityOf(kind, shown.grant.credentials), origin: shown.probe.origin, credentials: shown.grant.credentials });
  }
  if (missesVaryOrigin(named, crafted)) findings.push({ kind: 'missing-vary-origin', severity: 'low', origin: named.probe.origin, credentials: false });
  const rank: Record<ProbeSeverity, number> = { high: 0, medium: 1, low: 2 };
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/**
 * `Access-Control-Allow-Origin` was seen to change with the origin (a value for one, another value
 * or none for another), and the named origin's answer has no `Vary: Origin`: a cache may give one
 * origin's answer to another (even the answer to a navigation, without the header, to a CORS
 * request). https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches
 * Like is compared with like: the preflights when the request needs one (crafted origins get only
 * that), else the responses.
 */
function missesVaryOrigin(named: ProbeOutcome, crafted: readonly ProbeOutcome[]): boolean {
  const side = named.probe.preflight === null ? 'response' : 'preflight';
  const answers = [named, ...crafted].flatMap((outcome) => {
    const answer = outcome.answers[side];
    return answer === null ? [] : [readCorsResponseHeaders(answer.headers)];
  });
  if (new Set(answers.map((headers) => headers.allowOrigin)).size < 2) return false;
  const namedAnswer = named.answers[side];
  return namedAnswer !== null && !varyCoversOrigin(readCorsResponseHeaders(namedAnswer.headers).vary);
}
