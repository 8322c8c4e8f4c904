// A GraphQL request sent as a GET puts its parts in the URL's query:
// `?query=<document>&variables=<JSON>&operationName=...&extensions=<JSON>`
// (https://graphql.github.io/graphql-over-http/draft/#sec-GET; persisted queries send a hash in
// `extensions` and no `query`). As in a POST body (`redact-json.ts`), a variable the query binds to
// a sensitive argument goes whatever its own name (`login(password: $p)` takes `variables.p`), and
// the query keeps its `$references`, so the exported URL asks the same question. Wherever a URL is
// exported (a hop, a Referer, a Location, a URL inside a body), the URL scan (`redact-url.ts`) asks
// this module first.

import { looksLikeGraphqlDocument, operationBindings, sensitiveVariables, type VariableBindings } from './graphql-variables.ts';
import { parseJsonSpans } from './json-spans.ts';
import { isPlaceholder, type SecretKind } from './redaction.ts';

export interface GraphqlGet {
  /** The `query` parameter is a GraphQL document: scan it as one (its `$p` are references). */
  document: boolean;
  /** The variables that go, or null when nothing binds them. */
  bindings: VariableBindings | null;
}

function decodeParameter(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** What the URL's parameters say about GraphQL, or null when they are no GraphQL request. */
export function graphqlGet(parameters: string): GraphqlGet | null {
  // Cheap test first: most queries name neither.
  if (!parameters.includes('query=') && !parameters.includes('variables=')) return null;
  let query: string | null = null;
  let operationName: string | null = null;
  let variables = false;
  for (const pair of parameters.split('&')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const name = decodeParameter(pair.slice(0, equals));
    if (name === 'query') query = decodeParameter(pair.slice(equals + 1));
    else if (name === 'operationName') operationName = decodeParameter(pair.slice(equals + 1));
    else if (name === 'variables') variables = true;
  }
  if (query !== null) {
    if (!looksLikeGraphqlDocument(query)) return null;
    return { document: true, bindings: variables ? sensitiveVariables(query) : null };
  }
  return variables ? { document: false, bindings: operationBindings(operationName) } : null;
}

/**
 * The `variables` JSON with each bound variable's whole value replaced by `replacement(kind, name)`
 * (quoted as a JSON string), every other byte as written; the text itself when it is not a JSON
 * object.
 */
export function redactBoundVariables(json: string, bindings: VariableBindings, replacement: (kind: SecretKind, name: string) => string): string {
  const root = parseJsonSpans(json);
  if (root === null || root.type !== 'object') return json;
  let out = '';
  let last = 0;
  for (const member of root.members) {
    const kind = bindings.get(member.key);
    const { value } = member;
    if (kind === undefined) continue;
    const written = json.slice(value.start, value.end);
    // Nothing to take: null, an empty string, list or object, or a placeholder already.
    if (/^(?:null|""|\[\s*\]|\{\s*\})$/.test(written) || (value.type === 'string' && isPlaceholder(JSON.parse(written) as string))) continue;
    out += json.slice(last, value.start) + JSON.stringify(replacement(kind, member.key));
    last = value.end;
  }
  return out + json.slice(last);
}
