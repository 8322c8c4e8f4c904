import { describe, expect, it } from 'vitest';
import { diagnose, explain, type ObservedExchange, probeTargetOf } from '../../cors/index.ts';
import {
  addHeader,
  applyMustSend,
  assumesFollow,
  changeHeader,
  messageOf,
  sendsFromEdits,
  removeHeader,
  setHeader,
  simulate,
  simulatedExchange,
  whatIfTargets,
  withEdit,
} from './what-if.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example/v1/items/42';

/** A PUT whose preflight did not allow x-trace: Chromium never sent the request. */
function blockedPreflight(): ObservedExchange {
  return {
    request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json'], ['X-Trace', 'a4']], initiatorOrigin: PAGE },
    hops: [
      {
        url: API,
        preflight: {
          url: API,
          requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-trace']],
          response: {
            status: 204,
            headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET,PUT'], ['Access-Control-Allow-Headers', 'Content-Type'], ['Vary', 'Origin']],
          },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
    browserVerdict: { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace' },
  };
}

/** Frozen all the way down: a write anywhere in it throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const PREFLIGHT = { on: 'preflight', hop: 0 } as const;
const RESPONSE = { on: 'response', hop: 0 } as const;

describe('editing a header list', () => {
  const list = [['A', '1'], ['b', '2'], ['a', '3']] as const;
  it('adds, changes, removes, each into a new list', () => {
    expect(addHeader(list)).toEqual([...list, ['', '']]);
    expect(changeHeader(list, 1, 'B', 'x')).toEqual([['A', '1'], ['B', 'x'], ['a', '3']]);
    expect(removeHeader(list, 0)).toEqual([['b', '2'], ['a', '3']]);
  });
  it('setHeader replaces every line of the name where the first was, or appends', () => {
    expect(setHeader(list, 'a', 'z')).toEqual([['a', 'z'], ['b', '2']]);
    expect(setHeader(list, 'C', '4')).toEqual([...list, ['C', '4']]);
  });
});

describe('the simulation', () => {
  it('lists the preflight and the response never received (assumed), not a network failure\'s', () => {
    expect(whatIfTargets(blockedPreflight()).map((t) => [t.on, t.hop, t.captured === null])).toEqual([
      ['preflight', 0, false],
      ['response', 0, true],
    ]);
    const refused = { ...blockedPreflight(), errorText: 'net::ERR_CONNECTION_REFUSED' };
    expect(whatIfTargets(refused).map((t) => t.on)).toEqual(['preflight']);
  });

  it('with nothing edited, the engine reaches the captured verdict', () => {
    const s = simulate(blockedPreflight(), {}, diagnose);
    expect([s.diagnosis.verdict, s.diagnosis.corsError, s.diagnosis.failedParameter]).toEqual(['blocked', 'HeaderDisallowedByPreflightResponse', 'x-trace']);
    expect(s.assumedResponse).toBe(false);
  });

  it('allowing x-trace on the preflight turns it allowed, on the response assumed from the preflight', () => {
    const exchange = deepFreeze(blockedPreflight());
    const before = JSON.stringify(exchange);
    const preflight = messageOf(exchange, {}, PREFLIGHT)!;
    const edits = withEdit({}, PREFLIGHT, { ...preflight, headers: setHeader(preflight.headers, 'Access-Control-Allow-Headers', 'Content-Type, X-Trace') });
    const { exchange: simulated, diagnosis: d, assumedResponse } = simulate(exchange, edits, diagnose);
    expect(d.verdict).toBe('allowed');
    expect(assumedResponse).toBe(true);
    expect(simulated.hops[0]!.response).toEqual({ status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] });
    expect(simulated.errorText).toBeUndefined();
    expect(simulated.browserVerdict).toBeUndefined();
    // The capture is what it was (frozen: any write would have thrown).
    expect(JSON.stringify(exchange)).toBe(before);
  });

  it('shows the next failure: the response, once the preflight passes', () => {
    const exchange = blockedPreflight();
    const preflight = messageOf(exchange, {}, PREFLIGHT)!;
    let edits = withEdit({}, PREFLIGHT, { ...preflight, headers: setHeader(preflight.headers, 'Access-Control-Allow-Headers', '*') });
    edits = withEdit(edits, RESPONSE, { status: 200, headers: [] });
    const d = diagnose(simulatedExchange(exchange, edits));
    expect([d.verdict, d.corsError, d.failedAt]).toEqual(['blocked', 'MissingAllowOriginHeader', { hop: 0, phase: 'response' }]);
    expect(d.checks.filter((c) => c.phase === 'preflight').every((c) => c.outcome !== 'failed')).toBe(true);
  });

  it('keeps a real network error: an unreachable server stays unreachable', () => {
    const refused: ObservedExchange = { request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE }, hops: [{ url: API, response: null }], errorText: 'net::ERR_CONNECTION_REFUSED' };
    expect(simulate(refused, {}, diagnose).diagnosis.verdict).toBe('network-error');
  });

  it('ignores lines left without a name', () => {
    const exchange = blockedPreflight();
    const preflight = messageOf(exchange, {}, PREFLIGHT)!;
    const edits = withEdit({}, PREFLIGHT, { ...preflight, headers: addHeader(setHeader(preflight.headers, 'Access-Control-Allow-Headers', 'content-type,x-trace'), ' ', 'x') });
    expect(simulatedExchange(exchange, edits).hops[0]!.preflight!.response!.headers.some(([n]) => n.trim() === '')).toBe(false);
  });

  it('"apply the suggested fix" writes the engine\'s must-send lines, which the engine then accepts', () => {
    const exchange = deepFreeze(blockedPreflight());
    const d = diagnose(exchange);
    const edits = applyMustSend(exchange, {}, explain(d, exchange).serverMustSend);
    expect(simulate(exchange, edits, diagnose).diagnosis.verdict).toBe('allowed');
  });

  it('the edited messages become the must-send list: their CORS headers, and a status not captured', () => {
    const exchange = blockedPreflight();
    const edits = withEdit({}, PREFLIGHT, { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', 'x-trace'], ['Content-Length', '0']] });
    expect(sendsFromEdits(exchange, withEdit(edits, RESPONSE, { status: 200, headers: [['access-control-allow-origin', PAGE]] })).must).toEqual([
      { on: 'preflight', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE },
      { on: 'preflight', hop: 0, header: 'Access-Control-Allow-Headers', value: 'x-trace' },
      { on: 'response', hop: 0, header: 'Status', value: '200', kind: 'status' },
      { on: 'response', hop: 0, header: 'access-control-allow-origin', value: PAGE },
    ]);
  });

  it('an edited Vary naming Origin is advice, never among what the server must send (no browser checks Vary)', () => {
    const exchange = blockedPreflight();
    const edits = withEdit({}, RESPONSE, { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Accept-Encoding, Origin'], ['vary', 'Accept']] });
    expect(sendsFromEdits(exchange, edits)).toEqual({
      must: [
        { on: 'response', hop: 0, header: 'Status', value: '200', kind: 'status' },
        { on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE },
      ],
      should: [{ on: 'response', hop: 0, header: 'Vary', value: 'Accept-Encoding, Origin', advice: 'vary-origin' }],
    });
  });

  it('"apply the suggested fix" sets the advised Vary too, as the fix snippets do', () => {
    const exchange = blockedPreflight();
    const explanation = explain(diagnose(exchange), exchange);
    const edits = applyMustSend(exchange, {}, [...explanation.serverMustSend, ...(explanation.serverShouldSend ?? [])]);
    // The captured preflight already had Vary: Origin; the fix adds it to the response.
    expect(sendsFromEdits(exchange, edits).should.filter((s) => s.on === 'response')).toEqual([{ on: 'response', hop: 0, header: 'Vary', value: 'Origin', advice: 'vary-origin' }]);
  });

  it('"apply the suggested fix" after an older Chromium\'s Private Network Access code sets what Chromium 156 checks, not the old header it ignores', () => {
    // A GET from a public page to a device on the local network, which the older Chromium preflighted
    // for the private network alone: that browser's code stands as the captured diagnosis.
    const device = 'http://192.168.1.20/api/items';
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, credentialsMode: 'same-origin' },
      hops: [
        {
          url: device,
          preflight: {
            url: device,
            requestHeaders: [['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Private-Network', 'true'], ['Origin', PAGE]],
            response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE]] },
          },
          response: null,
        },
      ],
      errorText: 'net::ERR_FAILED',
    };
    const older = { ...diagnose(exchange), verdict: 'blocked', corsError: 'PreflightMissingAllowPrivateNetwork', failedParameter: '', failedAt: { hop: 0, phase: 'preflight' } } as const;
    const explanation = explain(older, exchange);
    expect(explanation.serverShouldSend?.map((s) => s.header)).toContain('Access-Control-Allow-Private-Network');
    const edits = applyMustSend(exchange, {}, [...explanation.serverMustSend, ...(explanation.serverShouldSend ?? [])]);
    const sends = sendsFromEdits(exchange, edits);
    expect(sends.must.map((m) => m.header)).not.toContain('Access-Control-Allow-Private-Network');
    expect(Object.values(edits).flatMap((m) => m.headers.map(([name]) => name.toLowerCase()))).not.toContain('access-control-allow-private-network');
    // What Chromium 156 checks: the response it never got (its status, as simulated), and its CORS header.
    expect(sends.must).toEqual([
      { on: 'response', hop: 0, header: 'Status', value: '200', kind: 'status' },
      { on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE },
    ]);
  });
});

describe('the simulation of a blocked redirect', () => {
  const NEXT = 'https://cdn.example/v1/items/42';
  /** GET → 302 without Access-Control-Allow-Origin: Chromium blocked it, the capture stops there. */
  const blockedRedirect = (over: Partial<ObservedExchange['request']> = {}, errorText = 'net::ERR_FAILED'): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE, ...over },
    hops: [{ url: API, response: { status: 302, headers: [['Location', NEXT]] } }],
    errorText,
  });
  const simulated = (x: ObservedExchange) => {
    const captured = diagnose(x);
    const edits = applyMustSend(x, {}, explain(captured, x).serverMustSend);
    const simulation = simulate(x, edits, diagnose);
    return { captured, simulation, headline: explain(simulation.diagnosis, simulation.exchange).headline, explanation: explain(simulation.diagnosis, simulation.exchange).explanation };
  };

  it('with the fix applied, follows the redirect (fetch\'s default) and says the next URL was not captured; never "Same-origin"', () => {
    const { captured, simulation, headline, explanation } = simulated(blockedRedirect());
    expect(captured.corsError).toBe('MissingAllowOriginHeader');
    expect(simulation.exchange.request.redirectMode).toBe('follow');
    expect(simulation.diagnosis.verdict).toBe('uncertain');
    expect(headline).toBe('Redirect passes; next URL not captured');
    expect(explanation).toContain(`follows it to ${NEXT}. What that URL answers was not captured`);
  });

  it.each<[string, ObservedExchange, boolean]>([
    ['blocked at the redirect, mode not captured', blockedRedirect(), true],
    ['blocked at the redirect, mode captured', blockedRedirect({ redirectMode: 'manual' }), false],
    ['the page got the redirect (no error)', { ...blockedRedirect(), errorText: undefined } as ObservedExchange, false],
    ['a network error at the redirect', blockedRedirect({}, 'net::ERR_CONNECTION_RESET'), false],
    ['blocked at a 200', { ...blockedRedirect(), hops: [{ url: API, response: { status: 200, headers: [] } }] }, false],
  ])('%s: follows in the simulation → %s', (_n, x, follows) => {
    expect(assumesFollow(x)).toBe(follows);
    expect(simulatedExchange(x, {}).request.redirectMode).toBe(follows ? 'follow' : x.request.redirectMode);
  });
});

describe('the simulation after a cross-origin redirect (Origin null)', () => {
  const FINAL = 'https://cdn.example/v1/items/42';
  const tainted: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [
      { url: API, response: { status: 302, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', FINAL]] } },
      { url: FINAL, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
    ],
    errorText: 'net::ERR_FAILED',
  };

  it('"apply the suggested fix" (* on the target\'s response) is allowed, and the probe goes to the target with Origin null', () => {
    const captured = diagnose(tainted);
    expect(captured.corsError).toBe('AllowOriginMismatch');
    const edits = applyMustSend(tainted, {}, explain(captured, tainted).serverMustSend);
    expect(sendsFromEdits(tainted, edits).must.filter((m) => m.header.startsWith('Access-Control'))).toEqual([{ on: 'response', hop: 1, header: 'Access-Control-Allow-Origin', value: '*' }]);
    const { diagnosis, exchange } = simulate(tainted, edits, diagnose);
    expect(diagnosis.verdict).toBe('allowed');
    expect(probeTargetOf(diagnosis, exchange)).toMatchObject({ url: FINAL, origin: 'null' });
  });
});

/**
 * After a redirect from another origin the next hop is asked for Origin: null (tainted). Whatever
 * that hop answered, "Apply the suggested fix" either makes the exchange pass or is not offered (an
 * empty list): with credentials only Access-Control-Allow-Origin: null would pass, which is never
 * advised, so no partial list (Allow-Methods alone) may be offered that cannot pass.
 */
describe('after a cross-origin redirect, the suggested fix passes or is not offered', () => {
  const B = 'https://b.example/final';
  const ACAO = (v: string): [string, string] => ['Access-Control-Allow-Origin', v];
  const ACAC: [string, string] = ['Access-Control-Allow-Credentials', 'true'];
  const origins: [string, string][][] = [[], [ACAO(PAGE)], [ACAO('null')], [ACAO('*')], [ACAO(PAGE), ACAO('null')]];
  const credentialLines: [string, string][][] = [[], [ACAC]];
  const policies: [string, string][][] = [[], [['Access-Control-Allow-Methods', 'PUT']], [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a']]];
  const away = (credentials: boolean): [string, string][] => [['Location', B], ACAO(PAGE), ...(credentials ? [ACAC] : [])];
  const cases: [string, ObservedExchange][] = [];
  for (const credentials of [false, true]) {
    const request = (method: string, extra: [string, string][]): ObservedExchange['request'] => ({
      method,
      headers: [['Origin', PAGE], ...(credentials ? ([['Cookie', 'a=b']] as [string, string][]) : []), ...extra],
      initiatorOrigin: PAGE,
      credentialsMode: credentials ? 'include' : 'same-origin',
      mode: 'cors',
    });
    for (const o of origins) {
      for (const c of credentialLines) {
        // A simple GET: the target's response is checked.
        cases.push([`GET cred=${credentials} response ${JSON.stringify([...o, ...c])}`, {
          request: request('GET', []),
          hops: [{ url: 'https://a.example/r', response: { status: 302, headers: away(credentials) } }, { url: B, response: { status: 200, headers: [...o, ...c] } }],
          errorText: 'net::ERR_FAILED',
        }]);
        for (const p of policies) {
          for (const status of [204, 404]) {
            // A PUT with X-A, 307 (method kept): the target's preflight is checked.
            const allowA: [string, string][] = [ACAO(PAGE), ...(credentials ? [ACAC] : []), ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'x-a']];
            const ask: [string, string][] = [['Origin', 'null'], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'x-a']];
            cases.push([`PUT cred=${credentials} preflight ${status} ${JSON.stringify([...o, ...c, ...p])}`, {
              request: request('PUT', [['X-A', '1']]),
              hops: [
                { url: 'https://a.example/r', preflight: { url: 'https://a.example/r', requestHeaders: ask, response: { status: 204, headers: allowA } }, response: { status: 307, headers: away(credentials) } },
                { url: B, preflight: { url: B, requestHeaders: ask, response: { status, headers: [...o, ...c, ...p] } }, response: null },
              ],
              errorText: 'net::ERR_FAILED',
            }]);
          }
        }
      }
    }
  }

  it('generates tainted failures of every Allow-* kind, with and without credentials', () => {
    const errors = new Set(cases.map(([, x]) => diagnose(x)).filter((d) => d.verdict === 'blocked' && d.failedAt?.hop === 1).map((d) => d.corsError));
    expect([...errors].sort()).toEqual(expect.arrayContaining([
      'AllowOriginMismatch', 'InvalidAllowCredentials', 'MissingAllowOriginHeader', 'MultipleAllowOriginValues', 'WildcardOriginNotAllowed',
      'HeaderDisallowedByPreflightResponse', 'MethodDisallowedByPreflightResponse', 'PreflightAllowOriginMismatch', 'PreflightInvalidAllowCredentials',
      'PreflightInvalidStatus', 'PreflightMissingAllowOriginHeader', 'PreflightMultipleAllowOriginValues', 'PreflightWildcardOriginNotAllowed',
    ]));
  });

  it.each(cases)('%s', (_name, exchange) => {
    const d = diagnose(exchange);
    if (d.verdict !== 'blocked' || d.failedAt?.hop !== 1) return;
    const mustSend = explain(d, exchange).serverMustSend;
    if (mustSend.length === 0) return;
    expect(simulate(exchange, applyMustSend(exchange, {}, mustSend), diagnose).diagnosis.verdict).toBe('allowed');
  });
});

describe('a redirect whose target the capture recorded apart from its headers (locationUrl, session 37)', () => {
  const NEXT = 'https://other.example/next';
  // A HAR's redirectURL with no Location line: the 302 was refused by its own CORS check.
  const refusedRedirect = (): ObservedExchange => ({
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url: API, response: { status: 302, headers: [], locationUrl: NEXT } }],
    errorText: 'net::ERR_FAILED',
  });
  const RESPONSE = { on: 'response', hop: 0 } as const;

  it('an edited response still leads where the capture said, and is judged as that redirect', () => {
    const exchange = refusedRedirect();
    const edits = withEdit({}, RESPONSE, { status: 302, headers: [['Access-Control-Allow-Origin', PAGE]] });
    const simulated = simulatedExchange(exchange, edits);
    expect(simulated.hops[0]!.response).toEqual({ status: 302, headers: [['Access-Control-Allow-Origin', PAGE]], locationUrl: NEXT });
    const { diagnosis } = simulate(exchange, edits, diagnose);
    // The redirect passed its check: what is left is the next URL, which the capture does not hold.
    expect(diagnosis.verdict).not.toBe('blocked');
    expect(explain(diagnosis, simulated).explanation).toContain(NEXT);
  });

  it('an edited preflight answer keeps its target too', () => {
    const exchange: ObservedExchange = {
      request: { method: 'PUT', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
      hops: [{ url: API, preflight: { url: API, requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT']], response: { status: 307, headers: [], locationUrl: NEXT } }, response: null }],
      errorText: 'net::ERR_FAILED',
    };
    const edits = withEdit({}, { on: 'preflight', hop: 0 }, { status: 307, headers: [['Access-Control-Allow-Origin', PAGE]] });
    expect(simulatedExchange(exchange, edits).hops[0]!.preflight!.response!.locationUrl).toBe(NEXT);
  });
});
