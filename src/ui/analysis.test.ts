import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseVerdict, type Diagnosis, type ObservedExchange, type Explanation } from '../cors/index.ts';
import { createAnalyzer, wasPreflighted, type Engine } from './analysis.ts';
import { makeEntry } from './store/entry.ts';
import type { CapturedExchange } from './protocol.ts';

function diagnosisStub(over: Partial<Diagnosis>): Diagnosis {
  return {
    verdict: 'allowed', corsError: null, failedParameter: null, failureReason: null, failedAt: null, requestOrigins: [], credentialsMode: 'same-origin', mode: 'cors',
    checks: [], preflight: { hop: 0, required: false, reasons: [], observed: 'not-needed' }, originComparison: null, networkFailure: null,
    errorResponse: null, exposure: null, advisories: [], assumptions: [], alternatives: [], ...over,
  };
}
const explanationStub = (headline: string): Explanation => ({
  headline, consoleMessage: null, explanation: '', serverMustSend: [], fixes: [], advisories: [], firefox: null, assumptions: [],
});

function countingEngine(verdictOf: (e: ObservedExchange) => Diagnosis['verdict'] | 'throw') {
  const calls = { diagnoseVerdict: 0, diagnose: 0, explain: 0, headline: 0 };
  const engine: Engine = {
    diagnoseVerdict(exchange) {
      calls.diagnoseVerdict++;
      const verdict = verdictOf(exchange);
      if (verdict === 'throw') throw new Error('engine bug');
      return { verdict, corsError: null, failedParameter: null, failureReason: null, preflightSent: false, failedHop: null, preflightUnanswered: false };
    },
    diagnose(exchange) {
      calls.diagnose++;
      const verdict = verdictOf(exchange);
      if (verdict === 'throw') throw new Error('engine bug');
      return diagnosisStub({ verdict, preflight: { hop: 0, required: true, reasons: [], observed: exchange.request.method === 'PUT' ? 'cached' : 'not-needed' } });
    },
    explain(diagnosis) {
      calls.explain++;
      return explanationStub(`headline for ${diagnosis.verdict}`);
    },
    headline(diagnosis) {
      calls.headline++;
      return `headline for ${diagnosis.verdict}`;
    },
  };
  return { engine, calls };
}

const captured = (id: string, method = 'GET', pending?: boolean): CapturedExchange => ({
  id, source: 'webRequest', ...(pending ? { pending } : {}),
  exchange: { request: { method, headers: [] }, hops: [{ url: 'https://api.example/', response: { status: 200, headers: [] } }] },
});

describe('createAnalyzer', () => {
  it("keys a failure's cause from the verdict path, with no full diagnosis or explanation, and once per version", () => {
    const { engine, calls } = countingEngine((exchange) => (exchange.request.method === 'GET' ? 'blocked' : 'allowed'));
    const analyzer = createAnalyzer(engine);
    const a = makeEntry(captured('a'), 1, 0);
    const b = makeEntry(captured('b'), 1, 1);
    const cause = analyzer.cause(a);
    expect(cause).toMatchObject({ apiOrigin: 'https://api.example', verdict: 'blocked', corsError: null });
    // The same cause on another exchange is the same object: held once.
    expect(analyzer.cause(b)).toBe(cause);
    analyzer.cause(a);
    analyzer.classify(a);
    expect(calls).toEqual({ diagnoseVerdict: 2, diagnose: 0, explain: 0, headline: 0 });
    expect(analyzer.cause(makeEntry(captured('c', 'PUT'), 1, 2))).toBeNull();
    expect(analyzer.cause(makeEntry(captured('d', 'GET', true), 1, 3))).toBeNull();
  });

  it("names where a failure's fix goes from the verdict path: a redirect's target that refused, else the API origin", () => {
    let full = 0;
    const engine: Engine = {
      diagnoseVerdict,
      diagnose(exchange) {
        full++;
        return diagnose(exchange);
      },
      explain: () => explanationStub(''),
      headline: () => '',
    };
    const analyzer = createAnalyzer(engine);
    const page = 'https://app.example';
    const request = { method: 'GET', headers: [['Origin', page]] as [string, string][], initiatorOrigin: page, credentialsMode: 'same-origin' as const, mode: 'cors' as const };
    const allow: [string, string][] = [['Access-Control-Allow-Origin', page]];
    // GET api → 302 to the CDN, which allows the page's origin: but the browser sent it Origin: null.
    const redirected = makeEntry({ id: 'r', source: 'webRequest', exchange: { request, hops: [
      { url: 'https://api.example/a', response: { status: 302, headers: [...allow, ['Location', 'https://cdn.example/a']] } },
      { url: 'https://cdn.example/a', response: { status: 200, headers: allow } },
    ], errorText: 'net::ERR_FAILED' } }, 1, 0);
    const direct = makeEntry({ id: 'd', source: 'webRequest', exchange: { request, hops: [{ url: 'https://api.example/b', response: { status: 200, headers: [] } }], errorText: 'net::ERR_FAILED' } }, 1, 1);
    expect(analyzer.fixOrigin(direct)).toBe('https://api.example');
    expect(full).toBe(0);
    expect(analyzer.cause(redirected)?.apiOrigin).toBe('https://api.example');
    expect(analyzer.fixOrigin(redirected)).toBe('https://cdn.example');
    // A mismatch after a redirect alone asks the full diagnosis (kept for the row) whether the Origin
    // compared was the redirect's null, which its words say; once.
    expect(analyzer.cause(redirected)?.originTainted).toBe(true);
    expect(full).toBe(1);
  });

  it('diagnoses an exchange once per version, and again after an upsert', () => {
    const { engine, calls } = countingEngine(() => 'blocked');
    const analyzer = createAnalyzer(engine);
    const v1 = makeEntry(captured('a'), 1, 0);
    analyzer.diagnosis(v1);
    analyzer.classify(v1);
    analyzer.explanation(v1);
    analyzer.explanation(v1);
    expect(calls).toEqual({ diagnoseVerdict: 0, diagnose: 1, explain: 1, headline: 0 });
    const v2 = makeEntry(captured('a'), 2, 0);
    expect(analyzer.explanation(v2)).toEqual({ ok: true, value: explanationStub('headline for blocked') });
    expect(calls).toEqual({ diagnoseVerdict: 0, diagnose: 2, explain: 2, headline: 0 });
  });

  it('passing: the same headline from the headline path, nothing kept, and what is kept used', () => {
    const { engine, calls } = countingEngine(() => 'blocked');
    const analyzer = createAnalyzer(engine);
    const entry = makeEntry(captured('a'), 1, 0);
    expect(analyzer.passing.explanation(entry)).toEqual({ ok: true, value: explanationStub('headline for blocked') });
    analyzer.passing.explanation(entry);
    expect(calls).toEqual({ diagnoseVerdict: 0, diagnose: 2, explain: 0, headline: 2 });
    analyzer.explanation(entry);
    analyzer.passing.explanation(entry);
    expect(calls).toEqual({ diagnoseVerdict: 0, diagnose: 3, explain: 1, headline: 2 });
  });

  it('classifies with the verdict path alone, once per version (rows off screen stay cheap)', () => {
    const { engine, calls } = countingEngine(() => 'allowed');
    const analyzer = createAnalyzer(engine);
    const entry = makeEntry(captured('a'), 1, 0);
    expect(analyzer.classify(entry).verdict).toBe('allowed');
    analyzer.classify(entry);
    expect(calls).toEqual({ diagnoseVerdict: 1, diagnose: 0, explain: 0, headline: 0 });
  });

  it('turns an engine exception into an outcome and an engine-error row', () => {
    const { engine } = countingEngine(() => 'throw');
    const analyzer = createAnalyzer(engine);
    const entry = makeEntry(captured('a'), 1, 0);
    expect(analyzer.diagnosis(entry)).toEqual({ ok: false, error: 'engine bug' });
    expect(analyzer.explanation(entry)).toEqual({ ok: false, error: 'engine bug' });
    expect(analyzer.classify(entry).verdict).toBe('engine-error');
  });

  it('does not judge an exchange still in flight', () => {
    const { engine, calls } = countingEngine(() => 'blocked');
    const analyzer = createAnalyzer(engine);
    expect(analyzer.classify(makeEntry(captured('a', 'GET', true), 1, 0)).verdict).toBe('pending');
    expect(calls.diagnose + calls.diagnoseVerdict).toBe(0);
  });

  it('classifies a cached preflight as preflighted', () => {
    const { engine } = countingEngine(() => 'allowed');
    const analyzer = createAnalyzer(engine);
    const cached = captured('a', 'PUT');
    cached.exchange = { ...cached.exchange, hops: [{ ...cached.exchange.hops[0]!, preflightFromCache: true }] };
    expect(analyzer.classify(makeEntry(cached, 1, 0)).preflighted).toBe(true);
    expect(analyzer.classify(makeEntry(captured('b', 'GET'), 1, 0)).preflighted).toBe(false);
  });
  it("judges each exchange by its own engine when given one per exchange (an opened file's rules)", () => {
    const chromium = countingEngine(() => 'blocked');
    const firefox = countingEngine(() => 'allowed');
    const analyzer = createAnalyzer((entry) => (entry.id === 'from-firefox' ? firefox.engine : chromium.engine));
    const fromFirefox = makeEntry(captured('from-firefox'), 1, 0);
    const captured1 = makeEntry(captured('captured'), 1, 1);
    expect(analyzer.classify(fromFirefox).verdict).toBe('allowed');
    expect(analyzer.classify(captured1).verdict).toBe('blocked');
    const explained = analyzer.explanation(fromFirefox);
    expect(explained.ok && explained.value.headline).toBe('headline for allowed');
    expect(analyzer.passing.explanation(makeEntry(captured('from-firefox'), 2, 0))).toMatchObject({ ok: true, value: { headline: 'headline for allowed' } });
    expect(firefox.calls).toMatchObject({ diagnoseVerdict: 1, diagnose: 2, explain: 1, headline: 1 });
    expect(chromium.calls).toMatchObject({ diagnoseVerdict: 1, diagnose: 0, explain: 0, headline: 0 });
  });
});

describe('wasPreflighted', () => {
  it('is true when any hop carries an observed preflight, whatever the diagnosis says', () => {
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [] },
      hops: [{ url: 'https://a/', response: null }, { url: 'https://b/', preflight: { url: 'https://b/', requestHeaders: [], response: null }, response: null }],
    };
    expect(wasPreflighted(exchange, null)).toBe(true);
  });
});
