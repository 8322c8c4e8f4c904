// GraphQL sends its secrets as variables under names of the client's choosing
// (`mutation Login($e: String!, $p: String!) { login(email: $e, password: $p) }` with
// `"variables": {"e": ..., "p": ...}`): the name that says "password" is the argument's, in the query
// text, not the variable's. So a variable is sensitive when the query binds it to a sensitive
// argument or input field (`password: $p`, `input: {pin: $code}`); `$p` in the query is a reference,
// not a secret, and stays as written so the query replays as captured.
// https://spec.graphql.org/October2021/#sec-Language.Variables

import type { SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

// A GraphQL document starts with an operation, a fragment, or `{` (the query shorthand); comments
// (`# ...`) may come first. https://spec.graphql.org/October2021/#sec-Document
const DOCUMENT_START = /^(?:\s|#[^\n]*\n)*(?:query|mutation|subscription|fragment|\{)/;

/** Whether a string looks like a GraphQL document (the `query` member of a request). */
export function looksLikeGraphqlDocument(text: string): boolean {
  return DOCUMENT_START.test(text);
}

// `name: $variable` (an argument or an input object field set from a variable). The lookbehind
// starts a match only where a name starts, which keeps the scan linear on long runs of letters.
const BINDING = /(?<![_0-9A-Za-z$])([_A-Za-z][_0-9A-Za-z]*)[ \t\r\n,]*:[ \t\r\n,]*\$([_A-Za-z][_0-9A-Za-z]*)/g;

/** The variables the document binds to sensitive names, each with the kind its name says. */
export function sensitiveVariables(document: string): Map<string, SecretKind> {
  const variables = new Map<string, SecretKind>();
  for (const [, name, variable] of document.matchAll(BINDING)) {
    const kind = sensitiveNameKind(name!);
    if (kind !== null && !variables.has(variable!)) variables.set(variable!, kind);
  }
  return variables;
}
