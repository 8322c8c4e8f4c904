// The one-pass verdict of the common shapes must say exactly what diagnose() says, whenever it says
// anything; and it must say something for the shapes it is meant for, and nothing for the others.
// diagnose() (the full replay, the full account) is the reference; the generator below builds
// exchanges of the shapes common-verdict.ts takes, and their near misses, with the headers and
// values its checks branch on. Seeded: a failure is the same each time.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonShapeVerdict } from './common-verdict.ts';
import { diagnose, diagnoseVerdict } from './diagnose.ts';
import type { HeaderLine, ObservedExchange, ObservedHop, ObservedResponse } from './exchange.ts';
import { failureReason } from './explain/reason-words.ts';
import type { FailureReason } from './failure-reason.ts';
import type { VerdictOnly } from './verdict-only.ts';

const SEED = 1404;
const PAGE = 'https://app.example';

function fromDiagnose(exchange: ObservedExchange): VerdictOnly {
  const diagnosis = diagnose(exchange);
  // When blocked, the reason is the one the failed check recorded.
  expect(diagnosis.failureReason).toBe(diagnosis.verdict === 'blocked' ? failureReason(diagnosis) : null);
  return {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failureReason: diagnosis.failureReason,
    preflightSent: diagnosis.preflight.observed === 'sent',
    failedHop: diagnosis.verdict === 'blocked' ? diagnosis.failedAt!.hop : null,
    preflightUnanswered: diagnosis.preflightUnanswered === true,
  };
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const line = (name: string, value: string) => [name, value] as unknown as HeaderLine;
const lines = (arbitrary: fc.Arbitrary<[string, string]>, maxLength: number) => fc.array(arbitrary.map(([n, v]) => line(n, v)), { maxLength });

// URLs: the usual form (cross- or same-origin with the page), and ones the one pass leaves to the replay.
const url = fc.oneof(
  { weight: 12, arbitrary: pick('https://api.example/v1/a', 'https://api.example:8443/x?y', 'http://api.example/', 'https://cdn.example#f', 'https://auth.example/p') },
  { weight: 1, arbitrary: pick(`${PAGE}/same`, 'https://xn--bcher-kva.example/', 'http://127.1/', 'data:,x', 'ftp://api.example/', 'https://u:p@api.example/', '/relative') },
);

// The CORS response headers, right and wrong: several lines, other spellings, lists, whitespace.
const corsLine = fc.oneof(
  pick<[string, string]>(
    ['Access-Control-Allow-Origin', PAGE],
    ['Access-Control-Allow-Origin', '*'],
    ['access-control-allow-origin', ` ${PAGE} `],
    ['Access-Control-Allow-Origin', 'null'],
    ['Access-Control-Allow-Origin', 'https://other.example'],
    ['Access-Control-Allow-Origin', `${PAGE}/`],
    ['Access-Control-Allow-Origin', `${PAGE}, https://other.example`],
    ['Access-Control-Allow-Origin', 'not a url'],
    ['Access-Control-Allow-Credentials', 'true'],
    ['ACCESS-CONTROL-ALLOW-CREDENTIALS', 'TRUE'],
    ['Access-Control-Allow-Methods', 'GET, PUT, PATCH, DELETE'],
    ['Access-Control-Allow-Methods', '*'],
    ['Access-Control-Allow-Methods', 'put'],
    ['Access-Control-Allow-Methods', 'GET PUT'],
    ['access-control-allow-headers', 'Content-Type, X-Request-Id, Authorization'],
    ['Access-Control-Allow-Headers', '*'],
    ['Access-Control-Allow-Headers', 'content-type'],
    ['Access-Control-Allow-Headers', 'x-key'],
    ['Access-Control-Allow-Headers', 'a b'],
    ['Access-Control-Allow-Hexaders', 'x'],
    ['Access-Control-Max-Age', '600'],
    ['Location', 'https://cdn.example/moved'],
    ['Vary', 'Origin'],
    ['Content-Type', 'application/json'],
  ),
);
const responseOf = (statuses: fc.Arbitrary<number>): fc.Arbitrary<ObservedResponse> =>
  fc.record({ status: statuses, headers: lines(corsLine, 6) });
const finalStatus = pick(200, 204, 401, 404, 500);
const anyStatus = pick(200, 204, 302, 307, 401, 404, 500);

// The request's headers: the browser's own, the facts, safelisted and unsafe ones, odd spellings,
// a name only `toLowerCase` makes ASCII (KELVIN SIGN), one the browser may add after its preflight
// decision, and safelisted values long enough to make them unsafe together.
const requestLine = fc.oneof(
  {
    weight: 12,
    arbitrary: pick<[string, string]>(
      ['Accept', '*/*'],
      ['Accept-Language', 'en-US,en;q=0.9'],
      ['Cookie', 'a=b'],
      ['cookie', 'a=b'],
      ['Origin', PAGE],
      ['Sec-Fetch-Mode', 'cors'],
      ['sec-fetch-mode', 'no-cors'],
      ['User-Agent', 'x'],
      ['Content-Type', 'application/json'],
      ['Content-Type', 'text/plain'],
      ['content-TYPE', 'application/json'],
      ['Authorization', 'Bearer x'],
      ['X-Request-Id', '1'],
      ['x-request-id', '2'],
      ['X-\u212Aey', '1'],
      ['DPR', '2'],
    ),
  },
  {
    weight: 1,
    arbitrary: pick<[string, string]>(
      ['Sec-Fetch-Mode', 'navigate'],
      ['X-HTTP-Method-Override', 'TRACE'],
      ['Pragma', 'no-cache'],
      ['Accept', 'a'.repeat(128)],
      ['Content-Language', 'en'.repeat(60)],
    ),
  },
);

const preflight = fc.record({
  url,
  requestHeaders: fc.constant([line('Access-Control-Request-Method', 'PUT')]),
  response: fc.option(responseOf(pick(200, 204, 302, 404, 500)), { nil: null, freq: 8 }),
});
const hop = (statuses: fc.Arbitrary<number>, withPreflight: boolean): fc.Arbitrary<ObservedHop> =>
  fc.record(
    { url, response: fc.option(responseOf(statuses), { nil: null, freq: 6 }), ...(withPreflight ? { preflight } : {}) },
    { requiredKeys: ['url', 'response'] },
  );

/** Exchanges of the shapes the one pass takes, and their near misses. */
const commonShaped: fc.Arbitrary<ObservedExchange> = fc
  .record({
    method: pick('GET', 'POST', 'PUT', 'patch', 'DELETE'),
    headers: lines(requestLine, 8),
    initiatorOrigin: fc.option(fc.oneof({ weight: 8, arbitrary: fc.constant(PAGE) }, { weight: 1, arbitrary: pick('null', 'http://localhost:3000') }), { nil: undefined, freq: 10 }),
    mode: fc.option(fc.oneof({ weight: 8, arbitrary: fc.constant('cors' as const) }, { weight: 1, arbitrary: pick('no-cors' as const, 'same-origin' as const) }), { nil: undefined, freq: 4 }),
    credentialsMode: fc.option(pick('omit' as const, 'same-origin' as const, 'include' as const), { nil: undefined }),
    redirectMode: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constant('follow' as const) }, { weight: 1, arbitrary: fc.constant('manual' as const) }), { nil: undefined, freq: 2 }),
    hops: fc.oneof(
      { weight: 4, arbitrary: hop(anyStatus, true).map((h) => [h]) },
      { weight: 2, arbitrary: fc.tuple(hop(pick(301, 302, 303, 307, 308, 200), false), hop(finalStatus, false)) },
      { weight: 1, arbitrary: fc.array(hop(anyStatus, true), { maxLength: 3 }) },
    ),
    errorText: fc.option(pick('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_ABORTED', 'net::ERR_CONNECTION_RESET', 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS'), { nil: undefined }),
  })
  .map((r) => {
    const request: ObservedExchange['request'] = { method: r.method, headers: r.headers };
    if (r.initiatorOrigin !== undefined) request.initiatorOrigin = r.initiatorOrigin === 'null' ? null : r.initiatorOrigin;
    if (r.mode !== undefined) request.mode = r.mode;
    if (r.credentialsMode !== undefined) request.credentialsMode = r.credentialsMode;
    if (r.redirectMode !== undefined) request.redirectMode = r.redirectMode;
    const exchange: ObservedExchange = { request, hops: r.hops };
    if (r.errorText !== undefined) exchange.errorText = r.errorText;
    return exchange;
  });

describe('the verdict of the common shapes', () => {
  it("is diagnose()'s verdict whenever it gives one, and gives one for most of them", () => {
    let decided = 0;
    const verdicts = new Set<string>();
    fc.assert(
      fc.property(commonShaped, (exchange) => {
        const common = commonShapeVerdict(exchange);
        expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
        if (common === null) return;
        decided++;
        verdicts.add(`${common.verdict} ${common.corsError ?? ''}`);
        expect(common).toEqual(fromDiagnose(exchange));
      }),
      { seed: SEED, numRuns: 6000 },
    );
    // The generator reaches every kind of verdict the one pass gives, and the preflight's checks.
    expect(decided).toBeGreaterThan(1000);
    for (const verdict of ['allowed ', 'not-cors ', 'network-error ', 'uncertain ', 'blocked AllowOriginMismatch', 'blocked HeaderDisallowedByPreflightResponse', 'blocked MethodDisallowedByPreflightResponse', 'blocked PreflightInvalidStatus']) {
      expect(verdicts).toContain(verdict);
    }
  }, 120_000);

  // With an answered preflight, the lines the browser added after deciding on it (HTTP/2
  // pseudo-headers, `Priority`, the cache's, `X-Client-Data`) are told from the page's by the
  // preflight's `Access-Control-Request-Headers`, as `withPageSetHeaders` tells them: a preflight
  // that mostly passes, so that whether a line was skipped or checked decides the verdict.
  const addedLine = pick<[string, string]>(
    [':authority', 'api.example'],
    [':method', 'PUT'],
    ['priority', 'u=1, i'],
    ['Priority', 'u=4'],
    ['Cache-Control', 'no-cache'],
    ['cache-control', 'max-age=0'],
    ['Pragma', 'no-cache'],
    ['X-Client-Data', 'CgSL'],
    ['If-None-Match', '"e1"'],
    ['If-Modified-Since', 'Sat, 21 Nov 2026 22:51:14 GMT'],
  );
  const requestedLine = pick<[string, string]>(
    ['Access-Control-Request-Headers', 'content-type,x-request-id'],
    ['Access-Control-Request-Headers', 'priority'],
    ['access-control-request-headers', 'Cache-Control, pragma'],
    ['Access-Control-Request-Headers', 'if-none-match,x-client-data'],
    ['Access-Control-Request-Headers', ':authority'],
  );
  const allowedHeaders = pick('content-type, x-request-id', 'content-type, x-request-id, priority, pragma', 'priority, cache-control, if-none-match, x-client-data', '*');
  const withAddedLines: fc.Arbitrary<ObservedExchange> = fc
    .record({
      headers: fc.array(fc.oneof(requestLine, addedLine).map(([n, v]) => line(n, v)), { maxLength: 8 }),
      requested: lines(requestedLine, 2),
      allowHeaders: allowedHeaders,
      mode: fc.option(fc.constant('cors' as const), { nil: undefined }),
      credentialsMode: fc.option(pick('same-origin' as const, 'include' as const), { nil: undefined }),
      // The browser's CORS failure with no response (blocked at the preflight), or the response.
      failed: fc.boolean(),
    })
    .map((r) => {
      const request: ObservedExchange['request'] = { method: 'PUT', headers: r.headers, initiatorOrigin: PAGE };
      if (r.mode !== undefined) request.mode = r.mode;
      if (r.credentialsMode !== undefined) request.credentialsMode = r.credentialsMode;
      const answer: ObservedResponse = {
        status: 204,
        headers: [line('Access-Control-Allow-Origin', PAGE), line('Access-Control-Allow-Credentials', 'true'), line('Access-Control-Allow-Methods', 'PUT'), line('Access-Control-Allow-Headers', r.allowHeaders)],
      };
      const preflight = { url: 'https://api.example/a', requestHeaders: [line('Access-Control-Request-Method', 'PUT'), ...r.requested], response: answer };
      if (r.failed) return { request, hops: [{ url: 'https://api.example/a', preflight, response: null }], errorText: 'net::ERR_FAILED' };
      return { request, hops: [{ url: 'https://api.example/a', preflight, response: { status: 200, headers: [line('Access-Control-Allow-Origin', PAGE), line('Access-Control-Allow-Credentials', 'true')] } }] };
    });

  it("skips the lines the browser added after its preflight as diagnose() does, and decides them", () => {
    const verdicts = new Map<string, number>();
    fc.assert(
      fc.property(withAddedLines, (exchange) => {
        const common = commonShapeVerdict(exchange);
        expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
        const key = common === null ? 'left to the replay' : `${common.verdict} ${common.failedParameter ?? ''}`;
        verdicts.set(key, (verdicts.get(key) ?? 0) + 1);
        if (common !== null) expect(common).toEqual(fromDiagnose(exchange));
      }),
      { seed: SEED, numRuns: 2000 },
    );
    // Lines skipped (allowed although not listed), and lines kept (named by the preflight, then
    // not allowed); left to the replay: no mode to be read, or safelisted values over 1024 bytes.
    expect(verdicts.get('allowed ')).toBeGreaterThan(200);
    for (const name of ['priority', 'pragma', 'cache-control', 'x-client-data']) expect(verdicts.get(`blocked ${name}`)).toBeGreaterThan(0);
    expect(verdicts.get('left to the replay') ?? 0).toBeLessThan(400);
  }, 120_000);

  const page = { initiatorOrigin: PAGE, mode: 'cors' as const };
  const allowing: ObservedResponse = { status: 200, headers: [line('Access-Control-Allow-Origin', '*')] };
  const simple: ObservedExchange = { request: { method: 'GET', headers: [line('Accept', '*/*')], ...page }, hops: [{ url: 'https://api.example/a', response: allowing }] };
  const preflighted: ObservedExchange = {
    request: { method: 'PUT', headers: [line('Content-Type', 'application/json'), line('X-\u212Aey', '1')], ...page },
    hops: [
      {
        url: 'https://api.example/a',
        preflight: {
          url: 'https://api.example/a',
          requestHeaders: [],
          response: { status: 204, headers: [line('Access-Control-Allow-Origin', '*'), line('Access-Control-Allow-Methods', 'PUT'), line('Access-Control-Allow-Headers', 'content-type, x-key')] },
        },
        response: allowing,
      },
    ],
  };
  const redirected: ObservedExchange = {
    request: { method: 'GET', headers: [], ...page },
    hops: [
      { url: 'https://api.example/a', response: { status: 302, headers: [line('Access-Control-Allow-Origin', '*'), line('Location', 'https://cdn.example/b')] } },
      { url: 'https://cdn.example/b', response: { status: 200, headers: [line('Access-Control-Allow-Origin', PAGE)] } },
    ],
  };

  const withRequest = (change: Partial<ObservedExchange['request']>, of: ObservedExchange = simple): ObservedExchange => ({ ...of, request: { ...of.request, ...change } });
  const withHops = (hops: ObservedHop[], of: ObservedExchange = simple): ObservedExchange => ({ ...of, hops });
  const withPreflightRequestHeaders = (requestHeaders: HeaderLine[]): ObservedExchange =>
    withHops([{ ...preflighted.hops[0]!, preflight: { ...preflighted.hops[0]!.preflight!, requestHeaders } }], preflighted);

  it.each([
    ['a simple request', simple],
    ['one with an answered preflight (a name only toLowerCase makes ASCII listed)', preflighted],
    ['one redirect followed (the origin tainted: `null` was expected)', redirected],
    ['one with a preflight, and headers the browser added after it (HTTP/2 pseudo-headers, Priority, one the preflight names)', withRequest({ headers: [line(':authority', 'api.example'), ...preflighted.request.headers, line('priority', 'u=1, i'), line('Pragma', 'no-cache')] }, withPreflightRequestHeaders([line('Access-Control-Request-Headers', 'content-type,pragma,x-key')]))],
    ['one with the mode left unsaid and no Origin sent (no-cors), the network failed', { request: { method: 'GET', headers: [], initiatorOrigin: PAGE }, hops: [{ url: 'https://api.example/a', response: null }], errorText: 'net::ERR_CONNECTION_REFUSED' }],
  ] as [string, ObservedExchange][])('decides %s, as diagnose() does', (_, exchange) => {
    const common = commonShapeVerdict(exchange);
    expect(common).not.toBeNull();
    expect(common).toEqual(fromDiagnose(exchange));
  });

  // Chromium names '' both for a missing Access-Control-Allow-Credentials and for an empty one; the
  // check's reason tells them apart, and says why a list did not allow a name: the one pass gives
  // the reason the check gave, as the replay records it on the failed check.
  const credentialed = (responseHeaders: HeaderLine[]): ObservedExchange =>
    withHops([{ url: 'https://api.example/a', response: { status: 200, headers: [line('Access-Control-Allow-Origin', PAGE), ...responseHeaders] } }], withRequest({ credentialsMode: 'include' }));
  const preflightAnswer = (headers: HeaderLine[], credentialsMode: 'include' | 'same-origin' = 'same-origin'): ObservedExchange =>
    withHops([{ ...preflighted.hops[0]!, preflight: { ...preflighted.hops[0]!.preflight!, response: { status: 204, headers } }, response: null }], { ...withRequest({ credentialsMode }, preflighted), errorText: 'net::ERR_FAILED' });
  const allowAll = [line('Access-Control-Allow-Origin', PAGE), line('Access-Control-Allow-Methods', 'PUT')];
  it.each([
    ['no Access-Control-Allow-Credentials', credentialed([]), 'InvalidAllowCredentials', 'no-allow-credentials'],
    ['an empty Access-Control-Allow-Credentials', credentialed([line('Access-Control-Allow-Credentials', '')]), 'InvalidAllowCredentials', 'allow-credentials-not-true'],
    ["the preflight's empty Access-Control-Allow-Credentials", preflightAnswer([...allowAll, line('Access-Control-Allow-Credentials', '')], 'include'), 'PreflightInvalidAllowCredentials', 'allow-credentials-not-true'],
    ["the preflight's missing Access-Control-Allow-Credentials", preflightAnswer(allowAll, 'include'), 'PreflightInvalidAllowCredentials', 'no-allow-credentials'],
    ['the redirect target with no Access-Control-Allow-Credentials', withRequest({ credentialsMode: 'include' }, withHops([{ url: 'https://api.example/a', response: { status: 302, headers: [line('Access-Control-Allow-Origin', PAGE), line('Access-Control-Allow-Credentials', 'true'), line('Location', 'https://cdn.example/b')] } }, { url: 'https://cdn.example/b', response: { status: 200, headers: [line('Access-Control-Allow-Origin', 'null')] } }], redirected)), 'InvalidAllowCredentials', 'no-allow-credentials'],
    ['another origin allowed', withHops([{ url: 'https://api.example/a', response: { status: 200, headers: [line('Access-Control-Allow-Origin', 'https://other.example')] } }]), 'AllowOriginMismatch', 'origin-mismatch'],
    ['a header not listed', preflightAnswer([...allowAll, line('Access-Control-Allow-Headers', 'content-type')]), 'HeaderDisallowedByPreflightResponse', 'not-listed'],
    ['no Access-Control-Allow-Headers', preflightAnswer(allowAll), 'HeaderDisallowedByPreflightResponse', 'no-allow-headers'],
    ['* with credentials', preflightAnswer([...allowAll, line('Access-Control-Allow-Credentials', 'true'), line('Access-Control-Allow-Headers', '*')], 'include'), 'HeaderDisallowedByPreflightResponse', 'wildcard-is-literal-with-credentials'],
    ['a method not listed', preflightAnswer([line('Access-Control-Allow-Origin', PAGE), line('Access-Control-Allow-Methods', 'GET')]), 'MethodDisallowedByPreflightResponse', 'not-listed'],
    ['an error status, which fails in one way only', withHops([{ ...preflighted.hops[0]!, preflight: { ...preflighted.hops[0]!.preflight!, response: { status: 500, headers: allowAll } }, response: null }], { ...preflighted, errorText: 'net::ERR_FAILED' }), 'PreflightInvalidStatus', null],
  ] as [string, ObservedExchange, string, FailureReason | null][])("gives the check's reason for %s, as the replay does", (_, exchange, corsError, reason) => {
    const common = commonShapeVerdict(exchange);
    expect(common).toMatchObject({ verdict: 'blocked', corsError, failureReason: reason });
    const diagnosis = diagnose(exchange);
    expect(diagnosis.failureReason).toBe(reason);
    expect(failureReason(diagnosis)).toBe(reason);
    expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });

  it.each([
    ['three hops', withHops([...redirected.hops, redirected.hops[1]!], redirected)],
    ['a same-origin URL', withHops([{ url: `${PAGE}/a`, response: allowing }])],
    ['an opaque page origin', withRequest({ initiatorOrigin: null })],
    ['no page origin', withRequest({ initiatorOrigin: undefined })],
    ['redirect mode "manual"', withRequest({ redirectMode: 'manual' })],
    ['request mode "same-origin"', withRequest({ mode: 'same-origin' })],
    ['a targetAddressSpace mismatch', withRequest({ targetAddressSpaceMismatch: true })],
    ['a host the URL parser rewrites', withHops([{ url: 'http://127.1/', response: allowing }])],
    ['a redirect not followed (the capture stops at it)', withHops([redirected.hops[0]!], redirected)],
    // Main fetch sets the CORS flag only at hop 1, where Chromium preflights (redirects-from-page.json).
    [
      'a same-origin PUT redirected to another origin, preflighted there',
      withHops(
        [
          { url: `${PAGE}/a`, response: { status: 307, headers: [line('Location', 'https://api.example/b')] } },
          { url: 'https://api.example/b', preflight: { url: 'https://api.example/b', requestHeaders: [line('Access-Control-Request-Method', 'PUT')], response: { status: 405, headers: [] } }, response: null },
        ],
        { ...withRequest({ method: 'PUT' }), errorText: 'net::ERR_FAILED' },
      ),
    ],
    ['a 3xx with no Location', withHops([{ url: 'https://api.example/a', response: { status: 302, headers: [] } }, redirected.hops[1]!], redirected)],
    ['a redirect in "no-cors" mode', withRequest({ mode: 'no-cors' }, redirected)],
    ['a preflight not answered', withHops([{ ...preflighted.hops[0]!, preflight: { ...preflighted.hops[0]!.preflight!, response: null } }], preflighted)],
    ['safelisted values over 1024 bytes with a preflight', withRequest({ headers: [...preflighted.request.headers, ...Array.from({ length: 9 }, () => line('Accept', 'a'.repeat(120)))] }, preflighted)],
    ['no response, the browser reporting a CORS failure (Local Network Access may have refused it)', { ...withHops([{ url: 'https://api.example/a', response: null }]), errorText: 'net::ERR_FAILED' }],
  ] as [string, ObservedExchange][])('leaves %s to the full replay', (_, exchange) => {
    expect(commonShapeVerdict(exchange)).toBeNull();
    expect(diagnoseVerdict(exchange)).toEqual(fromDiagnose(exchange));
  });
});
