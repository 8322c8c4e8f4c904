import { describe, expect, it } from 'vitest';
import { networkHeadersAtHop } from './hop-headers.ts';

const PAGE = 'http://127.0.0.1:8000';
const FIRST: [string, string][] = [['Host', '127.0.0.1:8000'], ['Sec-Fetch-Site', 'same-origin'], ['Referer', `${PAGE}/app?q=1`], ['Accept', '*/*']];

describe('networkHeadersAtHop', () => {
  it('leaves the first hop as captured', () => {
    expect(networkHeadersAtHop(FIRST, [`${PAGE}/a`], PAGE)).toEqual(FIRST);
  });

  it('writes the hop’s Host, Sec-Fetch-Site over the chain and the Referer the default policy sends (Chromium 156, page → api)', () => {
    expect(networkHeadersAtHop(FIRST, [`${PAGE}/a`, 'http://127.0.0.1:8001/b'], PAGE)).toEqual([
      ['Host', '127.0.0.1:8001'],
      ['Sec-Fetch-Site', 'same-site'],
      ['Referer', `${PAGE}/`],
      ['Accept', '*/*'],
    ]);
  });

  it('keeps cross-site once a URL of the chain was, omits a default port, and adds no line the capture lacks', () => {
    expect(networkHeadersAtHop([['sec-fetch-site', 'same-origin']], [`${PAGE}/a`, 'http://localhost:80/b', `${PAGE}/c`], PAGE)).toEqual([['sec-fetch-site', 'cross-site']]);
    expect(networkHeadersAtHop([['Host', '127.0.0.1:8000']], [`${PAGE}/a`, 'http://localhost:80/b'], PAGE)).toEqual([['Host', 'localhost']]);
    expect(networkHeadersAtHop([['Accept', '*/*']], [`${PAGE}/a`, 'http://localhost/b'], PAGE)).toEqual([['Accept', '*/*']]);
  });

  it('leaves Sec-Fetch-Site as captured when the page’s origin is not known', () => {
    expect(networkHeadersAtHop([['Sec-Fetch-Site', 'same-origin']], [`${PAGE}/a`, 'http://localhost/b'], undefined)).toEqual([['Sec-Fetch-Site', 'same-origin']]);
  });

  it('writes Sec-Fetch-Site by the rules of the browser that sent it (Firefox ESR 153, page → api on an http page: cross-site)', () => {
    const urls = [`${PAGE}/a`, 'http://127.0.0.1:8001/b'];
    expect(networkHeadersAtHop([['Sec-Fetch-Site', 'same-origin']], urls, PAGE, 'firefox')).toEqual([['Sec-Fetch-Site', 'cross-site']]);
    expect(networkHeadersAtHop([['Sec-Fetch-Site', 'same-origin']], urls, PAGE, 'chromium')).toEqual([['Sec-Fetch-Site', 'same-site']]);
  });

  it('writes Sec-Fetch-Storage-Access only at a hop on another site than the page’s (Chromium 156)', () => {
    const line: [string, string][] = [['Sec-Fetch-Storage-Access', 'none']];
    expect(networkHeadersAtHop(line, ['http://localhost:9000/a', 'http://localhost:9000/b'], PAGE)).toEqual(line);
    expect(networkHeadersAtHop(line, ['http://localhost:9000/a', `${PAGE}/b`], PAGE)).toEqual([]);
  });
});
