import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import type { ObservedExchange } from '../exchange.ts';
import { explain, stacksOf } from './explain.ts';
import { causeHeadline } from './headline.ts';
import { API, PAGE, caseFor, diagnosed, exchangeOf, preflighted, simpleGet } from './test-diagnosis.ts';

describe('explain', () => {
  it.each(CORS_ERRORS.map((e) => [e]))('%s: headline, console message, explanation and a fix', (error) => {
    const { diagnosis, exchange } = caseFor(error);
    const e = explain(diagnosis, exchange);
    expect(e.headline.length).toBeGreaterThan(3);
    expect(e.explanation.length).toBeGreaterThan(40);
    expect(e.consoleMessage).toMatch(/^(Access to fetch at|Fetch API cannot load)/);
    expect(e.fixes.length).toBeGreaterThan(0);
    for (const f of e.fixes) expect(f.snippet.trim().length).toBeGreaterThan(0);
  });

  it('puts the detected stack first, then generic, then the dev proxies', () => {
    const x = exchangeOf({ hops: [{ url: `${API}/items`, response: { status: 200, headers: [['X-Powered-By', 'Express']] } }], errorText: 'net::ERR_FAILED' });
    const e = explain(diagnosed(x).diagnosis, x);
    expect(e.fixes.map((f) => f.target)).toEqual(['express', 'generic', 'vite-proxy', 'webpack-proxy']);
    expect(e.serverMustSend).toContainEqual({ on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE });
  });

  it('lets the caller choose the stacks', () => {
    const x = simpleGet([]);
    const e = explain(diagnosed(x).diagnosis, x, { stacks: ['nginx', 'django'] });
    expect(e.fixes.slice(0, 2).map((f) => f.target)).toEqual(['nginx', 'django']);
  });

  it('gives no fixes when nothing is blocked, and says so for network errors', () => {
    const ok = simpleGet([['Access-Control-Allow-Origin', PAGE]]);
    expect(explain(diagnosed(ok).diagnosis, ok).fixes).toEqual([]);
    const refused = exchangeOf({ hops: [{ url: `${API}/items`, response: null }], errorText: 'net::ERR_CONNECTION_REFUSED' });
    const net = explain(diagnosed(refused).diagnosis, refused);
    expect(net.headline).toBe('Connection refused');
    expect(net.explanation).toContain('This is not a CORS problem');
    expect(net.fixes).toEqual([]);
    expect(net.firefox?.reason).toBe('CORSDidNotSucceed');
  });

  it('finds stacks on preflights and on other hops, the failing hop first', () => {
    const x = exchangeOf({
      hops: [
        { url: `${API}/a`, response: { status: 302, headers: [['Server', 'nginx'], ['Access-Control-Allow-Origin', PAGE], ['Location', `${API}/b`]] } },
        { url: `${API}/b`, preflight: { url: `${API}/b`, requestHeaders: [], response: { status: 404, headers: [['Server', 'Werkzeug/3.0'], ['Access-Control-Allow-Origin', PAGE]] } }, response: null },
      ],
      method: 'PUT',
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    expect([diagnosis.corsError, diagnosis.failedAt]).toEqual(['PreflightInvalidStatus', { hop: 1, phase: 'preflight' }]);
    expect(stacksOf(diagnosis, x)).toEqual(['flask', 'nginx']);
  });

  // Seen in real DevTools (session 38): nginx redirecting to an Express app on another origin, whose
  // answer was refused; the second fix tab was nginx's, for a server the answer never passed through.
  it("leaves out a redirect's first server when the refused answer came from another origin", () => {
    const target = 'http://127.0.0.1:9090';
    const x = exchangeOf({
      hops: [
        { url: `${API}/a`, response: { status: 302, headers: [['Server', 'nginx'], ['Access-Control-Allow-Origin', PAGE], ['Location', `${target}/b`]] } },
        { url: `${target}/b`, response: { status: 200, headers: [['Content-Type', 'application/json']] } },
      ],
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    expect([diagnosis.corsError, diagnosis.failedAt]).toEqual(['MissingAllowOriginHeader', { hop: 1, phase: 'response' }]);
    expect(stacksOf(diagnosis, x)).toEqual([]);
    expect(explain(diagnosis, x).fixes.map((f) => f.target)).not.toContain('nginx');
  });
});

describe('explain on allowed responses', () => {
  it('names only the hidden headers an application may want', () => {
    const x = simpleGet([['Access-Control-Allow-Origin', PAGE], ['Date', 'Fri, 04 Dec 2026 12:00:00 GMT'], ['X-Total-Count', '3']]);
    const e = explain(diagnosed(x).diagnosis, x);
    expect(e.explanation).toContain('lists them: x-total-count.');
    expect(e.explanation).not.toContain('date');
  });
});

// Session 30's hostile review: a line break in a hand-made HAR's Access-Control-Allow-Origin or URL
// started a line of its own in `explain`'s text (`ALLOWED  all good` at the paragraph's indent).
describe('explain on a hand-made capture: the explanation is one paragraph', () => {
  it.each([
    ['a header value', exchangeOf({ hops: [{ url: `${API}/items`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://a.example\n\nALLOWED  all good']] } }], errorText: 'net::ERR_FAILED' }), 'https://a.example\\u000A\\u000AALLOWED  all good'],
    ['the URL', exchangeOf({ hops: [{ url: `${API}/items\r\nBLOCKED`, response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' }), `${API}/items\\u000D\\u000ABLOCKED`],
  ])('%s', (_about, x, shown) => {
    const { explanation } = explain(diagnosed(x).diagnosis, x);
    expect(explanation).toContain(shown);
    expect(explanation).not.toMatch(/[\u0000-\u001f]/);
  });
});

// Session 31's hostile review: the headline, the advisories, the assumption notes and the traps
// quote captured values too, and `explain`'s text kept their line breaks and tabs (an assumption
// note quoting a preflight's Access-Control-Allow-Credentials printed `Fix (generic): FORGED` at
// the start of a line of its own). Each is one paragraph, its controls shown as the explanation shows them.
describe('explain on a hand-made capture: every note that quotes a value is one paragraph', () => {
  // Session 34's: and a C1 CSI (U+009B) and bidi controls (a value read backwards) stayed raw.
  const FORGED = '\n  Fix (generic): FORGED\r\n\t\u001b[31m\u2028\u0085\u009b2J\u202eDEWOLLA\u2066\u061c\u200f';
  const SHOWN = '\\u000A  Fix (generic): FORGED\\u000D\\u000A\\u0009\\u001B[31m\\u2028\\u0085\\u009B2J\\u202EDEWOLLA\\u2066\\u061C\\u200F';
  const oneParagraph = (text: string): void => {
    expect(text).toContain(SHOWN);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/);
  };
  const withoutCredentialsMode = (x: ObservedExchange): ObservedExchange => {
    const { credentialsMode: _unknown, ...request } = x.request;
    return { ...x, request };
  };

  it('the headline, which quotes the failing value', () => {
    const x = simpleGet([['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', `tru${FORGED}`]], { credentials: 'include' });
    const e = explain(diagnosed(x).diagnosis, x);
    expect(e.headline).toMatch(/^Access-Control-Allow-Credentials is tru/);
    oneParagraph(e.headline);
    oneParagraph(causeHeadline('blocked', 'InvalidAllowCredentials', `tru${FORGED}`) ?? '');
  });

  it('an advisory, which quotes the response’s Vary', () => {
    const x = simpleGet([['Access-Control-Allow-Origin', PAGE], ['Vary', `Accept${FORGED}`]]);
    const [advisory] = explain(diagnosed(x).diagnosis, x).advisories;
    expect(advisory?.kind).toBe('missing-vary-origin');
    oneParagraph(advisory!.text);
  });

  it('an assumption note, which quotes the value the other credentials mode would fail on', () => {
    const x = withoutCredentialsMode(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', `no${FORGED}`]] }, { headers: [] }));
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('MethodDisallowedByPreflightResponse');
    const notes = explain(diagnosis, x).assumptions;
    expect(notes.some((note) => note.includes('PreflightInvalidAllowCredentials'))).toBe(true);
    oneParagraph(notes.join(' '));
  });

  it('a trap, which quotes the preflight’s Location', () => {
    const x = preflighted({ status: 308, headers: [['Access-Control-Allow-Origin', PAGE], ['Location', `${API}/items/?${FORGED}`]] });
    const e = explain(diagnosed(x).diagnosis, x);
    expect(e.traps?.map((t) => t.kind)).toEqual(['preflight-redirect-slash']);
    oneParagraph(e.traps![0]!.text);
  });
});
