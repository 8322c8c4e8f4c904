import { describe, expect, it } from 'vitest';
import type { RequestMode } from './exchange.ts';
import { bypassesCors, decideMode, isRequestMode } from './request-mode.ts';

const PAGE = 'http://127.0.0.1:1111';

describe('decideMode', () => {
  it.each<[string, RequestMode, string, string]>([
    ['cors, cross-origin', 'cors', 'http://127.0.0.1:2222/x', 'cors'],
    ['cors, same origin', 'cors', PAGE + '/x', 'not-cors:same-origin'],
    ['same-origin mode, cross-origin URL', 'same-origin', 'http://127.0.0.1:2222/x', 'blocked:DisallowedByMode'],
    ['same-origin mode, same-origin URL', 'same-origin', PAGE + '/', 'not-cors:same-origin'],
    ['no-cors', 'no-cors', 'http://127.0.0.1:2222/x', 'not-cors:no-cors'],
    ['navigate', 'navigate', 'http://127.0.0.1:2222/x', 'not-cors:navigate'],
    ['cors to a non-HTTP scheme', 'cors', 'ftp://127.0.0.1/x', 'blocked:CorsDisabledScheme'],
    // https://fetch.spec.whatwg.org/#main-fetch: a data: URL is a basic scheme fetch in every mode.
    ['cors to a data: URL', 'cors', 'data:text/plain,hi', 'not-cors:data-url'],
    ['same-origin mode, data: URL', 'same-origin', 'data:,x', 'not-cors:data-url'],
    ['no-cors, data: URL', 'no-cors', 'DATA:,x', 'not-cors:data-url'],
    // https://url.spec.whatwg.org/#concept-url-origin: a blob: URL has the origin of the URL inside.
    ['cors, a blob: URL of the page', 'cors', `blob:${PAGE}/5a1d`, 'not-cors:same-origin'],
    ['cors, a blob: URL of another origin', 'cors', 'blob:http://127.0.0.1:2222/5a1d', 'blocked:CorsDisabledScheme'],
    ['same-origin mode, a blob: URL of another origin', 'same-origin', 'blob:http://127.0.0.1:2222/5a1d', 'blocked:DisallowedByMode'],
    ['no-cors, a blob: URL of another origin', 'no-cors', 'blob:http://127.0.0.1:2222/5a1d', 'not-cors:no-cors'],
  ])('%s', (_d, mode, url, expected) => {
    const decision = decideMode(mode, url, PAGE);
    const summary =
      decision.kind === 'cors' ? 'cors' : decision.kind === 'blocked' ? `blocked:${decision.corsError}` : `not-cors:${decision.why}`;
    expect(summary).toBe(expected);
  });
});

describe('isRequestMode', () => {
  it.each<[string, boolean]>([
    ['cors', true],
    ['no-cors', true],
    ['same-origin', true],
    ['navigate', true],
    ['CORS', false],
    ['websocket', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isRequestMode(value)).toBe(expected);
  });
});

describe('bypassesCors', () => {
  it.each<[RequestMode, boolean]>([
    ['no-cors', true],
    ['navigate', true],
    ['cors', false],
    ['same-origin', false],
  ])('%s → %s', (mode, expected) => {
    expect(bypassesCors(mode)).toBe(expected);
  });
});
