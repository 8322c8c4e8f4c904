import { describe, expect, it } from 'vitest';
import type { ServerStack } from '../explanation.ts';
import { API, PAGE, diagnosisOf, engineCase, exchangeOf } from '../test-diagnosis.ts';
import { addToNeed, emptyNeed, MERGED_NEED_LIMIT, mergedFix, type MergedNeed } from './merged.ts';

const need = (over: Partial<MergedNeed>): MergedNeed => ({ ...emptyNeed(), ...over });

describe('addToNeed merges what failing and working requests need', () => {
  it('takes the method and headers of a blocked preflighted request and of an allowed one', () => {
    const merged = emptyNeed();
    const blocked = engineCase('HeaderDisallowedByPreflightResponse', 'no-allow-headers');
    addToNeed(merged, blocked.diagnosis, blocked.exchange);
    addToNeed(merged, diagnosisOf({ preflight: { required: true, reasons: [{ kind: 'method', method: 'DELETE' }], observed: 'sent' } }), exchangeOf({ method: 'DELETE' }));
    addToNeed(merged, diagnosisOf({ credentialsMode: 'include' }), exchangeOf({ origin: 'https://admin.example', headers: [['Cookie', 'a=1']] }));
    expect(merged).toEqual({ origins: [PAGE, 'https://admin.example'], methods: ['PUT', 'DELETE'], headers: ['x-trace'], credentials: true, omitted: 0 });
  });

  it('keeps a value once and at most MERGED_NEED_LIMIT of a kind, counting the rest', () => {
    const merged = emptyNeed();
    for (let i = 0; i < MERGED_NEED_LIMIT + 5; i++) {
      const d = diagnosisOf({ preflight: { required: true, reasons: [{ kind: 'header', name: `x-h${i % (MERGED_NEED_LIMIT + 3)}`, why: 'name', value: '1' }], observed: 'sent' } });
      addToNeed(merged, d, exchangeOf());
    }
    expect(merged.headers).toHaveLength(MERGED_NEED_LIMIT);
    expect(merged.omitted).toBe(3);
  });

  it('leaves out a request that was not a CORS request', () => {
    const merged = emptyNeed();
    addToNeed(merged, diagnosisOf({ verdict: 'not-cors' }), exchangeOf({ method: 'PUT' }));
    expect(merged).toEqual(emptyNeed());
  });
});

describe('mergedFix writes the merged need for the stack', () => {
  const full = need({ origins: [PAGE], methods: ['PUT', 'DELETE'], headers: ['content-type', 'x-trace'], credentials: true });
  it.each<[ServerStack | null, MergedNeed, string[], string[]]>([
    [null, full, ['Access-Control-Allow-Origin: http://127.0.0.1:5173', 'Access-Control-Allow-Methods: PUT, DELETE', 'Access-Control-Allow-Headers: content-type, x-trace', 'Access-Control-Allow-Credentials: true'], []],
    [null, need({ origins: [PAGE] }), ['Access-Control-Allow-Origin: http://127.0.0.1:5173', 'Vary: Origin'], ['Access-Control-Allow-Methods', 'Access-Control-Allow-Credentials', 'preflight']],
    ['express', full, ["origin: 'http://127.0.0.1:5173',", "methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],", "allowedHeaders: ['content-type', 'x-trace'],", 'credentials: true,'], ['exposedHeaders']],
    ['nginx', full, ['add_header Access-Control-Allow-Headers "content-type, x-trace" always;', 'add_header Access-Control-Allow-Methods "GET, HEAD, POST, PUT, DELETE" always;'], []],
    ['django', need({ origins: [PAGE], headers: ['x-trace'] }), ['CORS_ALLOWED_ORIGINS = ["http://127.0.0.1:5173"]', 'x-trace'], ['CORS_ALLOW_CREDENTIALS = True']],
    ['express', need({}), ["origin: 'https://your-app.example',"], []],
  ])('%s %j', (stack, merged, present, absent) => {
    const fix = mergedFix(stack, merged, API);
    expect(fix.target).toBe(stack ?? 'generic');
    for (const text of present) expect(fix.snippet).toContain(text);
    for (const text of absent) expect(fix.snippet).not.toContain(text);
  });

  it('names no single failure in its warnings', () => {
    expect(mergedFix('express', full, API).trap).not.toContain('The failing response');
  });
});
