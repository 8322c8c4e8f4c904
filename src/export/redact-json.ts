// A JSON body (REST payloads, GraphQL `{"query": ..., "variables": {...}}`): each member whose key is
// sensitive loses its whole value, whatever its type (a string, a number such as a PIN, a boolean,
// an array of tokens, an object of credentials); every other string is scanned as text, which finds
// JWTs, URLs, random-looking tokens and secrets inside a GraphQL query's literals
// (`login(password: "...")`) or inside JSON encoded in a string. `{"name": "password", "value": ...}`
// (settings and form-builder payloads) counts as a sensitive `value`, and so does the second item of
// a `[name, value]` pair in a list of pairs (logged headers, `Object.entries`, `URLSearchParams`:
// `[["Authorization", "..."], ["Accept", "*/*"]]`); a lone two-item list is not taken for a pair
// (`"scopes": ["session", "profile"]`); in a list that is a command line, the item after `-u` or
// `--password` goes (`["curl", "-u", "alice:pw"]`). A GraphQL request's
// `variables` bound to a sensitive argument in its `query` go too (`graphql-variables.ts`); a string
// that is XML is read as XML (`redact-xml.ts`); a card number goes under any name, as a string or a
// number (`payment-card.ts`). A JSON-RPC call to a sign-in or secret method loses its positional
// `params` (`{"method": "auth.login", "params": ["bob", "pw"]}`), and `{"login": ["bob", "pw"]}` its
// second item (session 45). Only
// the redacted values change; every other byte stays as written.

import { isGluedMysqlPassword, namesMysqlClient, optionValueKind } from './command-credentials.ts';
import { redactBoundVariables } from './graphql-get.ts';
import { looksLikeGraphqlDocument, operationBindings, sensitiveVariables, type VariableBindings } from './graphql-variables.ts';
import { parseJsonSpans, type JsonNode } from './json-spans.ts';
import { isCardNumber } from './payment-card.ts';

const MIN_SECRET_KEY = 12;
import { redactByKind } from './redact-credentials.ts';
import { redactCardNumbers, redactJwts, redactKnownTokens, redactOpaqueTokens, redactPrivateKeys } from './redact-shapes.ts';
import { redactText } from './redact-text.ts';
import { looksLikeXml, redactXml } from './redact-xml.ts';
import { placeholder, record, within, type Redaction, type SecretKind } from './redaction.ts';
import { nameSegments, sensitiveNameKind, sensitiveValueKind } from './sensitive-name.ts';

interface Edit {
  start: number;
  end: number;
  text: string;
}

const NAME_KEYS = new Set(['name', 'key', 'field', 'param', 'parameter', 'id']);
const VALUE_KEYS = new Set(['value', 'val', 'values']);
// `{"type": "password", "data": ...}`: a form field typed as a password input (HTML's `type=password`,
// or `otp`, `pin`) holds one in its value. Only a password's kind: `{"type": "key", "value": "Enter"}`
// (a key press) and `{"type": "code", "value": ...}` (an editor's block) are not secrets.
const TYPED_VALUE_KEYS = new Set([...VALUE_KEYS, 'data']);

/**
 * A JSON Patch operation's target (`{"op": "replace", "path": "/users/0/password", "value": ...}`):
 * the JSON Pointer's last reference token that is not an array index, unescaped (`~1` is `/`,
 * `~0` is `~`), names the value as a member's key would. Only beside an `op` member, as RFC 6902
 * writes every operation: `path` alone is as often a route or a file. `from` (`copy`, `move`)
 * points at a value, it carries none.
 * https://www.rfc-editor.org/rfc/rfc6902#section-4 https://www.rfc-editor.org/rfc/rfc6901#section-4
 */
export function pointerName(pointer: string): string | null {
  if (!pointer.startsWith('/')) return null;
  const tokens = pointer.slice(1).split('/');
  // `/credentials/0`, `/tokens/-`: the list's own name says what its items are. `/user/password/`
  // (an empty last token, a trailing slash) is read as `/user/password` too (M8 #3).
  while (tokens.length > 1 && /^(?:\d+|-|)$/.test(tokens.at(-1)!)) tokens.pop();
  return tokens.at(-1)!.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A SCIM PatchOp's target (`{"op": "replace", "path": "password", "value": ...}`): an attribute
 * path, not a JSON Pointer, whose last attribute names the value: `name.givenName` is `givenName`,
 * `emails[type eq "work"].value` is `value` (the filter in brackets says which item, not what),
 * `urn:ietf:params:scim:schemas:core:2.0:User:password` is `password` (a schema URN before it).
 * https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2 https://www.rfc-editor.org/rfc/rfc7644#section-3.10
 */
export function scimAttributeName(path: string): string | null {
  // `[^\][]`: a `[` never closed is read once, not to the end from each of them (M9: quadratic).
  const attributes = path.replace(/\[[^\][]*\]/g, '').split(':').at(-1)!.split('.');
  const name = attributes.at(-1)!.trim();
  return name === '' ? null : name;
}

// A sign-in written as words that are no secret's name alone (`auth.login`, `user.signIn`,
// `personal_unlockAccount`, whose second argument is the account's password): matched on the
// name's segments joined by blanks, whole segments only (`catalogOnline` is no `logon`).
const SIGN_IN = /(?:^| )(?:login|logon|signin|sign in|log in|log on|unlock)(?: |$)/;

function signsIn(name: string): boolean {
  return SIGN_IN.test(nameSegments(name).join(' '));
}

/**
 * The kind of secret a JSON-RPC call's positional `params` hold, told by its `method` (session 45):
 * `{"method": "auth.login", "params": ["bob", "S3cret-pw!"]}`. A list has no names to judge, so
 * every string and number in it goes when the method's name says sign-in or secret (its own kind
 * then, `setToken` a token). Trade-off: the user name goes too (personal data, and no reader can
 * tell which position is which), and so do the arguments of a method only named like a secret
 * (`session.list`); neither changes the engine's verdict. JSON-RPC 1.0 has no `jsonrpc` member, so
 * `method` beside `params` is enough. https://www.jsonrpc.org/specification#request_object
 */
function paramsKind(method: string): SecretKind | null {
  if (signsIn(method)) return 'password';
  const kind = sensitiveNameKind(method);
  // Placeholders only: an `authorization` or `cookie` kind would read the value as a header's.
  return kind === 'authorization' || kind === 'cookie' || kind === 'set-cookie' ? 'secret' : kind;
}

/** `["Authorization", "Bearer ..."]`: two items, the first a string. */
function isNamedPair(node: JsonNode): boolean {
  return node.type === 'array' && node.items.length === 2 && node.items[0]!.type === 'string';
}

class JsonRedaction {
  readonly edits: Edit[] = [];
  constructor(
    readonly text: string,
    readonly found: Redaction[],
    readonly where: string,
  ) {}

  string(node: JsonNode): string {
    return JSON.parse(this.text.slice(node.start, node.end)) as string;
  }

  /** A member whose name says secret: the whole value goes, unless it holds nothing. */
  whole(node: JsonNode, kind: SecretKind, path: string): void {
    if (node.type === 'literal' && this.text.startsWith('null', node.start)) return;
    if ((node.type === 'object' && node.members.length === 0) || (node.type === 'array' && node.items.length === 0)) return;
    let replacement: string;
    if (node.type === 'string') {
      const redacted = redactByKind(this.string(node), kind);
      if (!redacted.changed) return;
      replacement = JSON.stringify(redacted.value);
    } else {
      replacement = JSON.stringify(placeholder(kind));
    }
    record(this.found, kind, within(this.where, path));
    this.edits.push({ start: node.start, end: node.end, text: replacement });
  }

  /**
   * `variables`: the members of a GraphQL request's variables object, each of which is sensitive
   * when its query binds it to a sensitive argument.
   */
  walk(node: JsonNode, path: string, variables?: VariableBindings | null): void {
    if (node.type === 'object') {
      const named = node.members.find((member) => NAME_KEYS.has(member.key.toLowerCase()) && member.value.type === 'string');
      const namedKind = named === undefined ? null : sensitiveNameKind(this.string(named.value));
      // A patch operation's value is judged as a member under its target's name would be (`"seed": 42`
      // stays), after a `name`/`id` member that says nothing (M8 #3).
      const target = this.patchTarget(node);
      const type = node.members.find((member) => member.key.toLowerCase() === 'type' && member.value.type === 'string');
      const typedKind = type !== undefined && sensitiveNameKind(this.string(type.value)) === 'password' ? 'password' : null;
      const query = node.members.find((member) => member.key === 'query' && member.value.type === 'string');
      const document = query === undefined ? null : this.string(query.value);
      const graphql = document !== null && looksLikeGraphqlDocument(document);
      // A persisted query (a hash, no query text) binds nothing: its operation's name may say more.
      const operation = query === undefined ? node.members.find((member) => member.key === 'operationName' && member.value.type === 'string') : undefined;
      const method = node.members.find((member) => member.key === 'method' && member.value.type === 'string');
      const params = method === undefined ? null : paramsKind(this.string(method.value));
      const bindings = (): VariableBindings | null => (graphql ? sensitiveVariables(document) : operation === undefined ? null : operationBindings(this.string(operation.value)));
      for (const member of node.members) {
        const memberPath = path === '' ? member.key : `${path}.${member.key}`;
        // A random token used as a key (a map of sessions under a neutral name) goes as it would
        // as a form or URL parameter name; members it made alike keep their values. Keys shorter
        // than a card's number (12 digits) hold no secret a shape rule knows.
        if (member.key.length >= MIN_SECRET_KEY) this.key(member.key, member.keyStart, member.keyEnd, memberPath);
        const kind =
          this.memberKind(member.key, member.value) ??
          (VALUE_KEYS.has(member.key.toLowerCase()) ? (namedKind ?? (target === null ? null : this.memberKind(target, member.value))) : null) ??
          (typedKind !== null && TYPED_VALUE_KEYS.has(member.key.toLowerCase()) ? typedKind : null) ??
          variables?.get(member.key) ??
          null;
        if (kind !== null) this.whole(member.value, kind, memberPath);
        else if (params !== null && member.key === 'params' && member.value.type === 'array') this.positional(member.value, params, memberPath);
        else if (signsIn(member.key) && isNamedPair(member.value) && member.value.type === 'array' && member.value.items[1]!.type === 'string') {
          // `{"login": ["bob", "S3cret-pw!"]}`: a sign-in's user and password as a pair (session 45).
          this.walk(member.value.items[0]!, `${memberPath}[]`);
          this.whole(member.value.items[1]!, 'password', `${memberPath}[]`);
        } else if (graphql && member === query) this.scanString(member.value, memberPath, true);
        else if (member.key === 'variables' && member.value.type === 'string') this.variablesString(member.value, memberPath, bindings());
        else this.walk(member.value, memberPath, member.key === 'variables' ? bindings() : undefined);
      }
    } else if (node.type === 'array') {
      const pairs = node.items.length > 0 && node.items.every(isNamedPair);
      let option: string | null = null;
      // `["mysql", "-uroot", "-pS3cret"]`: the client's name says what its glued `-p` is (session 45).
      const first = node.items[0];
      const mysql = first !== undefined && first.type === 'string' && namesMysqlClient(this.string(first));
      for (const item of node.items) {
        if (mysql && item.type === 'string' && isGluedMysqlPassword(this.string(item))) {
          record(this.found, 'password', within(this.where, `${path}[]`));
          this.edits.push({ start: item.start, end: item.end, text: JSON.stringify(`-p${placeholder('password')}`) });
          option = null;
          continue;
        }
        // An argv: `["curl", "-u", "alice:pw"]`, `["--password", "pw"]` (`command-credentials.ts`).
        const kind = option !== null && item.type === 'string' ? optionValueKind(option, this.string(item)) : null;
        if (kind !== null) this.whole(item, kind, `${path}[]`);
        else if (pairs) this.pair(item, `${path}[]`);
        else this.walk(item, `${path}[]`);
        option = item.type === 'string' && this.text[item.start + 1] === '-' ? this.string(item) : null;
      }
    } else if (node.type === 'string') {
      this.scanString(node, path, false);
    } else if (node.type === 'number' && isCardNumber(this.text.slice(node.start, node.end))) {
      // A card number written as a JSON number (`"pan": 4111111111111111` under a neutral name).
      record(this.found, 'secret', within(this.where, path));
      this.edits.push({ start: node.start, end: node.end, text: JSON.stringify(placeholder('secret')) });
    }
  }

  /** A JSON-RPC call's positional `params` (`paramsKind`): strings and numbers go, lists and objects are read as any. */
  positional(node: JsonNode & { type: 'array' }, kind: SecretKind, path: string): void {
    for (const item of node.items) {
      if (item.type === 'string' || item.type === 'number') this.whole(item, kind, `${path}[]`);
      else this.walk(item, `${path}[]`);
    }
  }

  /**
   * The name a JSON Patch operation's `path` ends in (`pointerName`), or a SCIM PatchOp's
   * (`scimAttributeName`: no leading `/`), or null. SCIM's attribute names are case-insensitive
   * (`"Op"`, `"Path"`). https://www.rfc-editor.org/rfc/rfc7643#section-2.1
   */
  patchTarget(node: JsonNode & { type: 'object' }): string | null {
    // Any `op` member, whatever its value's type: `"op": 1` or `"op": {...}` is no valid operation,
    // but a client that logged it still wrote the value beside its target (session 45).
    const op = node.members.some((member) => member.key.toLowerCase() === 'op');
    const path = op ? node.members.find((member) => member.key.toLowerCase() === 'path' && member.value.type === 'string') : undefined;
    if (path === undefined) return null;
    const written = this.string(path.value);
    const name = written.startsWith('/') ? pointerName(written) : scimAttributeName(written);
    return name === null || name === '' ? null : name;
  }

  /** `"variables": "{\"p\": ...}"`: variables sent as a JSON string, the bound ones going as in an object. */
  variablesString(node: JsonNode, path: string, bindings: VariableBindings | null): void {
    const value = this.string(node);
    const bound =
      bindings === null
        ? value
        : redactBoundVariables(value, bindings, (kind, variable) => {
            record(this.found, kind, within(this.where, `${path}.${variable}`));
            return placeholder(kind);
          });
    const redacted = redactText(bound, this.found, within(this.where, path));
    if (redacted !== value) this.edits.push({ start: node.start, end: node.end, text: JSON.stringify(redacted) });
  }

  /** The name's kind, told by the value where the name alone cannot (`"pan": 30`: `sensitiveValueKind`). */
  memberKind(key: string, node: JsonNode): SecretKind | null {
    // Most names say nothing: the value is not read for them.
    if (sensitiveNameKind(key) === null) return null;
    const value = node.type === 'string' ? this.string(node) : node.type === 'number' || node.type === 'literal' ? this.text.slice(node.start, node.end) : '';
    return sensitiveValueKind(key, value);
  }

  /**
   * A key with what is a secret by its shape replaced: JWTs, random-looking runs, and (session 32)
   * card numbers (`{"4111111111111111": {"exp": ...}}`, a wallet's cards by number), issuers'
   * prefixed credentials and PEM private keys. The listing hides them too (`record`).
   */
  key(key: string, start: number, end: number, path: string): void {
    const where = within(this.where, path);
    const shaped = redactPrivateKeys(redactKnownTokens(redactCardNumbers(key, this.found, where), this.found, where), this.found, where);
    const redacted = redactOpaqueTokens(redactJwts(shaped, this.found, where), this.found, where);
    if (redacted !== key) this.edits.push({ start, end, text: JSON.stringify(redacted) });
  }

  /** `[name, value]`: the value goes whole when the name says secret. */
  pair(node: JsonNode, path: string): void {
    if (node.type !== 'array') return;
    const [name, value] = node.items as [JsonNode, JsonNode];
    const key = this.string(name);
    const kind = this.memberKind(key, value);
    if (kind !== null) {
      this.whole(value, kind, `${path}.${key}`);
    } else {
      this.walk(name, `${path}[]`);
      this.walk(value, `${path}[]`);
    }
  }

  /** A string scanned as text; `graphql` for a GraphQL document, whose `$variables` are not secrets. */
  scanString(node: JsonNode, path: string, graphql: boolean): void {
    const value = this.string(node);
    // XML in a string (a SOAP envelope a client logged) is read as XML: CDATA, `<name>`d values.
    const where = within(this.where, path);
    const redacted = !graphql && looksLikeXml(value) ? redactXml(value, this.found, where) : redactText(value, this.found, where, { graphql });
    if (redacted !== value) this.edits.push({ start: node.start, end: node.end, text: JSON.stringify(redacted) });
  }

  result(): string {
    let out = '';
    let last = 0;
    for (const edit of this.edits) {
      out += this.text.slice(last, edit.start) + edit.text;
      last = edit.end;
    }
    return out + this.text.slice(last);
  }
}

/** The body with its secrets replaced, or null when it is not JSON. */
export function redactJson(text: string, found: Redaction[], where: string): string | null {
  const root = parseJsonSpans(text);
  if (root === null) return null;
  const redaction = new JsonRedaction(text, found, where);
  redaction.walk(root, '');
  return redaction.result();
}
