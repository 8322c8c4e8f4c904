// For tests: secrets in the values the engine reads as a keyword or a number (`Vary`'s items,
// `Access-Control-Max-Age`, `-Allow-Credentials`, `-Allow-Private-Network`, the request's `Range`,
// `Sec-Fetch-Site`, `Sec-Fetch-Mode`), in every shape a hostile capture can glue them in, and the
// exchanges that carry them (`keyword-values.property.test.ts`, `explain-masking.property.test.ts`).

import fc from 'fast-check';
import type { HeaderLine, ObservedExchange } from '../cors/index.ts';
import { redactHeader } from './redact-header.ts';

const b64 = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
export const KEYWORD_SECRETS = [
  'ghp_MiN1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsVaRy',
  `${b64({ alg: 'HS256' })}.${b64({ sub: 'kw41' })}.MiNjWtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX`,
  'AKIAIOSFODNN7EXAMPLE',
  'sk_live_q8Zb3K2pXvLr9TmW1nYc',
  'xoxb-1234567890-abcdefghijklmnopqrstuvwx',
] as const;

// How a secret sits in a value: alone, beside the keyword or a number (glued by `-`, `=`, or by
// nothing after it or after a number: `600AKIA...`, session 42), in a list, quoted, padded,
// lower-cased; and the keyword itself, so that some exchanges pass. (Glued by nothing after a word, a
// key's prefix is inside that word, where no export finds it in any header: `takenElsewhere` says
// what an ordinary header loses.)
export const SHAPES: readonly ((secret: string, keyword: string) => string)[] = [
  (s) => s,
  (s, k) => `${k}-${s}`,
  (s, k) => `${s}${k}`,
  (s, k) => `${k}, ${s}`,
  (s, k) => `${s}, ${k}`,
  (s, k) => `${k} ${s}`,
  (s) => ` ${s} `,
  (s) => `"${s}"`,
  (s) => `600 ${s}`,
  (s) => `600${s}`,
  (s) => `bytes=0-${s}`,
  (s) => `bytes=${s}-`,
  (s) => s.toLowerCase(),
  (_s, k) => k,
];

export type Place = 'vary' | 'max-age' | 'allow-credentials' | 'allow-private-network' | 'range' | 'sec-fetch-site' | 'sec-fetch-mode';
export const PLACES: readonly Place[] = ['vary', 'max-age', 'allow-credentials', 'allow-private-network', 'range', 'sec-fetch-site', 'sec-fetch-mode'];

/** The header each place is, its keyword, and whether it is on the request. */
export const HEADER: Record<Place, { name: string; keyword: string; request: boolean }> = {
  vary: { name: 'Vary', keyword: 'Origin', request: false },
  'max-age': { name: 'Access-Control-Max-Age', keyword: '7200', request: false },
  'allow-credentials': { name: 'Access-Control-Allow-Credentials', keyword: 'true', request: false },
  'allow-private-network': { name: 'Access-Control-Allow-Private-Network', keyword: 'true', request: false },
  range: { name: 'Range', keyword: 'bytes=0-99', request: true },
  'sec-fetch-site': { name: 'Sec-Fetch-Site', keyword: 'cross-site', request: true },
  'sec-fetch-mode': { name: 'Sec-Fetch-Mode', keyword: 'cors', request: true },
};

export interface KeywordCase {
  place: Place;
  value: string;
  /** A second place with a secret, or none. */
  also: [Place, string] | null;
  preflight: boolean;
  credentials: boolean;
  privateNetwork: boolean;
  /** Chromium's reported verdict carries the refused value (its failedParameter), as a capture's does. */
  reported: boolean;
}

const placed = fc.tuple(fc.constantFrom(...PLACES), fc.constantFrom(...KEYWORD_SECRETS), fc.constantFrom(...SHAPES)).map(([place, secret, shape]): [Place, string] => [place, shape(secret, HEADER[place].keyword)]);

export const keywordCase: fc.Arbitrary<KeywordCase> = fc
  .record({ first: placed, also: fc.option(placed, { nil: null }), preflight: fc.boolean(), credentials: fc.boolean(), privateNetwork: fc.boolean(), reported: fc.boolean() })
  .map(({ first, ...rest }) => ({ place: first[0], value: first[1], ...rest }));

/** The exchange of a case: the page's request, its preflight when it needs one, and the answers. */
export function keywordExchange(c: KeywordCase): ObservedExchange {
  const origin = 'https://app.example';
  const url = c.privateNetwork ? 'http://192.168.1.20/api' : 'https://api.example/api';
  const request: HeaderLine[] = [['Origin', origin], ['Sec-Fetch-Mode', 'cors'], ['Sec-Fetch-Site', 'cross-site']];
  const answer: HeaderLine[] = [['Access-Control-Allow-Origin', origin], ['Vary', 'Origin']];
  if (c.credentials) answer.push(['Access-Control-Allow-Credentials', 'true']);
  const preflightAnswer: HeaderLine[] = [...answer, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'range, x-test'], ['Access-Control-Max-Age', '600']];
  if (c.privateNetwork) preflightAnswer.push(['Access-Control-Allow-Private-Network', 'true']);
  for (const [place, value] of c.also === null ? [[c.place, c.value] as const] : [[c.place, c.value] as const, c.also]) {
    const { name, request: onRequest } = HEADER[place];
    const set = (lines: HeaderLine[]) => {
      const at = lines.findIndex(([n]) => n === name);
      if (at === -1) lines.push([name, value]);
      else lines[at] = [name, value];
    };
    if (onRequest) set(request);
    else {
      // Max-Age and the private-network line are the preflight's; the others on both answers.
      set(preflightAnswer);
      if (place === 'vary' || place === 'allow-credentials') set(answer);
    }
  }
  if (c.preflight) request.push(['X-Test', '1']);
  const method = c.preflight ? 'PUT' : 'GET';
  const preflightRequest: HeaderLine[] = [['Origin', origin], ['Access-Control-Request-Method', method], ['Access-Control-Request-Headers', 'range, x-test'], ['Sec-Fetch-Mode', 'cors']];
  if (c.privateNetwork) preflightRequest.push(['Access-Control-Request-Private-Network', 'true']);
  const refused = preflightAnswer.find(([name]) => name === 'Access-Control-Allow-Private-Network')?.[1] ?? '';
  return {
    request: { method, headers: request, credentialsMode: c.credentials ? 'include' : 'same-origin', initiatorOrigin: origin },
    hops: [{ url, ...(c.preflight || c.privateNetwork ? { preflight: { url, requestHeaders: preflightRequest, response: { status: 204, headers: preflightAnswer } } } : {}), response: { status: 200, headers: answer } }],
    errorText: 'net::ERR_FAILED',
    ...(c.reported && c.privateNetwork && refused !== 'true' ? { browserVerdict: { corsError: 'InvalidPrivateNetworkAccess', failedParameter: refused } } : {}),
  };
}

/** The distinctive part of each secret. */
export const KEYWORD_SECRET_PARTS = ['MiN1Lw2Kq8Pt3Rv7Nz1Mx6Bj4Hy0Gd5FsVaRy', b64({ sub: 'kw41' }), 'MiNjWtQm8Lp2Wv7Rz4Tn9By1Hj6Gd5Fs0AeX', 'IOSFODNN7EXAMPLE', 'q8Zb3K2pXvLr9TmW1nYc', 'abcdefghijklmnopqrstuvwx'];

/**
 * The parts of secrets `value` holds that an export takes from it where the engine reads no value
 * (an `X-Anything` line), or, for Vary, from another list of header names: none may be left where
 * the engine reads it.
 */
export function takenElsewhere(place: Place, value: string): string[] {
  const line: HeaderLine = place === 'vary' ? ['Access-Control-Expose-Headers', value] : ['X-Anything', value];
  const elsewhere = redactHeader(line)[1].toLowerCase();
  return KEYWORD_SECRET_PARTS.filter((part) => value.toLowerCase().includes(part.toLowerCase()) && !elsewhere.includes(part.toLowerCase()));
}

