// An exchange as a `fetch()` call to paste into the Console of the page that made it: the same
// method, URL, headers, body and credentials mode, so the browser repeats the CORS check itself.
//
// Safe by construction: every string from the capture goes through `literal` (JSON.stringify, then
// `<` and every character the project counts as unprintable escaped, so the text stays one string
// literal in any JavaScript, inert inside an HTML `<script>`, and reads as what runs: a bidi control
// or a zero-width character left raw would make the code a person reads before pasting it differ
// from the code the Console runs), header names included; comments hold captured text only as such
// literals (the names of the parts that send a placeholder of a capture sanitized before). Headers
// the browser sets itself (the forbidden ones, and those it adds after the CORS decision) are left
// out: fetch() would refuse or ignore them, and the browser sends its own.

import { diagnose, isForbiddenRequestHeader, withPageSetHeaders, type HeaderLine, type ObservedExchange } from '../cors/index.ts';
import { heldPlaceholders, placeholdersNote, type WrittenRequest } from './held-placeholders.ts';
import { redactExchange } from './redact-exchange.ts';
import { PUT_IN_VALUES, VALUES_NOT_CAPTURED, valuesNotCaptured } from './unsent-values.ts';
import { UNPRINTABLE } from './visible-text.ts';

// `<` (no `</script>`) and what `visible-text.ts` counts as unprintable: C0 and lone surrogates are
// escaped by JSON.stringify already; DEL, C1, bidi and other format characters, U+2028/U+2029 are not.
const LITERAL_UNSAFE = new RegExp(`<|${UNPRINTABLE.source}`, 'gu');

/** `\uXXXX` per UTF-16 unit: an escape any JavaScript reads, for any character. */
function unitEscapes(char: string): string {
  let out = '';
  for (let i = 0; i < char.length; i++) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * A JavaScript string literal for `text`, exactly: no character of it can end the literal or a
 * script block, and none is invisible or reorders the code around it (each is a `\uXXXX` escape).
 */
export function literal(text: string): string {
  return JSON.stringify(text).replace(LITERAL_UNSAFE, unitEscapes);
}

export interface FetchSnippetOptions {
  /** Include cookies, tokens and keys as captured. Off by default: secrets become placeholders. */
  includeSecrets?: boolean;
}

export interface FetchSnippet {
  code: string;
  /** Headers left out because the browser sets them itself (lower-case names). */
  omitted: string[];
}

/** The credentials mode to ask for: the captured one, else `include` when a Cookie header proves it. */
function credentialsOf(exchange: ObservedExchange): string | null {
  const mode = exchange.request.credentialsMode;
  if (mode !== undefined) return mode === 'same-origin' ? null : mode;
  return exchange.request.headers.some(([name]) => name.toLowerCase() === 'cookie') ? 'include' : null;
}

/** The code the exchange becomes: the `fetch()` call, and the headers left out of it. */
function fetchCall(exchange: ObservedExchange): { call: string; headers: HeaderLine[]; omitted: Set<string> } {
  // The same line objects, less those the browser added on the wire.
  const pageSet = new Set(withPageSetHeaders(exchange).request.headers);
  const omitted = new Set<string>();
  const headers = exchange.request.headers.filter((line) => {
    const [name, value] = line;
    const keep = pageSet.has(line) && !name.startsWith(':') && !isForbiddenRequestHeader(name, value);
    if (!keep) omitted.add(name.toLowerCase());
    return keep;
  });
  const init: string[] = [];
  const method = exchange.request.method.toUpperCase();
  if (method !== 'GET') init.push(`  method: ${literal(exchange.request.method)},`);
  if (headers.length > 0) {
    // Pairs rather than an object: order and repeated names arrive as captured.
    init.push('  headers: [', ...headers.map(([name, value]) => `    [${literal(name)}, ${literal(value)}],`), '  ],');
  }
  const body = exchange.request.body;
  if (body !== undefined && body !== null) init.push(`  body: ${literal(body)},`);
  const credentials = credentialsOf(exchange);
  if (credentials !== null) init.push(`  credentials: ${literal(credentials)},`);
  const mode = exchange.request.mode;
  if (mode === 'no-cors' || mode === 'same-origin') init.push(`  mode: ${literal(mode)},`);
  const redirect = exchange.request.redirectMode;
  if (redirect === 'manual' || redirect === 'error') init.push(`  redirect: ${literal(redirect)},`);
  const url = literal(exchange.hops[0]?.url ?? '');
  return { call: init.length === 0 ? `await fetch(${url});` : `await fetch(${url}, {\n${init.join('\n')}\n});`, headers, omitted };
}

/** What the call sends, as the placeholders' finder reads it. */
function written(exchange: ObservedExchange, headers: HeaderLine[]): WrittenRequest {
  return { method: exchange.request.method, url: exchange.hops[0]?.url ?? '', headers, body: exchange.request.body ?? null };
}

export function fetchSnippet(observed: ObservedExchange, options: FetchSnippetOptions = {}): FetchSnippet {
  const exchange = options.includeSecrets === true ? observed : redactExchange(observed);
  const { call, headers, omitted } = fetchCall(exchange);
  // Redaction replaced something in this code only where the call differs from the captured one's
  // (a secret in a response header or the error text, which the call does not hold, is no reason to say so).
  const captured = exchange === observed ? null : fetchCall(observed);
  const replaced = captured !== null && captured.call !== call;
  // Placeholders the capture itself held (sanitized before), named as the call writes each part.
  const held = heldPlaceholders([written(observed, captured?.headers ?? headers)], [written(exchange, headers)]);
  const unsent = valuesNotCaptured(exchange, headers);

  const diagnosis = diagnose(observed);
  const verdict = diagnosis.corsError === null ? diagnosis.verdict : `${diagnosis.verdict}: ${diagnosis.corsError}`;
  const lines = [
    `// CORS Inspector: the request as the page made it${unsent ? ', but for the header values the capture never saw' : ''} (${verdict}).`,
    '// Paste it into the Console of a page on the same origin as the one that made it.',
  ];
  if (unsent) lines.push(`// ${VALUES_NOT_CAPTURED} ${PUT_IN_VALUES}`);
  if (replaced) lines.push('// Secrets were replaced by REDACTED-... placeholders. Put real values back to reproduce an authenticated request.');
  // Captured names only as string literals: no line break, `<` or unprintable character in the comment.
  if (held !== null) lines.push(`// ${placeholdersNote(held, 'this call', literal)}`);
  if (omitted.size > 0) lines.push(`// Left out, the browser sets them itself: ${omitted.size} header${omitted.size === 1 ? '' : 's'}.`);
  lines.push(call);
  return { code: `${lines.join('\n')}\n`, omitted: [...omitted] };
}
