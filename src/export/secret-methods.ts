// A method shaped like a credential. A method is any token (https://fetch.spec.whatwg.org/#methods),
// so a page can send `ghp_…`, `sk_live_…`, `AKIA…` or a JWT as one, and a server can list it in
// `Access-Control-Allow-Methods`: exports kept methods as captured so that verdicts stay, and so
// wrote the secret in clear wherever the method went (the request line, curl's `-X`, the preflight's
// `Access-Control-Request-Method`, the server's list, the fix's snippets; session 38).
//
// Such a method is judged by the shapes header names are judged by (`redactNameShapes`), and each
// one becomes a numbered placeholder (`REDACTED-TOKEN-1`, `secret-name-numbers.ts`), the same
// wherever the export writes that method. The engine reads a method only byte for byte (listed in
// `Access-Control-Allow-Methods`, https://fetch.spec.whatwg.org/#cors-preflight-fetch step 7.5), as
// a CORS-safelisted method (`GET`, `HEAD`, `POST`), a forbidden one (`CONNECT`, `TRACE`, `TRACK`),
// one normalized (the six of https://fetch.spec.whatwg.org/#concept-method-normalize), or `*`, and
// a list of them as valid only when every item is a token. A method with a secret in it is none of
// those words, and neither is its placeholder; distinct methods get distinct numbers, and no number
// makes a method the capture holds; a token stays a token and what is none stays none. So every
// comparison comes out as before, and the redacted exchange is judged as the captured one.

import { type HeaderLine, type HeaderList, memoized, METHOD_OVERRIDE_NAMES } from '../cors/index.ts';
import { redactNameShapes } from './redact-shapes.ts';
import type { Redaction } from './redaction.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';

/** https://www.rfc-editor.org/rfc/rfc9110#name-tokens: what a method is (`method = token`). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Appended to a method that is no token whose secret took its only bytes that were none (`whsec_…/…`): it stays no token. */
export const STILL_NO_TOKEN = ' REDACTED-REST-OF-METHOD';

/**
 * Header lines whose value is a method or a comma-separated list of them: the preflight's
 * `Access-Control-Request-Method`, the server's `Access-Control-Allow-Methods` and `Allow`, HTTP/2's
 * `:method`, and the method-override headers (`X-HTTP-Method-Override`, which the engine reads for a
 * forbidden method).
 */
const METHOD_VALUED = new Set(['access-control-request-method', 'access-control-allow-methods', 'allow', ':method', ...METHOD_OVERRIDE_NAMES]);
/**
 * Their lengths, by length: most header names of a log are none of them, told without lower-casing
 * them (`explain` asks of every line of every exchange; an array read, not a set's look-up).
 */
const METHOD_VALUED_LENGTH: readonly boolean[] = (() => {
  const byLength: boolean[] = [];
  for (const name of METHOD_VALUED) byLength[name.length] = true;
  return Array.from(byLength, (known) => known === true);
})();

/**
 * Whether no item of a method value (a method, a list of them) has a secret's shape: `explain` asks
 * for every exchange of a log, whose few values repeat (`GET`, `GET, POST, PUT, DELETE`), and the
 * shapes cost microseconds a value. Whether an item is renamed does not depend on the numbering, so
 * a value is judged once (`memoized`, bounded).
 */
const shapeless = memoized(1_024, (value: string): boolean =>
  value.split(',').every((item) => {
    const trimmed = item.replace(/^[ \t]+|[ \t]+$/g, '');
    return trimmed === '' || redactNameShapes(trimmed, [], 'method') === trimmed;
  }),
);

export function isMethodValued(lowerName: string): boolean {
  return METHOD_VALUED.has(lowerName);
}

/**
 * `method` as exports write it: its secret's shape replaced by a placeholder numbered by the
 * export's `numbers` (unnumbered without), as itself when it holds none. `found` gets what was
 * taken, at `where`.
 */
export function redactMethod(method: string, found: Redaction[], where: string, numbers: SecretNameNumbers | undefined): string {
  const taken: Redaction[] = [];
  let shown = redactNameShapes(method, taken, where);
  if (shown === method) return method;
  found.push(...taken);
  if (!TOKEN.test(method) && TOKEN.test(shown)) shown += STILL_NO_TOKEN;
  return numbers === undefined ? shown : numbers.numberedMethod(method, shown);
}

/** A method-valued line's value (`isMethodValued`), each item of its list written as `redactMethod` writes it. */
export function redactMethodList(value: string, found: Redaction[], where: string, numbers: SecretNameNumbers | undefined): string {
  // Items as the engine parses them: split on `,`, spaces and tabs trimmed (`allow-list.ts`).
  return value.replace(/[^,]+/g, (item) => {
    const method = item.replace(/^[ \t]+|[ \t]+$/g, '');
    if (method === '') return item;
    const at = item.indexOf(method);
    return `${item.slice(0, at)}${redactMethod(method, found, where, numbers)}${item.slice(at + method.length)}`;
  });
}

/** A header line with its methods written as `redactMethodList` writes them; the line itself when none changes. */
export function redactMethodLine(line: HeaderLine, found: Redaction[], numbers: SecretNameNumbers | undefined): HeaderLine {
  const lowerName = line[0].toLowerCase();
  if (!isMethodValued(lowerName)) return line;
  const value = redactMethodList(line[1], found, lowerName, numbers);
  return value === line[1] ? line : [line[0], value];
}

/**
 * Each method of an exchange that redaction rewrites (the request's `method`, and those its
 * method-valued lines name, in `lists`: `allHeaderLists`), as captured and as written, numbered by
 * the export's `numbers`: what rewrites the words the engine wrote about the captured exchange (a
 * headline, Chromium's failedParameter).
 */
export function renamedMethods(method: string, lists: readonly HeaderList[], numbers: SecretNameNumbers): [string, string][] {
  // Made once a method is renamed: most exchanges have none (`explain` asks of every one).
  let renamed: Map<string, string> | null = null;
  const add = (item: string) => {
    if (renamed?.has(item) === true) return;
    const shown = redactMethod(item, [], 'method', numbers);
    if (shown !== item) (renamed ??= new Map()).set(item, shown);
  };
  if (!shapeless(method)) add(method);
  for (const headers of lists) {
    for (const [name, value] of headers) {
      if (METHOD_VALUED_LENGTH[name.length] !== true || !isMethodValued(name.toLowerCase()) || shapeless(value)) continue;
      for (const item of value.split(',')) {
        const trimmed = item.replace(/^[ \t]+|[ \t]+$/g, '');
        if (trimmed !== '') add(trimmed);
      }
    }
  }
  return renamed === null ? [] : [...renamed];
}
