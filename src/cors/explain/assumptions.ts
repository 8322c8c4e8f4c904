// Words for what the engine had to assume (the wire does not carry the credentials mode or the
// request mode) and for what would change under the other reading.

import type { Alternative, Assumption, Diagnosis } from '../diagnosis.ts';
import type { CredentialsMode } from '../exchange.ts';
import { escapeControls } from './escape.ts';
import { memo } from './memo.ts';

const COOKIES_WHY: Record<CredentialsMode, string> = { include: "credentials: 'include'", 'same-origin': "fetch's default", omit: "credentials: 'omit'" };

/**
 * Whether the browser sends cookies and HTTP auth on a cross-origin request, in the words of
 * `fetch()`'s `credentials` option: "not sent (fetch's default)". `note` goes inside the brackets.
 */
export function cookiesWords(mode: CredentialsMode, note?: string): string {
  return `${mode === 'include' ? 'sent' : 'not sent'} (${COOKIES_WHY[mode]}${note ? `; ${note}` : ''})`;
}

const ABOUT: Record<Assumption['about'], string> = {
  'credentials-mode': 'Cookies',
  'request-mode': 'Request mode',
  'initiator-origin': "The page's origin",
  'initiator-address-space': "The page's address space (Local Network Access)",
  'initiator-secure-context': 'Whether the page was a secure context',
  'target-address-space': "The server's address space (Local Network Access)",
  'target-address-space-option': "fetch()'s targetAddressSpace option",
};

const BECAUSE: Record<Assumption['because'], string> = {
  known: 'the capture records it',
  'cookie-header': 'a Cookie header was sent',
  'authorization-header': 'an Authorization header was sent',
  default: "unknown (HAR files and webRequest don't record it)",
  'browser-error': "the browser's own error implies it",
  'origin-header': 'the Origin request header says so',
  'origin-host': "the capture does not record it and the page origin's host and scheme suggest it",
  'url-host': "the capture does not record the address the browser reached and the URL's host suggests it",
};

function alternativeText(a: Alternative): string {
  const what = a.assume.credentialsMode !== undefined
    ? `credentials: '${a.assume.credentialsMode}'`
    : a.assume.mode !== undefined
      ? `mode: '${a.assume.mode}'`
      : 'the other reading';
  const outcome = a.verdict === 'blocked'
    ? `it would be blocked: ${a.corsError ?? 'a CORS error'}${a.failedParameter ? ` (${a.failedParameter})` : ''}`
    : a.verdict === 'allowed'
      ? 'it would be allowed'
      : a.verdict === 'network-error'
        ? 'it would fail on the network'
        : a.verdict === 'not-cors'
          ? 'CORS would not apply'
          : 'the capture could not tell the outcome';
  return `If the page used ${what}, ${outcome}.`;
}

/** "Cookies: not sent (fetch's default; assumed: …)" rather than "Credentials mode: same-origin". */
function credentialsNote(mode: CredentialsMode, because: Assumption['because']): string {
  return because === 'default'
    ? `Cookies: ${cookiesWords(mode, "assumed: HAR files and webRequest don't record whether the page sends them")}.`
    : `Cookies: ${cookiesWords(mode)}, because ${BECAUSE[because]}.`;
}

function isCredentialsMode(value: string): value is CredentialsMode {
  return Object.hasOwn(COOKIES_WHY, value);
}

function belongsTo(a: Alternative, about: Assumption['about']): boolean {
  return (about === 'credentials-mode' && a.assume.credentialsMode !== undefined) || (about === 'request-mode' && a.assume.mode !== undefined);
}

// A log's exchanges make a few distinct sets of assumptions (nine in the 10,000-entry benchmark
// log): their notes are worded once per set.
const NOTES = memo<string[]>(1024);

/**
 * One note per assumption not known for sure, followed by what the alternatives would give. A note
 * quotes captured values (the Origin header, an alternative's failed value, such as the
 * Access-Control-Allow-Credentials a request with credentials would have failed on): each control in
 * them is shown as an escape (`\u000A`), as in the explanation, so a note stays one paragraph.
 */
export function assumptionNotes(diagnosis: Diagnosis): string[] {
  return NOTES(notesKey(diagnosis), () => notesOf(diagnosis));
}

/** A string that spells every value the notes read: any other string between the values is length-prefixed. */
function notesKey(diagnosis: Diagnosis): string {
  let key = '';
  for (const a of diagnosis.assumptions) key += `${a.about};${a.because};${a.assumed.length}:${a.assumed}`;
  key += '|';
  for (const alt of diagnosis.alternatives) {
    key += `${alt.assume.credentialsMode ?? '-'};${alt.assume.mode ?? '-'};${alt.verdict};${alt.corsError ?? '-'};`;
    key += alt.failedParameter === null ? '-' : `${alt.failedParameter.length}:${alt.failedParameter}`;
  }
  return key;
}

function notesOf(diagnosis: Diagnosis): string[] {
  const notes: string[] = [];
  const used = new Set<Alternative>();
  for (const a of diagnosis.assumptions) {
    if (a.because === 'known') continue;
    const alternatives = diagnosis.alternatives.filter((alt) => belongsTo(alt, a.about));
    alternatives.forEach((alt) => used.add(alt));
    const base = a.about === 'credentials-mode' && isCredentialsMode(a.assumed)
      ? credentialsNote(a.assumed, a.because)
      : a.because === 'default'
        ? `${ABOUT[a.about]} ${BECAUSE.default}; assumed '${a.assumed}'.`
        : `${ABOUT[a.about]}: '${a.assumed}', because ${BECAUSE[a.because]}.`;
    notes.push([base, ...alternatives.map(alternativeText)].join(' '));
  }
  for (const alt of diagnosis.alternatives) if (!used.has(alt)) notes.push(alternativeText(alt));
  return notes.map(escapeControls);
}
