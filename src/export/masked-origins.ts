// The origins `explain` prints (`Origin`, `Access-Control-Allow-Origin`, the page's origin a HAR
// gives as `initiatorOrigin`) masked as every export redacts them (`redactEngineValue`), userinfo as
// explain's hop URLs show it (`masked`): a hand-made
// or hostile HAR's `https://user:pass@app.example` or `https://app.example/?token=...`. A value
// with userinfo, a path or a query is no serialized origin before or after, so no verdict moves.
//
// The masking runs on every exchange of a 150 MB HAR, which holds a few origins many times over:
// each distinct value is redacted once and remembered, so the common exchange costs a map look-up
// per origin, no URL parse and no scan.

import { memoized } from '../cors/index.ts';
import { maskedUrl } from './masked-url.ts';
import { redactEngineValue } from './redact-engine-values.ts';

type OriginValued = 'origin' | 'access-control-allow-origin';

/**
 * One value masked. A single URL with userinfo (no blank, no comma: no list) reads as the hops' URLs
 * do in the same output (`maskedUrl`): `https://ana:REDACTED-PASSWORD@app.example`, the user name
 * kept unless it is a credential by its shape, where the exports write the whole userinfo as
 * `REDACTED-AUTHORIZATION` (session 34: the origin said less than the hop URL beside it). Either way
 * the value is no serialized origin, before or after, so no verdict moves.
 */
function masked(lowerName: OriginValued, value: string): string {
  if (value.includes('@') && !/[\s,]/.test(value)) return maskedUrl(value);
  return redactEngineValue(lowerName, value, []);
}

// Values longer than this are redacted each time, not remembered: a hostile HAR's megabyte values,
// 1,024 of them kept, would hold gigabytes after the run.
const MEMO_VALUE_CHARS = 2048;
const remembered = {
  origin: memoized(1024, (value) => masked('origin', value)),
  'access-control-allow-origin': memoized(1024, (value) => masked('access-control-allow-origin', value)),
};

/**
 * `value` of an origin-valued header (`lowerName`) as `explain` shows it (`masked`); the value itself
 * when it holds no secret. The page's origin goes as an `Origin` does.
 */
export function maskedOrigin(lowerName: OriginValued, value: string): string {
  return value.length <= MEMO_VALUE_CHARS ? remembered[lowerName](value) : masked(lowerName, value);
}

/** The lower-cased name when `name` is one whose value is an origin, else null; by length first. */
export function originValuedName(name: string): OriginValued | null {
  if (name.length === 6) return name.toLowerCase() === 'origin' ? 'origin' : null;
  if (name.length === 27) return name.toLowerCase() === 'access-control-allow-origin' ? 'access-control-allow-origin' : null;
  return null;
}
