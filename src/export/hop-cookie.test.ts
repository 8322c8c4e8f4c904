import { describe, expect, it } from 'vitest';
import { cookieAtHop, type CookieAtHop } from './hop-cookie.ts';

const PAGE = 'http://127.0.0.1:8000';
const API = 'http://127.0.0.1:8001'; // same host as the page: the same cookies
const OTHER = 'http://localhost:8002';

// [about, URLs up to the hop, credentials mode, first hop had Cookie, expected]
const cases: [string, string[], 'omit' | 'same-origin' | 'include' | undefined, boolean, CookieAtHop][] = [
  ['the first hop: as captured', [`${API}/a`], undefined, true, 'as-captured'],
  ['same-origin, all at the page’s origin', [`${PAGE}/a`, `${PAGE}/b`], 'same-origin', true, 'as-captured'],
  ['same-origin, to api (Chromium 156: none)', [`${PAGE}/a`, `${API}/b`], 'same-origin', true, 'not-sent'],
  ['same-origin, back at the page after api: tainting stays cors (Chromium 156: none)', [`${PAGE}/a`, `${API}/b`, `${PAGE}/c`], 'same-origin', true, 'not-sent'],
  ['omit', [`${PAGE}/a`, `${PAGE}/b`], 'omit', false, 'not-sent'],
  ['include, same host on another port (Chromium 156: the same cookie)', [`${PAGE}/a`, `${API}/b`], 'include', true, 'as-captured'],
  ['include, another host', [`${API}/a`, `${OTHER}/b`], 'include', true, 'unknown'],
  ['include, back on the first host after another', [`${API}/a`, `${OTHER}/b`, `${API}/c`], 'include', true, 'unknown'],
  ['include, http to https on the same host: Secure cookies differ', [`${API}/a`, 'https://127.0.0.1:8443/b'], 'include', true, 'unknown'],
  ['unknown mode, all at the page’s origin: both modes send them', [`${PAGE}/a`, `${PAGE}/b`], undefined, true, 'as-captured'],
  ['unknown mode, page to api: same-origin sends none, include the cookie', [`${PAGE}/a`, `${API}/b`], undefined, true, 'unknown'],
  ['unknown mode, a Cookie sent to api first proves include: api again', [`${API}/a`, `${API}/b`], undefined, true, 'as-captured'],
  ['unknown mode, include proven, then another host', [`${API}/a`, `${OTHER}/b`], undefined, true, 'unknown'],
  ['unknown mode, no cookie at the first hop, same host', [`${PAGE}/a`, `${API}/b`], undefined, false, 'as-captured'],
  ['unknown mode, no cookie at the first hop, another host: include would send its cookies', [`${PAGE}/a`, `${OTHER}/b`], undefined, false, 'unknown'],
];

describe('cookieAtHop', () => {
  it.each(cases)('%s', (_about, urls, mode, captured, expected) => {
    expect(cookieAtHop(urls, PAGE, mode, captured)).toBe(expected);
  });

  it('takes an opaque request origin as same origin with nothing', () => {
    expect(cookieAtHop([`${PAGE}/a`, `${PAGE}/b`], null, 'same-origin', false)).toBe('not-sent');
    expect(cookieAtHop([`${PAGE}/a`, `${PAGE}/b`], undefined, 'same-origin', true)).toBe('unknown');
  });
});
