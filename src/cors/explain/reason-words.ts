// The words for a failure that can happen in more than one way: one sentence per reason the rule
// returned (`Check.reason`), so the text says what the engine decided and nothing it did not.
// Keyed by the rule's own reason type: a new reason cannot be left without words.

import type { AllowHeadersFailure } from '../allow-headers.ts';
import type { AllowMethodsFailure } from '../allow-methods.ts';
import type { Diagnosis, PreflightReason } from '../diagnosis.ts';
import type { FailureReason } from '../failure-reason.ts';
import { SAFELIST_TOTAL_VALUE_LIMIT, safelistValueRule, type ValueRule } from '../safelisted-request-header.ts';

/** The values a reason's words are filled with. */
export interface ListWords {
  /** failedParameter: the header name or the method. */
  name: string;
  /** The preflight's Access-Control-Allow-Headers (or -Methods) as sent; null when absent. */
  list: string | null;
  /** Every name the request needed allowed (the failed check's `expected`), when known. */
  needed: string;
}

const namedList = (header: string, list: string | null): string => (list === null ? `no ${header}` : `${header}: '${list}'`);

export const HEADER_WORDS: Record<AllowHeadersFailure, (w: ListWords) => string> = {
  'no-allow-headers': (w) => `The preflight answer had ${namedList('Access-Control-Allow-Headers', w.list)}, so it allowed no request header but the CORS-safelisted ones. Add ${w.name} to Access-Control-Allow-Headers.`,
  'not-listed': (w) => `The preflight's Access-Control-Allow-Headers was '${w.list ?? ''}', which does not include ${w.name}. Add ${w.name} to Access-Control-Allow-Headers.`,
  'wildcard-is-literal-with-credentials': (w) =>
    `The preflight's Access-Control-Allow-Headers was '${w.list ?? ''}', but the request was sent with credentials ('include'): then * is no wildcard, only the literal header name *, so every request header that is not CORS-safelisted must be named, not only Authorization (${w.name} was the first one checked). Name them: Access-Control-Allow-Headers: ${w.needed || w.name}. (Without credentials, * covers every name but Authorization, which the standard never lets * cover: Chromium lets it through all the same, and Firefox with a deprecation warning.)`,
};

export const METHOD_WORDS: Record<AllowMethodsFailure, (w: ListWords) => string> = {
  'no-allow-methods': (w) => `The preflight answer had ${namedList('Access-Control-Allow-Methods', w.list)}, so only GET, HEAD and POST are allowed. Add ${w.name} to Access-Control-Allow-Methods.`,
  'not-listed': (w) => {
    const otherCase = (w.list ?? '').split(',').some((m) => m.trim() !== w.name && m.trim().toUpperCase() === w.name.toUpperCase());
    return (
      `The preflight allowed '${w.list ?? ''}' in Access-Control-Allow-Methods, which does not include ${w.name} (GET, HEAD and POST never need listing).` +
      (otherCase ? ` Methods are compared byte for byte: the list has ${w.name} in another case; send the method as the list spells it (fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT).` : '') +
      ` Add ${w.name} to Access-Control-Allow-Methods.`
    );
  },
  'wildcard-is-literal-with-credentials': (w) =>
    `The preflight allowed '${w.list ?? ''}' in Access-Control-Allow-Methods, but the request was sent with credentials ('include'): then * is no wildcard, only a method named *. Name ${w.name} in Access-Control-Allow-Methods.`,
};

/** The reason the failed check gave, when its rule has several; null otherwise (or for an old Diagnosis). */
export function failureReason(diagnosis: Diagnosis): FailureReason | null {
  for (let i = diagnosis.checks.length - 1; i >= 0; i--) {
    const check = diagnosis.checks[i]!;
    if (check.outcome === 'failed') return check.reason ?? null;
  }
  return null;
}

/** `expected` of the failed check: for the header check, every name the request needed allowed. */
export function failedCheckExpected(diagnosis: Diagnosis): string {
  for (let i = diagnosis.checks.length - 1; i >= 0; i--) {
    const check = diagnosis.checks[i]!;
    if (check.outcome === 'failed') return check.expected ?? '';
  }
  return '';
}

/**
 * What a safelisted name's value must be, by its rule (https://fetch.spec.whatwg.org/#cors-safelisted-request-header;
 * the client hints are Chromium's own additions, which neither the standard nor Firefox safelists).
 */
const VALUE_RULE_WORDS: Record<Exclude<ValueRule, 'any'>, string> = {
  accept: 'while its value has none of the bytes " ( ) : < > ? @ [ \\ ] { }, DEL or a control character other than tab',
  language: 'while its value is made only of letters, digits, spaces and * , - . ; =',
  'content-type':
    'while its value is application/x-www-form-urlencoded, multipart/form-data or text/plain (parameters such as charset allowed) with none of the bytes " ( ) : < > ? @ [ \\ ] { }',
  range: 'as one byte range, bytes=N- or bytes=N-M with N no greater than M (no suffix range such as bytes=-500, no list, no spaces)',
  double: 'in Chromium, and only while its value is a number such as 2 or 1.5 (the standard and Firefox never safelist it)',
  int: 'in Chromium, and only while its value is a whole number (the standard and Firefox never safelist it)',
  ect: 'in Chromium, and only while its value is slow-2g, 2g, 3g or 4g (the standard and Firefox never safelist it)',
  'save-data': 'in Chromium, and only while its value is on (the standard and Firefox never safelist it)',
};

/** A value as quoted in the words: short values whole, long ones cut. */
const quoted = (value: string): string => `'${value.length > 80 ? `${value.slice(0, 77)}...` : value}'`;

/** Why a safelisted name needed the server's permission, and the way out that needs no server change. */
export interface NotSafelisted {
  why: string;
  otherWay: string;
}

/**
 * Why a request header the browser may send freely by name needed the server's permission here: its
 * value, its length, or the safelisted values' total size. Null for a name that is never safelisted
 * (the permission is then plainly needed).
 */
export function notSafelistedWords(reasons: readonly PreflightReason[], name: string): NotSafelisted | null {
  const reason = reasons.find((r): r is Extract<PreflightReason, { kind: 'header' }> => r.kind === 'header' && r.name === name);
  if (reason === undefined || reason.why === 'name') return null;
  const rule = safelistValueRule(name);
  if (rule === undefined || rule === 'any') return null;
  if (reason.why === 'total-too-long') {
    return {
      why: `The browser sends the CORS-safelisted headers without asking only while their values come to at most ${SAFELIST_TOTAL_VALUE_LIMIT} bytes together; this request's came to more, so every one of them (the ${name} header too) needed the server's permission.`,
      otherWay: 'Or have the page send shorter values: then the browser needs no permission for them.',
    };
  }
  const otherWay = 'Or have the page send a value within those limits: then the browser needs no permission for it.';
  if (reason.why === 'value-too-long') {
    return { why: `The ${name} header is CORS-safelisted (sent without asking) only while its value is at most 128 bytes; this request's was ${reason.value.length} bytes, so the browser asked the server first.`, otherWay };
  }
  return { why: `The ${name} header is CORS-safelisted (sent without asking) only ${VALUE_RULE_WORDS[rule]}; this request sent ${quoted(reason.value)}, so the browser asked the server first.`, otherWay };
}
