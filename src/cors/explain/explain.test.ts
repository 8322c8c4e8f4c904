import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from '../cors-error.ts';
import { explain, stacksOf } from './explain.ts';
import { API, PAGE, blocked, diagnosisOf, exchangeOf } from './test-diagnosis.ts';

describe('explain', () => {
  it.each(CORS_ERRORS.map((e) => [e]))('%s: headline, console message, explanation and a fix', (error) => {
    const e = explain(blocked(error, error.includes('Method') ? 'PUT' : error.includes('Header') ? 'x-trace' : ''), exchangeOf({ method: 'PUT' }));
    expect(e.headline.length).toBeGreaterThan(3);
    expect(e.explanation.length).toBeGreaterThan(40);
    expect(e.consoleMessage).toMatch(/^(Access to fetch at|Fetch API cannot load)/);
    expect(e.fixes.length).toBeGreaterThan(0);
    for (const f of e.fixes) expect(f.snippet.trim().length).toBeGreaterThan(0);
  });

  it('puts the detected stack first, then generic, then the dev proxies', () => {
    const x = exchangeOf({ hops: [{ url: `${API}/items`, response: { status: 200, headers: [['X-Powered-By', 'Express']] } }] });
    const e = explain(blocked('MissingAllowOriginHeader'), x);
    expect(e.fixes.map((f) => f.target)).toEqual(['express', 'generic', 'vite-proxy', 'webpack-proxy']);
    expect(e.serverMustSend).toContainEqual({ on: 'response', hop: 0, header: 'Access-Control-Allow-Origin', value: PAGE });
  });

  it('lets the caller choose the stacks', () => {
    const e = explain(blocked('MissingAllowOriginHeader'), exchangeOf(), { stacks: ['nginx', 'django'] });
    expect(e.fixes.slice(0, 2).map((f) => f.target)).toEqual(['nginx', 'django']);
  });

  it('gives no fixes when nothing is blocked, and says so for network errors', () => {
    expect(explain(diagnosisOf(), exchangeOf()).fixes).toEqual([]);
    const net = explain(
      diagnosisOf({ verdict: 'network-error', networkFailure: { errorText: 'net::ERR_CONNECTION_REFUSED', kind: 'connection-refused', phase: 'request', hop: 0 } }),
      exchangeOf({ errorText: 'net::ERR_CONNECTION_REFUSED' }),
    );
    expect(net.headline).toBe('Connection refused');
    expect(net.explanation).toContain('This is not a CORS problem');
    expect(net.fixes).toEqual([]);
    expect(net.firefox?.reason).toBe('CORSDidNotSucceed');
  });

  it('finds stacks on preflights and on other hops, the failing hop first', () => {
    const x = exchangeOf({
      hops: [
        { url: `${API}/a`, response: { status: 302, headers: [['Server', 'nginx'], ['Location', `${API}/b`]] } },
        { url: `${API}/b`, preflight: { url: `${API}/b`, requestHeaders: [], response: { status: 404, headers: [['Server', 'Werkzeug/3.0']] } }, response: null },
      ],
    });
    expect(stacksOf(blocked('PreflightInvalidStatus', '', { failedAt: { hop: 1, phase: 'preflight' } }), x)).toEqual(['flask', 'nginx']);
  });
});

describe('explain on allowed responses', () => {
  it('names only the hidden headers an application may want', () => {
    const d = diagnosisOf({ exposure: { readable: [], hidden: ['access-control-allow-origin', 'date', 'x-total-count'], exposeHeaders: null } });
    const e = explain(d, exchangeOf());
    expect(e.explanation).toContain('lists them: x-total-count.');
    expect(e.explanation).not.toContain('date');
  });
});
