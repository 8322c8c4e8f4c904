// The words for a failure that can happen in more than one way: one sentence per reason the rule
// returned (`Check.reason`), so the text says what the engine decided and nothing it did not.
// Keyed by the rule's own reason type: a new reason cannot be left without words.

import type { AllowHeadersFailure } from '../allow-headers.ts';
import type { AllowMethodsFailure } from '../allow-methods.ts';
import type { Diagnosis } from '../diagnosis.ts';
import type { FailureReason } from '../failure-reason.ts';

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
  'not-listed': (w) =>
    `The preflight's Access-Control-Allow-Headers was '${w.list ?? ''}', which does not include ${w.name}.` +
    (w.name === 'content-type' ? " Content-Type needs listing when its value is not form data or text/plain (e.g. 'application/json')." : '') +
    ` Add ${w.name} to Access-Control-Allow-Headers.`,
  'wildcard-is-literal-with-credentials': (w) =>
    `The preflight's Access-Control-Allow-Headers was '${w.list ?? ''}', but the request was sent with credentials ('include'): then * is no wildcard, only the literal header name *, so every request header that is not CORS-safelisted must be named, not only Authorization (${w.name} was the first one checked). Name them: Access-Control-Allow-Headers: ${w.needed || w.name}. (Without credentials, * would have covered them all, Authorization too in Chromium.)`,
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
