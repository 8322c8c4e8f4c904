// From answers to findings, for servers described by how they answer each origin: every mistake by
// its name and severity, nothing for a correct allowlist, a fixed origin or a public `*`.

import { describe, expect, it } from 'vitest';
import type { HeaderLine } from '../exchange.ts';
import { findingText } from './finding-text.ts';
import { type ProbeFinding, probeFindings } from './findings.ts';
import { probeFixes } from './fix.ts';
import { type ProbeOutcome, probeOutcome } from './outcome.ts';
import { type PlannedProbe, probePlan } from './plan.ts';

const ORIGIN = 'https://app.example.com';

/** How a server answers a request (or a preflight) with `Origin: origin`. */
type Server = (origin: string) => HeaderLine[];

const reflecting = (credentials: boolean): Server => (origin) => [
  ['Access-Control-Allow-Origin', origin],
  ...(credentials ? [['Access-Control-Allow-Credentials', 'true'] as const] : []),
  ['Access-Control-Allow-Methods', 'GET, PUT'],
  ['Access-Control-Allow-Headers', 'x-token'],
  ['Vary', 'Origin'],
];

/** Grants origins `accept` matches, with credentials, Vary: Origin unless told. */
const allowing = (accept: (origin: string) => boolean, vary = true): Server => (origin) =>
  accept(origin) ? [...reflecting(true)(origin).filter(([name]) => name !== 'Vary'), ...(vary ? [['Vary', 'Origin'] as const] : [])] : vary ? [['Vary', 'Origin']] : [];

function outcomes(server: Server, method = 'GET', headers: HeaderLine[] = [], credentials = false, origin = ORIGIN): { named: ProbeOutcome; crafted: ProbeOutcome[] } {
  const plan = probePlan({ url: 'https://api.example.com/items', origin, method, headers, userAgent: 'test' });
  const answer = (probe: PlannedProbe): ProbeOutcome =>
    probeOutcome(
      probe,
      { preflight: probe.preflight === null ? null : { status: 204, headers: server(probe.origin) }, response: probe.sendsRequest ? { status: 200, headers: server(probe.origin) } : null },
      credentials ? 'include' : 'omit',
    );
  const [named, ...crafted] = plan.map(answer);
  return { named: named!, crafted };
}

const findingsOf = (server: Server, method?: string, headers?: HeaderLine[]): ProbeFinding[] => {
  const { named, crafted } = outcomes(server, method, headers);
  return probeFindings(named, crafted);
};

const summary = (findings: ProbeFinding[]): string[] => findings.map((f) => `${f.kind} ${f.severity}${f.credentials ? ' credentials' : ''} ${f.origin}`);

describe('probeFindings', () => {
  it.each<{ about: string; server: Server; found: string[] }>([
    { about: 'reflecting with credentials: only reflects-any-origin (every other trick is a case of it)', server: reflecting(true), found: ['reflects-any-origin high credentials https://evil.example'] },
    { about: 'reflecting without credentials: low', server: reflecting(false), found: ['reflects-any-origin low https://evil.example'] },
    { about: 'a public API: * and no credentials', server: () => [['Access-Control-Allow-Origin', '*']], found: [] },
    { about: 'a fixed Access-Control-Allow-Origin sent to everyone (no Vary needed)', server: () => [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true']], found: [] },
    { about: 'a correct one-origin allowlist with Vary', server: allowing((o) => o === ORIGIN), found: [] },
    { about: 'a correct allowlist without Vary: Origin', server: allowing((o) => o === ORIGIN, false), found: [`missing-vary-origin low ${ORIGIN}`] },
    { about: 'null trusted', server: allowing((o) => o === ORIGIN || o === 'null'), found: ['trusts-null high credentials null'] },
    { about: 'the http version trusted', server: allowing((o) => o === ORIGIN || o === 'http://app.example.com'), found: ['trusts-http high credentials http://app.example.com'] },
    {
      about: 'a prefix check: the first prefix origin shown',
      server: allowing((o) => o.startsWith(ORIGIN)),
      found: ['trusts-prefix high credentials https://app.example.com.evil.example'],
    },
    {
      about: 'a suffix check on the domain: suffix, subdomain and http, the first-dot variant put down to the suffix',
      server: allowing((o) => o.endsWith('example.com')),
      found: ['trusts-http high credentials http://app.example.com', 'trusts-suffix high credentials https://evilapp.example.com', 'trusts-any-subdomain medium credentials https://evil.app.example.com'],
    },
    {
      about: 'a pattern with unescaped dots',
      server: allowing((o) => /^https:\/\/app.example.com$/.test(o)),
      found: ['unescaped-dot high credentials https://appxexample.com'],
    },
    {
      about: 'an unanchored suffix pattern with an unescaped dot: both',
      server: allowing((o) => /app.example.com$/.test(o)),
      found: ['trusts-http high credentials http://app.example.com', 'trusts-suffix high credentials https://evilapp.example.com', 'unescaped-dot high credentials https://appxexample.com', 'trusts-any-subdomain medium credentials https://evil.app.example.com'],
    },
    {
      about: 'any subdomain by design: medium',
      server: allowing((o) => /^https:\/\/([a-z]+\.)?app\.example\.com$/.test(o)),
      found: ['trusts-any-subdomain medium credentials https://evil.app.example.com'],
    },
  ])('$about', ({ server, found }) => {
    expect(summary(findingsOf(server))).toEqual(found);
  });

  it('a preflighted request: crafted origins are judged on their preflight', () => {
    const { named, crafted } = outcomes(reflecting(true), 'PUT', [['X-Token', 'a']], true);
    expect(crafted.every((outcome) => !outcome.probe.sendsRequest && outcome.answers.response === null)).toBe(true);
    expect(named.diagnosis.verdict).toBe('allowed');
    expect(summary(probeFindings(named, crafted))).toEqual(['reflects-any-origin high credentials https://evil.example']);
  });

  it('a preflight that refuses the method still shows whom the server trusts (the origin checks decide)', () => {
    const server: Server = (origin) => (origin === ORIGIN ? reflecting(true)(origin) : [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', 'GET'], ['Vary', 'Origin']]);
    const { named, crafted } = outcomes(server, 'PUT');
    expect(crafted.every((outcome) => outcome.grant.read && !outcome.grant.credentials)).toBe(true);
    expect(summary(probeFindings(named, crafted))).toEqual(['reflects-any-origin low https://evil.example']);
  });

  it('a preflight without Access-Control-Allow-Origin for crafted origins grants them nothing', () => {
    const server: Server = (origin) => (origin === ORIGIN ? reflecting(true)(origin) : [['Access-Control-Allow-Methods', 'GET, PUT'], ['Vary', 'Origin']]);
    const { named, crafted } = outcomes(server, 'PUT', [], true);
    expect(crafted.every((outcome) => !outcome.grant.read && !outcome.grant.credentials)).toBe(true);
    expect(probeFindings(named, crafted)).toEqual([]);
  });

  it('the backtick origin, which no URL parser accepts, is judged as a valid origin in its place', () => {
    const { crafted } = outcomes(allowing((o) => o.includes('%60')));
    const granted = crafted.filter((outcome) => outcome.grant.credentials).map((outcome) => outcome.probe.origin);
    expect(granted).toEqual(['https://app.example.com%60.evil.example']);
  });
});

describe('findingText and probeFixes', () => {
  it('words each finding with its origin, what it can read and the fix', () => {
    expect(findingText({ kind: 'trusts-null', severity: 'high', origin: 'null', credentials: true })).toMatch(/origin "null".*\(null\) can read responses with the user's cookies.*Never allow null\./);
    expect(findingText({ kind: 'reflects-any-origin', severity: 'low', origin: 'https://evil.example', credentials: false })).toContain('only what anyone could fetch');
    expect(findingText({ kind: 'missing-vary-origin', severity: 'low', origin: ORIGIN, credentials: false })).toContain('Send Vary: Origin');
  });

  it('the fix allows exactly the named origin, with credentials when granted today; none without findings', () => {
    const { named, crafted } = outcomes(reflecting(true), 'GET', [], true);
    const fixes = probeFixes(named, probeFindings(named, crafted), true);
    const generic = fixes.find((fix) => fix.target === 'generic');
    expect(generic?.snippet.split('\n')).toEqual(['# On the actual response:', `Access-Control-Allow-Origin: ${ORIGIN}`, 'Access-Control-Allow-Credentials: true', 'Vary: Origin']);
    expect(fixes.some((fix) => fix.target.endsWith('-proxy'))).toBe(false);
    expect(probeFixes(named, [], true)).toEqual([]);
  });

  // Session 40: a blocked named origin got no fix unless a crafted origin was trusted.
  it('the named origin blocked: the fix sends every header it lacks, for exactly that origin, findings or not', () => {
    const noMethods: Server = (origin) => reflecting(true)(origin).filter(([name]) => !name.startsWith('Access-Control-Allow-Methods'));
    const { named: sent, crafted } = outcomes(noMethods, 'PUT', [['Content-Type', 'application/json']], true);
    // The request is not sent after a preflight that fails, as the probe does.
    const named = probeOutcome(sent.probe, { ...sent.answers, response: null }, 'include');
    expect(named.diagnosis.verdict).toBe('blocked');
    const findings = probeFindings(named, crafted);
    expect(summary(findings)).toEqual(['reflects-any-origin high credentials https://evil.example']);
    const generic = probeFixes(named, findings, true).find((fix) => fix.target === 'generic');
    expect(generic?.snippet.split('\n').slice(0, 5)).toEqual([
      '# On the OPTIONS preflight response:',
      `Access-Control-Allow-Origin: ${ORIGIN}`,
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Allow-Methods: GET, HEAD, POST, PUT',
      'Access-Control-Allow-Headers: x-token, content-type',
    ]);
    expect(probeFixes(named, [], true)).toEqual(probeFixes(named, findings, true));
  });

  it('writes no fix for the origin null (probed after a cross-origin redirect): trusting it trusts every opaque origin', () => {
    const { named, crafted } = outcomes(reflecting(true), 'GET', [], true, 'null');
    expect(crafted).toEqual([]);
    const finding: ProbeFinding = { kind: 'missing-vary-origin', severity: 'low', origin: 'null', credentials: true };
    expect(probeFixes(named, [finding], true)).toEqual([]);
  });
});

// `--origin null` sends no crafted origin: the named origin is the one tried, and a server that
// grants it is the finding (the panel offers this probe for an exchange sent with Origin: null).
describe('probeFindings with --origin null', () => {
  it.each<{ about: string; server: Server; credentials: boolean; found: string[] }>([
    { about: 'echoed with credentials: high', server: reflecting(true), credentials: true, found: ['trusts-null high credentials null'] },
    { about: 'echoed with credentials, the probe without them: still high (granted)', server: reflecting(true), credentials: false, found: ['trusts-null high credentials null'] },
    { about: 'echoed without credentials: low', server: reflecting(false), credentials: false, found: ['trusts-null low null'] },
    { about: 'a public *: nothing', server: () => [['Access-Control-Allow-Origin', '*']], credentials: false, found: [] },
    { about: 'no CORS headers: nothing', server: () => [], credentials: false, found: [] },
    { about: 'another origin only: nothing', server: allowing((o) => o === ORIGIN), credentials: true, found: [] },
  ])('$about', ({ server, credentials, found }) => {
    const { named, crafted } = outcomes(server, 'GET', [], credentials, 'null');
    expect(crafted).toEqual([]);
    expect(summary(probeFindings(named, crafted))).toEqual(found);
  });

  it('writes no fix that names null; the finding says what to send instead', () => {
    const { named, crafted } = outcomes(reflecting(true), 'GET', [], true, 'null');
    const findings = probeFindings(named, crafted);
    expect(probeFixes(named, findings, true)).toEqual([]);
    expect(findingText(findings[0]!)).toMatch(/Never allow null\. Data anyone may read without credentials can be sent with \*; .*call it directly\./);
  });
});

