// The pass over a request's headers, with its memo (`RequestPassMemo`): a request answered from a
// remembered pass must get exactly what a fresh pass gives, whatever came before it. The memo is
// keyed by the names, the values the verdicts read, the allow list and the client-hints rule: each
// case below changes one of them (or something outside the key) between two requests.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.ts';
import type { HeaderLine, HeaderList } from './exchange.ts';
import type { RequestHeaderFacts } from './safelisted-request-header.ts';
import { ALL_LISTED, CANNOT_TELL, firstUnlistedUnsafeHeader, type RequestPassMemo, requestPassMemo } from './unlisted-unsafe-header.ts';

interface Request {
  headers: HeaderList;
  allowHeaders: readonly string[] | null;
  preflightRequestHeaders?: HeaderList;
  modeFacts?: boolean;
  clientHints?: boolean;
}

const freshFacts = (): RequestHeaderFacts => ({ origin: null, cookie: false, secFetchMode: null });

/** The pass's answer and facts, with `memo` or without one. */
function pass(request: Request, memo: RequestPassMemo | null): { first: number; facts: RequestHeaderFacts } {
  const facts = freshFacts();
  const first = firstUnlistedUnsafeHeader(request.headers, request.allowHeaders, request.preflightRequestHeaders ?? [], facts, request.modeFacts ?? false, request.clientHints ?? true, memo);
  return { first, facts };
}

/** Fresh strings, as a capture's are (never the same objects as another request's). */
const copy = (text: string): string => (' ' + text).slice(1);
const lines = (...pairs: [string, string][]): HeaderList => pairs.map(([name, value]) => [copy(name), copy(value)] as HeaderLine);

const listed = parseAllowList('authorization, content-type, x-request-id', true);
const browserOwn: [string, string][] = [
  ['Accept', '*/*'],
  ['Accept-Language', 'en-US,en;q=0.9'],
  ['Cookie', 'a=b'],
  ['Origin', 'https://app.example'],
  ['Sec-Fetch-Mode', 'cors'],
  ['User-Agent', 'x'],
];
const json: [string, string] = ['Content-Type', 'application/json'];
const plain: [string, string] = ['Content-Type', 'text/plain'];

describe('firstUnlistedUnsafeHeader with a memo', () => {
  it.each<[string, Request, Request]>([
    ['the same request again', { headers: lines(...browserOwn, json), allowHeaders: listed }, { headers: lines(...browserOwn, json), allowHeaders: listed }],
    ['another value of a name outside the key', { headers: lines(...browserOwn, ['X-Request-Id', '1']), allowHeaders: listed }, { headers: lines(...browserOwn, ['X-Request-Id', '2']), allowHeaders: listed }],
    ['a safelisted value, then an unsafe one', { headers: lines(json, ['X-Key', '1']), allowHeaders: parseAllowList('x-key', true) }, { headers: lines(plain, ['X-Key', '1']), allowHeaders: parseAllowList('x-key', true) }],
    ['an unsafe value, then a safelisted one', { headers: lines(plain, ['X-Key', '1']), allowHeaders: parseAllowList('x-key', true) }, { headers: lines(json, ['X-Key', '1']), allowHeaders: parseAllowList('x-key', true) }],
    ['another allow list', { headers: lines(json, ['X-Request-Id', '1']), allowHeaders: listed }, { headers: lines(json, ['X-Request-Id', '1']), allowHeaders: parseAllowList('content-type', true) }],
    ['an allow list that did not parse', { headers: lines(json, ['X-Request-Id', '1']), allowHeaders: parseAllowList('content-type', true) }, { headers: lines(json, ['X-Request-Id', '1']), allowHeaders: null }],
    ['the same names in another order', { headers: lines(['X-A', '1'], ['X-B', '1']), allowHeaders: parseAllowList('x-a', true) }, { headers: lines(['X-B', '1'], ['X-A', '1']), allowHeaders: parseAllowList('x-a', true) }],
    ['a name in another case', { headers: lines(['X-A', '1'], ['Cookie', 'a']), allowHeaders: parseAllowList('x-a', true) }, { headers: lines(['X-\u212A', '1'], ['Cookie', 'a']), allowHeaders: parseAllowList('x-k', true) }],
    ['a Cookie, then as many lines without one', { headers: lines(['Cookie', 'a=b'], json), allowHeaders: listed }, { headers: lines(['Accept', '*/*'], json), allowHeaders: listed }],
    ['no Cookie, then one', { headers: lines(['Accept', '*/*'], json), allowHeaders: listed }, { headers: lines(['Cookie', 'a=b'], json), allowHeaders: listed }],
    ['a client hint, then a browser that safelists none', { headers: lines(['DPR', '2']), allowHeaders: parseAllowList('', true) }, { headers: lines(['DPR', '2']), allowHeaders: parseAllowList('', true), clientHints: false }],
    ['a method override, then one forbidden by its value', { headers: lines(['X-HTTP-Method-Override', 'PUT']), allowHeaders: parseAllowList('', true) }, { headers: lines(['X-HTTP-Method-Override', 'TRACE']), allowHeaders: parseAllowList('', true) }],
    ['safelisted values within 1024 bytes, then over', { headers: lines(['Accept', 'a'.repeat(128)], ['Accept', 'a'.repeat(100)]), allowHeaders: listed }, { headers: lines(['Accept', 'a'.repeat(128)], ['Accept', 'a'.repeat(128)]), allowHeaders: listed }],
    [
      'a line the browser added, then the page',
      { headers: lines(['Priority', 'u=1'], json), allowHeaders: listed, preflightRequestHeaders: lines(['Access-Control-Request-Headers', 'content-type']) },
      { headers: lines(['Priority', 'u=1'], json), allowHeaders: listed, preflightRequestHeaders: lines(['Access-Control-Request-Headers', 'content-type,priority']) },
    ],
    ['the mode unknown: the facts read again', { headers: lines(['Origin', 'https://a.example'], ['Sec-Fetch-Mode', 'cors']), allowHeaders: listed, modeFacts: true }, { headers: lines(['Origin', 'https://b.example'], ['Sec-Fetch-Mode', 'no-cors']), allowHeaders: listed, modeFacts: true }],
  ])('%s: the answer of a fresh pass', (_, before, after) => {
    const memo = requestPassMemo();
    expect(pass(before, memo)).toEqual(pass(before, null));
    expect(pass(after, memo)).toEqual(pass(after, null));
    // And answered again from whatever the memo kept.
    expect(pass(after, memo)).toEqual(pass(after, null));
    expect(pass(before, memo)).toEqual(pass(before, null));
  });

  it('answers a repeated request from the memo', () => {
    // The memo is in use (or the cases above prove nothing): the same request again is answered
    // by what the memo kept, not by a fresh pass. Proven by altering the kept answer.
    const memo = requestPassMemo();
    const allowHeaders = parseAllowList('x-key', true);
    const request = (): Request => ({ headers: lines(['X-Key', '1']), allowHeaders });
    expect(pass(request(), memo).first).toBe(ALL_LISTED);
    const slot = memo.passes.findIndex((kept) => kept !== null);
    expect(memo.passes.filter((kept) => kept !== null)).toHaveLength(1);
    expect(memo.passes[slot]).toMatchObject({ names: ['X-Key'], valueLines: [], first: ALL_LISTED, cookie: false });
    memo.passes[slot] = { ...memo.passes[slot]!, first: 0 };
    expect(pass(request(), memo).first).toBe(0);
    // A request that differs (the same slot, more lines) is not.
    expect(pass({ headers: lines(['Accept', 'a'.repeat(128)], ...Array.from({ length: 8 }, (): [string, string] => ['Accept', 'a'.repeat(128)])), allowHeaders }, memo).first).toBe(CANNOT_TELL);
  });

  it('answers as a fresh pass over any run of requests', () => {
    const name = fc.constantFrom('Accept', 'accept', 'Cookie', 'Origin', 'Sec-Fetch-Mode', 'User-Agent', 'Content-Type', 'X-Request-Id', 'X-Key', 'DPR', 'X-HTTP-Method-Override', 'Priority', 'Pragma');
    const value = fc.constantFrom('*/*', 'application/json', 'text/plain', 'cors', '2', 'x', 'TRACE', 'no-cache', 'a'.repeat(128));
    const request: fc.Arbitrary<Request> = fc.record({
      headers: fc.array(fc.tuple(name, value), { maxLength: 10 }).map((pairs) => lines(...pairs)),
      allowHeaders: fc.constantFrom(listed, parseAllowList('x-key, priority', true), parseAllowList('*', true), null),
      preflightRequestHeaders: fc.constantFrom(lines(), lines(['Access-Control-Request-Headers', 'priority,pragma'])),
      modeFacts: fc.boolean(),
      clientHints: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 30 }), (requests) => {
        const memo = requestPassMemo();
        for (const each of requests) expect(pass(each, memo)).toEqual(pass(each, null));
      }),
      { seed: 1414, numRuns: 500 },
    );
  });
});
