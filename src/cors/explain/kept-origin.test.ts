import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose.ts';
import type { HeaderList } from '../exchange.ts';
import { addToNeed, emptyNeed, keptFromServerWords, mergedFix } from './fixes/merged.ts';
import { expressFix } from './fixes/express.ts';
import { keptOrigins, serverOriginsAt } from './kept-origin.ts';
import { neededPolicy } from './policy.ts';
import { API, diagnosed, exchangeOf, PAGE, simpleGet } from './test-diagnosis.ts';

const PROD = 'https://app.example.com';
const acao = (value: string): [string, string] => ['Access-Control-Allow-Origin', value];

/** The origins kept for a GET from PAGE whose answer carried `headers` (`credentials`: the fix allows them). */
function keptFor(headers: HeaderList, credentials = false): string[] {
  return keptOrigins(serverOriginsAt(simpleGet(headers), 0), [PAGE], credentials);
}

describe('keptOrigins: only a fixed, serialized origin the server answered, never an echo', () => {
  it.each([
    { case: 'a fixed origin other than the request\'s: kept', headers: [acao(PROD)], out: [PROD] },
    { case: 'the request\'s own Origin (an echo, or a list\'s match): nothing', headers: [acao(PAGE)], out: [] },
    { case: '*: no origin to list', headers: [acao('*')], out: [] },
    { case: 'null: never listed', headers: [acao('null')], out: [] },
    { case: 'a trailing slash: not an origin the browser could match', headers: [acao(`${PROD}/`)], out: [] },
    { case: 'a path', headers: [acao(`${PROD}/app`)], out: [] },
    { case: 'upper case: not as an origin serializes', headers: [acao('https://App.example.com')], out: [] },
    { case: 'a default port written out', headers: [acao('https://app.example.com:443')], out: [] },
    { case: 'two lines', headers: [acao(PROD), acao('https://b.example')], out: [] },
    { case: 'not http(s)', headers: [acao('chrome-extension://abcdef')], out: [] },
    // Session 39's second read: the URL parser takes these hosts, and a library's list reads `*`
    // as a pattern (IIS, S3, rs/cors, Laravel: every subdomain, with credentials).
    { case: 'a wildcard the browser refused: no origin it allowed', headers: [acao('https://*.example.com')], out: [] },
    { case: 'a bare wildcard host', headers: [acao('https://*')], out: [] },
    { case: 'a quote in the host', headers: [acao('https://a"b.example')], out: [] },
    { case: 'a dollar sign in the host', headers: [acao('https://a$b.example')], out: [] },
    { case: 'a semicolon in the host', headers: [acao('https://a;b.example')], out: [] },
    { case: 'an IPv6 host: kept', headers: [acao('https://[::1]:8443')], out: ['https://[::1]:8443'] },
    { case: 'a cache says it served a stored copy (Age): maybe another request\'s echo', headers: [acao(PROD), ['Age', '30']], out: [] },
    { case: 'X-Cache: HIT', headers: [acao(PROD), ['X-Cache', 'Hit from cloudfront']], out: [] },
    { case: 'Age: 0 is no stored copy', headers: [acao(PROD), ['Age', '0']], out: [PROD] },
  ] satisfies { case: string; headers: HeaderList; out: string[] }[])('$case', ({ headers, out }) => {
    expect(keptFor(headers)).toEqual(out);
  });

  it('with credentials an http: origin is not kept (anyone on the network can pose as it); https is', () => {
    expect(keptFor([acao('http://app.example.com'), ['Access-Control-Allow-Credentials', 'true']], true)).toEqual([]);
    expect(keptFor([acao('http://app.example.com')], false)).toEqual(['http://app.example.com']);
    expect(keptFor([acao(PROD), ['Access-Control-Allow-Credentials', 'true']], true)).toEqual([PROD]);
  });

  it('a page origin already listed is not kept twice', () => {
    expect(keptOrigins(serverOriginsAt(simpleGet([acao(PROD)]), 0), [PAGE, PROD], false)).toEqual([]);
  });

  it('a server seen answering two different origins, or echoing one, picks per request: nothing kept', () => {
    const twoHops = (second: string) =>
      exchangeOf({
        hops: [
          { url: `${API}/a`, response: { status: 302, headers: [acao(PROD), ['Location', `${API}/b`]] } },
          { url: `${API}/b`, response: { status: 200, headers: [acao(second)] } },
        ],
      });
    expect(keptOrigins(serverOriginsAt(twoHops(PROD), 1), [PAGE], false)).toEqual([PROD]);
    expect(keptOrigins(serverOriginsAt(twoHops('https://b.example'), 1), [PAGE], false)).toEqual([]);
    expect(keptOrigins(serverOriginsAt(twoHops(PAGE), 1), [PAGE], false)).toEqual([]);
  });
});

describe('neededPolicy and the fix keep it, saying where it came from', () => {
  it('a GET refused with the server\'s fixed origin: the page\'s origin and the fixed one', () => {
    const { diagnosis, exchange } = diagnosed(simpleGet([acao(PROD), ['Vary', 'Origin']]));
    expect(diagnosis.corsError).toBe('AllowOriginMismatch');
    const policy = neededPolicy(diagnosis, exchange);
    expect(policy).toMatchObject({ origin: PAGE, origins: [PAGE, PROD], keptOrigins: [PROD] });
    const snippet = expressFix({ policy, error: diagnosis.corsError, mustSend: [], errorStatus: null }).snippet;
    expect(snippet).toContain(`origin: ['${PAGE}', '${PROD}'],`);
    expect(snippet).toContain(`${PROD} is kept from the server's own answer (its fixed Access-Control-Allow-Origin, not the request's Origin echoed back)`);
    expect(snippet).toContain('remove it if that origin is not yours');
  });

  it('a server answering *: the page\'s origin alone', () => {
    const { diagnosis, exchange } = diagnosed(simpleGet([acao('*')], { credentials: 'include' }));
    expect(neededPolicy(diagnosis, exchange).origins).toBeUndefined();
  });
});

describe('the fix says to replace the setup its answers show', () => {
  const { diagnosis, exchange } = diagnosed(simpleGet([acao(PROD)]));
  const ctx = { policy: neededPolicy(diagnosis, exchange), error: diagnosis.corsError, mustSend: [], errorStatus: null };
  it('Express sent them: remove the existing app.use(cors(...)), and why', () => {
    const snippet = expressFix({ ...ctx, corsSentBy: ['express'] }).snippet;
    expect(snippet).toContain("// This replaces the app's existing cors setup (its answers already carry CORS headers from it):");
    expect(snippet).toContain('// remove that app.use(cors(...)) call. With both, the first answers the OPTIONS preflight and the');
    expect(snippet).toContain("// second overwrites the first's Access-Control-Allow-Origin on the other responses.");
  });
  it('another layer sent them (or none did): nothing said', () => {
    expect(expressFix({ ...ctx, corsSentBy: ['nginx'] }).snippet).not.toContain('This replaces');
    expect(expressFix(ctx).snippet).not.toContain('This replaces');
  });
});

describe('a merged configuration keeps it the same way, and says so', () => {
  const needOf = (...exchanges: ReturnType<typeof simpleGet>[]) => {
    const need = emptyNeed();
    for (const x of exchanges) addToNeed(need, diagnose(x), x);
    return need;
  };
  it('every request answered the fixed origin: kept in the snippet and named in the words', () => {
    const need = needOf(simpleGet([acao(PROD)]));
    expect(mergedFix('express', need, API).snippet).toContain(`origin: ['${PAGE}', '${PROD}'],`);
    expect(keptFromServerWords(need, 'express')).toBe(`origin ${PROD} (a fixed Access-Control-Allow-Origin it answered, not the request's Origin echoed back: remove it if that origin is not yours)`);
  });
  it('one request from another page got its own Origin back: the server may echo, nothing kept', () => {
    const other = exchangeOf({ origin: 'https://b.example', hops: [{ url: `${API}/items`, response: { status: 200, headers: [acao('https://b.example')] } }] });
    const need = needOf(simpleGet([acao(PROD)]), other);
    expect(mergedFix('express', need, API).snippet).not.toContain(PROD);
    expect(keptFromServerWords(need, 'express')).toBeNull();
  });
});
