// GraphQL sends its secrets as variables under names of the client's choosing
// (`mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) }` with
// `"variables": {"e": ..., "p": ...}`): the name that says "password" is the argument's, in the query
// text, not the variable's. So a variable is sensitive when the query binds it to a sensitive
// argument or input field (`password: $p`, `input: {pin: $code}`); `$p` in the query is a reference,
// not a secret, and stays as written so the query replays as captured.
// https://spec.graphql.org/October2021/#sec-Language.Variables

import type { SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

// A GraphQL document starts with an operation, a fragment, or `{` (the query shorthand), after any
// ignored tokens (`skipIgnored`). https://spec.graphql.org/October2021/#sec-Document
const DOCUMENT_START = /(?:query|mutation|subscription|fragment|\{)/y;

const WIDE_BLANK = /\s/;

/**
 * The index of the first token at or after `i`: what the lexical grammar ignores is skipped, that
 * is a byte order mark, white space (tab, space), line terminators (LF, CRLF and a lone CR), commas,
 * and comments (`#` to the end of the line, which a lone CR ends too). Read any narrower, a document
 * that starts `# note\rmutation` or `,mutation` was taken for text, its variables kept in clear and
 * its `password: $p` rewritten; `password, : "..."` and `password # why\n : "..."` hid the name.
 * https://spec.graphql.org/October2021/#sec-Language.Source-Text
 * https://spec.graphql.org/October2021/#sec-Language.Source-Text.Ignored-Tokens
 */
export function skipIgnored(document: string, i: number): number {
  while (i < document.length) {
    const code = document.charCodeAt(i);
    // Other white space (a no-break space) is no ignored token, but a lenient server may take it
    // as one: read as such, its variables go, as they did when `\s` was the test.
    if (isBlank(code) || (code > 0x7f && WIDE_BLANK.test(document[i]!))) i++;
    else if (code === 35) i = lineEnd(document, i);
    else break;
  }
  return i;
}

/** Where the line that `i` is on ends (its LF or CR, or the document's end). */
function lineEnd(document: string, i: number): number {
  while (i < document.length && document[i] !== '\n' && document[i] !== '\r') i++;
  return i;
}

/** Which variables of a request go: a map from `sensitiveVariables`, or every one (`operationBindings`). */
export interface VariableBindings {
  get(variable: string): SecretKind | undefined;
}

// Operations that sign someone in, up or on: their variables are credentials, whatever their names.
const SIGN_IN_WORDS = new Set(['login', 'logon', 'signin', 'signon', 'signup', 'register', 'registration', 'unlock']);
const SIGN_IN_PAIRS = new Set(['log in', 'log on', 'sign in', 'sign on', 'sign up']);

/**
 * A persisted query (`extensions.persistedQuery` with a hash, no query text) or a request that names
 * only its operation: nothing ties a variable to an argument, so an operation whose name says it
 * signs in or handles a secret (`Login`, `SignIn`, `ResetPassword`, `VerifyOtp`) gives up every
 * variable (when a value is ambiguous, it goes); any other, none (its variables go by their own names).
 */
export function operationBindings(operationName: string | null): VariableBindings | null {
  if (operationName === null || operationName === '') return null;
  const words = operationName.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  const signsIn = words.some((word, i) => SIGN_IN_WORDS.has(word) || SIGN_IN_PAIRS.has(`${word} ${words[i + 1] ?? ''}`));
  const kind = signsIn ? 'password' : sensitiveNameKind(operationName);
  return kind === null ? null : { get: () => kind };
}

/** Whether a string looks like a GraphQL document (the `query` member of a request). */
export function looksLikeGraphqlDocument(text: string): boolean {
  DOCUMENT_START.lastIndex = skipIgnored(text, 0);
  return DOCUMENT_START.test(text);
}

/**
 * The name token just before a `:` of the document's own tokens (not one inside a string or a
 * comment), ignored tokens between (`password, :`, `password # why\n :`), `$` kept (`$p: String`).
 * The document is read once, front to back, as far as each question needs: the colons are asked
 * about in order (`redact-text.ts`'s scan). Nothing is kept per colon: a map of every colon of a
 * colon-heavy body took 770 MB for 5 MB and went past a Map's limit at 17 MB (M8 #2).
 */
export class ColonNames {
  private i: number;
  private name = '';
  // The brackets open at `i`: `{` of a selection set, or of a value (after a `:`, or in a list);
  // `(` of arguments or variable definitions; `[` of a list. Kept to tell an alias from an argument.
  private readonly brackets: ('selection' | 'value' | 'arguments' | 'list')[] = [];
  private afterColon = false;
  /** Whether the last colon `before` found is in a selection set (`reset: resetPasswordUrl`: an alias). */
  selection = false;

  constructor(private readonly document: string) {
    this.i = skipIgnored(document, 0);
  }

  /**
   * For the `:` at `colon` (asked in increasing order): the name before it, '' when no name comes
   * just before (`"password":`, `):`), undefined when it is no token of the document's own.
   */
  before(colon: number): string | undefined {
    let found: string | undefined;
    while (this.i <= colon && this.i < this.document.length) {
      if (this.i === colon && this.document[colon] === ':') {
        found = this.name;
        this.selection = this.brackets.at(-1) === 'selection';
      }
      this.step();
    }
    return found;
  }

  /** Reads the token at `i` and the ignored tokens after it. */
  private step(): void {
    const document = this.document;
    const i = this.i;
    const c = document[i]!;
    let end = i + 1;
    let token = '';
    if (c === '"') end = afterString(document, i);
    else if (c === '$' && isNameStart(document.charCodeAt(i + 1))) token = document.slice(i, (end = nameEnd(document, i + 1)));
    else if (isNameStart(document.charCodeAt(i))) token = document.slice(i, (end = nameEnd(document, i)));
    else if (c === '{') this.brackets.push(this.afterColon || this.brackets.at(-1) === 'list' ? 'value' : 'selection');
    else if (c === '(') this.brackets.push('arguments');
    else if (c === '[') this.brackets.push('list');
    else if (c === '}' || c === ')' || c === ']') this.brackets.pop();
    this.afterColon = c === ':';
    this.name = token;
    this.i = skipIgnored(document, end);
  }
}

// A value frame: a list or input object written as (part of) an argument's value, with the kind of
// the nearest sensitive name it is the value of (`passwords: [$p]`, `login(credentials: [{password:
// $p}])`); `null` for a selection set, an argument list, or a value under no sensitive name.
interface Frame {
  value: boolean;
  kind: SecretKind | null;
}

// Character classes by code (a regular expression per character doubled the scan's time).
function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

// White space and commas (insignificant in GraphQL).
function isBlank(code: number): boolean {
  return code === 32 || code === 44 || code === 10 || code === 13 || code === 9;
}

function nameEnd(document: string, i: number): number {
  while (i < document.length && isNameChar(document.charCodeAt(i))) i++;
  return i;
}

/** The index after the string that opens at `open` (`"..."` or a `"""` block string). */
export function afterString(document: string, open: number): number {
  if (document.startsWith('"""', open)) {
    for (let i = open + 3; i < document.length; i++) {
      if (document[i] === '\\' && document.startsWith('"""', i + 1)) i += 3;
      else if (document.startsWith('"""', i)) return i + 3;
    }
    return document.length;
  }
  for (let i = open + 1; i < document.length; i++) {
    if (document[i] === '\\') i++;
    else if (document[i] === '"' || document[i] === '\n' || document[i] === '\r') return i + 1;
  }
  return document.length;
}

/**
 * The variables the document binds to sensitive names, each with the kind its name says: `$p` in
 * `password: $p`, and every `$variable` anywhere inside the value of a sensitive argument or field
 * (`passwords: [$p]`, `password: {value: $p}`, `credentials: [{password: $p}]`). One pass, a stack
 * of brackets: linear in the document's length.
 */
export function sensitiveVariables(document: string): Map<string, SecretKind> {
  const variables = new Map<string, SecretKind>();
  const frames: Frame[] = [];
  // The name written just before a `:` whose value comes next (`password:`), until that value.
  let pending: string | null = null;
  const valueKind = (): SecretKind | null => {
    const inherited = frames.at(-1)?.kind ?? null;
    return pending === null ? inherited : sensitiveNameKind(pending) ?? inherited;
  };
  let i = 0;
  while (i < document.length) {
    const c = document[i]!;
    if (isBlank(document.charCodeAt(i)) || c === '#' || c === '\ufeff') {
      i = skipIgnored(document, i);
    } else if (c === '"') {
      i = afterString(document, i);
      pending = null;
    } else if (c === '$' && isNameStart(document.charCodeAt(i + 1))) {
      const end = nameEnd(document, i + 1);
      const inValue = pending !== null || frames.at(-1)?.value === true;
      const kind = inValue ? valueKind() : null;
      const variable = document.slice(i + 1, end);
      if (kind !== null && !variables.has(variable)) variables.set(variable, kind);
      pending = null;
      i = end;
    } else if (isNameStart(document.charCodeAt(i))) {
      const end = nameEnd(document, i);
      const after = skipIgnored(document, end);
      if (document[after] === ':') {
        pending = document.slice(i, end);
        i = after + 1;
      } else {
        pending = null;
        i = end;
      }
    } else if (c === '[' || c === '{') {
      const inValue = pending !== null || frames.at(-1)?.value === true;
      frames.push({ value: inValue, kind: inValue ? valueKind() : null });
      pending = null;
      i++;
    } else if (c === '(') {
      frames.push({ value: false, kind: null });
      pending = null;
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      frames.pop();
      pending = null;
      i++;
    } else {
      // A number, `!`, `=`, `@`, `...`, a stray `$`: no binding continues across it.
      if (c !== ':') pending = null;
      i++;
    }
  }
  return variables;
}
