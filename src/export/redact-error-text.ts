// The browser's error text: a HAR's `response._error`, the engine's `errorText` and a preflight's
// `networkError`. Chromium writes a code there (`net::ERR_FAILED`), which holds no secret, but a
// hand-made or hostile HAR can write anything (a URL with its password and token, a `Bearer` line),
// and every export printed it as it was. It is redacted as free text (`redactText`).
//
// The engine reads the text, and reads it alike after: it compares the whole text with the codes it
// knows (none holds a secret, so none changes; none holds a placeholder, so no changed text becomes
// one) and classifies any other by its start (`net::ERR_CERT_...`), which the scan keeps.

import { memoized } from '../cors/index.ts';
import { redactText } from './redact-text.ts';
import type { Redaction } from './redaction.ts';

// Nearly every error text is a code alone: kept without a scan.
const CODE_ALONE = /^(?:net::ERR|NS_ERROR)_[A-Z_]+$/;

/** Whether `text` is a code alone (`net::ERR_FAILED`): no secret, no header name in it. */
export function isCodeAlone(text: string): boolean {
  return CODE_ALONE.test(text);
}

/** `text` with its secrets replaced by placeholders, recorded in `found` under `where`; a code alone as it is. */
export function redactErrorText(text: string, found: Redaction[], where = 'error-text'): string {
  return CODE_ALONE.test(text) ? text : redactText(text, found, where);
}

// Texts longer than this are redacted each time, not remembered (as `masked-origins.ts` does).
const MEMO_TEXT_CHARS = 2048;
const remembered = memoized(256, (text) => redactErrorText(text, []));

/** The text as `explain` shows it: as the exports write it; one code or text met again and again is scanned once. */
export function maskedErrorText(text: string): string {
  if (CODE_ALONE.test(text)) return text;
  return text.length <= MEMO_TEXT_CHARS ? remembered(text) : redactErrorText(text, []);
}
