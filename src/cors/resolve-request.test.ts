// What the capture did not say, filled in: a table of captures and what each resolves to.

import { describe, expect, it } from 'vitest';
import type { Assumption } from './diagnosis.ts';
import type { HeaderList, ObservedExchange, ObservedRequest } from './exchange.ts';
import { credentialsMatter, hasCookie, replayable, resolveRequest, type ResolvedRequest } from './resolve-request.ts';
import type { RequestHeaderFacts } from './safelisted-request-header.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';

function exchange(request: Partial<ObservedRequest>, url = API + '/x'): ObservedExchange {
  return { request: { method: 'GET', headers: [], ...request }, hops: [{ url, response: null }] };
}

function facts(partial: Partial<RequestHeaderFacts> = {}): RequestHeaderFacts {
  return { origin: null, cookie: false, secFetchMode: null, ...partial };
}

describe('resolveRequest', () => {
  it.each<[string, ObservedExchange, RequestHeaderFacts, ResolvedRequest, Assumption[]]>([
    [
      'everything captured: nothing assumed',
      exchange({ initiatorOrigin: PAGE, mode: 'cors', credentialsMode: 'include' }),
      facts(),
      { initiator: PAGE, initiatorKnown: true, mode: 'cors', credentialsMode: 'include', credentialsGuessed: false },
      [],
    ],
    [
      'an opaque page origin is known, and serialized as "null"',
      exchange({ initiatorOrigin: null, mode: 'cors', credentialsMode: 'omit' }),
      facts(),
      { initiator: 'null', initiatorKnown: true, mode: 'cors', credentialsMode: 'omit', credentialsGuessed: false },
      [],
    ],
    [
      'the page origin serialized (default port dropped)',
      exchange({ initiatorOrigin: 'http://app.example:80', mode: 'cors', credentialsMode: 'omit' }),
      facts(),
      { initiator: 'http://app.example', initiatorKnown: true, mode: 'cors', credentialsMode: 'omit', credentialsGuessed: false },
      [],
    ],
    [
      'Origin header: the page origin and cors mode from it; credentials default',
      exchange({}),
      facts({ origin: PAGE }),
      { initiator: PAGE, initiatorKnown: true, mode: 'cors', credentialsMode: 'same-origin', credentialsGuessed: true },
      [
        { about: 'initiator-origin', assumed: PAGE, because: 'origin-header' },
        { about: 'request-mode', assumed: 'cors', because: 'origin-header' },
      ],
    ],
    [
      'Sec-Fetch-Mode is the browser\'s own word for the mode',
      exchange({ initiatorOrigin: PAGE, credentialsMode: 'omit' }),
      facts({ origin: PAGE, secFetchMode: 'no-cors' }),
      { initiator: PAGE, initiatorKnown: true, mode: 'no-cors', credentialsMode: 'omit', credentialsGuessed: false },
      [{ about: 'request-mode', assumed: 'no-cors', because: 'known' }],
    ],
    [
      'no Origin, no mode: a no-cors request from an unknown page',
      exchange({}),
      facts(),
      { initiator: 'null', initiatorKnown: false, mode: 'no-cors', credentialsMode: 'same-origin', credentialsGuessed: true },
      [{ about: 'request-mode', assumed: 'no-cors', because: 'default' }],
    ],
    [
      'a Cookie to another origin proves credentials "include"',
      exchange({ initiatorOrigin: PAGE, mode: 'cors' }),
      facts({ cookie: true }),
      { initiator: PAGE, initiatorKnown: true, mode: 'cors', credentialsMode: 'include', credentialsGuessed: false },
      [{ about: 'credentials-mode', assumed: 'include', because: 'cookie-header' }],
    ],
    [
      'a Cookie to the page\'s own origin proves nothing',
      exchange({ initiatorOrigin: PAGE, mode: 'cors' }, PAGE + '/x'),
      facts({ cookie: true }),
      { initiator: PAGE, initiatorKnown: true, mode: 'cors', credentialsMode: 'same-origin', credentialsGuessed: true },
      [],
    ],
  ])('%s', (_d, ex, headerFacts, expected, expectedAssumptions) => {
    const assumptions: Assumption[] = [];
    expect(resolveRequest(ex, headerFacts, assumptions)).toEqual(expected);
    expect(assumptions).toEqual(expectedAssumptions);
    // The verdict-only path records nothing and resolves the same.
    expect(resolveRequest(ex, headerFacts, null)).toEqual(expected);
  });
});

const resolved = (partial: Partial<ResolvedRequest>): ResolvedRequest => ({
  initiator: PAGE,
  initiatorKnown: true,
  mode: 'cors',
  credentialsMode: 'same-origin',
  credentialsGuessed: true,
  ...partial,
});

describe('replayable', () => {
  it.each<[string, ResolvedRequest, string, boolean]>([
    ['the page origin known', resolved({}), API, true],
    ['unknown page, cors mode: the CORS check cannot be replayed', resolved({ initiatorKnown: false }), API, false],
    ['unknown page, no-cors: nothing to compare', resolved({ initiatorKnown: false, mode: 'no-cors' }), API, true],
    ['unknown page, a navigation', resolved({ initiatorKnown: false, mode: 'navigate' }), API, true],
    ['unknown page, a data: URL never goes through CORS', resolved({ initiatorKnown: false }), 'data:text/plain,hi', true],
  ])('%s', (_d, request, url, expected) => {
    expect(replayable(request, exchange({}, url))).toBe(expected);
  });
});

describe('credentialsMatter', () => {
  it.each<[string, ResolvedRequest, boolean]>([
    ['guessed, page known, cors', resolved({}), true],
    ['captured', resolved({ credentialsGuessed: false }), false],
    ['page unknown', resolved({ initiatorKnown: false }), false],
    ['no-cors: no CORS check to change', resolved({ mode: 'no-cors' }), false],
    ['a navigation', resolved({ mode: 'navigate' }), false],
    ['same-origin mode', resolved({ mode: 'same-origin' }), true],
  ])('%s', (_d, request, expected) => {
    expect(credentialsMatter(request)).toBe(expected);
  });
});

describe('hasCookie', () => {
  it.each<[HeaderList, boolean]>([
    [[['Cookie', 'a=1']], true],
    [[['cookie', 'a=1']], true],
    [[['COOKIE', 'a=1']], true],
    [[['Cookie2', 'a=1']], false],
    [[['Set-Cookie', 'a=1']], false],
    [[], false],
  ])('%j → %s', (headers, expected) => {
    expect(hasCookie(headers)).toBe(expected);
  });
});
