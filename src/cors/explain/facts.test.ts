import { describe, expect, it } from 'vitest';
import { explainFacts, splitList, worthExposing } from './facts.ts';
import { API, PAGE, diagnosed, exchangeOf } from './test-diagnosis.ts';

describe('header lookups', () => {
  it.each([
    ['a, b,,c ', ['a', 'b', 'c']],
    [null, []],
    ['', []],
    [' , ,\t', []],
    ['X-Trace', ['X-Trace']],
    ['\u00a0a\u3000,b\ufeff', ['a', 'b']],
  ] as const)('splitList(%j)', (v, out) => expect(splitList(v)).toEqual(out));
});

describe('worthExposing', () => {
  it.each([
    ['x-total-count', true],
    ['etag', true],
    ['Access-Control-Allow-Origin', false],
    ['date', false],
    ['keep-alive', false],
    ['set-cookie', false],
  ])('%s → %s', (n, ok) => expect(worthExposing(n)).toBe(ok));
});

describe('explainFacts', () => {
  it('reads the failing hop, its URL and the origin the browser sent there', () => {
    const allow: [string, string][] = [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Credentials', 'true']];
    const x = exchangeOf({
      credentialsMode: 'include',
      hops: [{ url: `${API}/a`, response: { status: 302, headers: [...allow, ['Location', 'http://localhost:9/b']] } }, { url: 'http://localhost:9/b', response: { status: 200, headers: allow } }],
      errorText: 'net::ERR_FAILED',
    });
    const { diagnosis } = diagnosed(x);
    expect(diagnosis.corsError).toBe('AllowOriginMismatch');
    const f = explainFacts(diagnosis, x);
    expect(f).toMatchObject({ hop: 1, url: 'http://localhost:9/b', firstUrl: `${API}/a`, pageOrigin: PAGE, hopOrigin: 'null', originTainted: true, credentials: true, onPreflight: false });
  });
});
