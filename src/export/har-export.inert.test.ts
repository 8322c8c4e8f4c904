// Session 34's hostile review: the sanitized HAR kept a hand-made capture's DEL, U+0085, U+009B
// (a one-character CSI on some terminals), U+202E, U+2066 and U+2028 raw in its URLs, header values,
// `_error` and `redirectURL`, where bundles and `--json` write them as `\uXXXX`. The HAR is JSON
// text as they are, and is made inert the same way: the same values, safe for `cat`.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { harFromExchanges, serializeHar } from './har-export.ts';

const HOSTILE = '\u007f\u0085\u009b2J\u202eDEWOLLA\u2066\u2028\u001b]0;T\u0007';
/** What a terminal acts on, or what reorders what it shows, but the file's own line feeds. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

const PAGE = 'https://app.example';
const API = 'https://api.example';
const exchange: ObservedExchange = {
  request: { method: 'GET', headers: [['Origin', PAGE], ['X-Note', `a${HOSTILE}`]], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [
    { url: `${API}/a`, response: { status: 302, headers: [['Location', `${API}/b?q=${HOSTILE}`], ['Access-Control-Allow-Origin', PAGE]] } },
    { url: `${API}/b?q=${HOSTILE}`, response: null },
  ],
  errorText: `net::ERR_FAILED${HOSTILE}`,
  startedAt: 1,
};

describe('serializeHar of a hostile capture', () => {
  const har = harFromExchanges([exchange], { includeSecrets: true });
  const text = serializeHar(har);

  it('holds no control or bidi character raw', () => {
    expect(text).not.toMatch(RAW);
    expect(text).toContain('\\u009b2J\\u202eDEWOLLA\\u2066\\u2028');
  });

  it('reads back as the same values', () => {
    expect(JSON.parse(text)).toEqual(har);
    const entries = (JSON.parse(text) as typeof har).log.entries;
    expect(entries.some((e) => e.response.redirectURL.endsWith(HOSTILE))).toBe(true);
    expect(entries.some((e) => (e.response as { _error?: string | null })._error === `net::ERR_FAILED${HOSTILE}`)).toBe(true);
    expect(entries[0]!.request.headers).toContainEqual({ name: 'X-Note', value: `a${HOSTILE}` });
  });
});
