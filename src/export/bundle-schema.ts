// The diagnosis bundle, version 1, written once: one valibot schema gives its types
// (`v.InferOutput`), its validation, and the tables of docs/bundle-schema.md (`npm run docs:schema`;
// a test fails when the file and the schema differ). A bundle comes from someone else, so the input
// is hostile: validation never throws, reports each problem with a path
// (`exchanges[3].exchange.hops`), and builds fresh objects holding only the known fields (valibot's
// `object` drops unknown keys, `__proto__` among them). valibot runs no generated code, which the
// extension's CSP would forbid.

import * as v from 'valibot';
import type { BrowserRules, CredentialsMode, ObservedExchange, RedirectMode, RequestMode, CheckPhase, Verdict } from '../cors/index.ts';
import { SECRET_KINDS } from './redaction.ts';
import { MAX_HEADER_LINE_LENGTH, MAX_URL_LENGTH, urlAsSent } from '../capture/index.ts';
import { describe, IssueLog, pathBelow, schemaKit, type BundleError } from './bundle-schema-kit.ts';

export type { BundleError } from './bundle-schema-kit.ts';

export const BUNDLE_FORMAT = 'cors-inspector-bundle';
export const BUNDLE_VERSION = 1;

/** The longest name a bundle holds: an author's (`share --author`, the panel's *Your name*), an engine's version. */
export const MAX_NAME_LENGTH = 256;
/** The longest note the panel's note field takes. */
export const MAX_NOTE_INPUT_LENGTH = 10_000;

export interface BundleLimits {
  /** The file's size; checked before parsing. */
  maxBytes: number;
  maxExchanges: number;
  maxHopsPerExchange: number;
  maxHeadersPerList: number;
  maxNotesPerExchange: number;
  /** Characters in a header line (name and value), a method, an error text: the HAR reader's bound. */
  maxHeaderLineLength: number;
  /** Characters in a URL or an origin: the HAR reader's bound. */
  maxUrlLength: number;
  /** Characters in a name (the author's, a note author's, the engine's name and version), a code (a CORS error's name, a failure reason), a date. */
  maxNameLength: number;
  /** Characters in an id (an exchange's, a note's). */
  maxIdLength: number;
  /** Characters in a note's text. */
  maxNoteLength: number;
  /** Characters in the exporter's headline, which quotes a failing value (a header line at most) with controls as escapes. */
  maxHeadlineLength: number;
  /** Errors collected before giving up: a hostile file could otherwise produce millions. */
  maxErrors: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxExchanges: 50_000,
  // Chromium follows at most 20 redirects: 21 hops.
  maxHopsPerExchange: 64,
  maxHeadersPerList: 2_000,
  maxNotesPerExchange: 1_000,
  maxHeaderLineLength: MAX_HEADER_LINE_LENGTH,
  maxUrlLength: MAX_URL_LENGTH,
  // A name someone typed, a package version, a code from a fixed list: a few dozen characters.
  // Every field a bundle holds has a bound, as Chromium lays out long text at seconds per megabyte
  // and a viewer shows these fields.
  maxNameLength: MAX_NAME_LENGTH,
  // Ids are the capture's, prefixed once per import (`import-2:import-1:exchange-1`).
  maxIdLength: 1_024,
  // Ten times what the panel's note field takes (MAX_NOTE_INPUT_LENGTH), as redaction placeholders
  // can be longer than what they replace.
  maxNoteLength: 10 * MAX_NOTE_INPUT_LENGTH,
  // Six characters (`\u000A`) for each control of a header-line-long failing value, and the words.
  maxHeadlineLength: 8 * MAX_HEADER_LINE_LENGTH,
  maxErrors: 50,
};

// The engine's enums, listed so that the schema's types equal the engine's (checked below).
const VERDICTS = ['allowed', 'blocked', 'network-error', 'not-cors', 'uncertain'] as const satisfies readonly Verdict[];
const PHASES = ['request', 'preflight', 'redirect', 'response'] as const satisfies readonly CheckPhase[];
const CREDENTIALS_MODES = ['omit', 'same-origin', 'include'] as const satisfies readonly CredentialsMode[];
const REQUEST_MODES = ['cors', 'no-cors', 'same-origin', 'navigate'] as const satisfies readonly RequestMode[];
const REDIRECT_MODES = ['follow', 'manual', 'error'] as const satisfies readonly RedirectMode[];
const ADDRESS_SPACES = ['loopback', 'local', 'public'] as const satisfies readonly NonNullable<ObservedExchange['request']['initiatorAddressSpace']>[];
const HEADER_SIDES = ['request', 'preflight-request', 'preflight-response', 'response'] as const;
const BROWSERS = ['chromium', 'firefox'] as const satisfies readonly BrowserRules['browser'][];

const OPTIONAL = '*Optional.* ';

/** The schema of a bundle within `limits`; its messages and codes go to `log`. */
export function bundleSchema(limits: BundleLimits = DEFAULT_BUNDLE_LIMITS, log = new IssueLog(Number.POSITIVE_INFINITY)) {
  const s = schemaKit(log);
  const { about, part } = s;
  const headerList = v.pipe(s.list(s.headerLine(limits.maxHeaderLineLength), limits.maxHeadersPerList, 'header lines'), v.readonly());
  // Read as sent (`urlAsSent`), as a HAR's are: a hand-made spelling shows where the request went.
  const url = v.pipe(s.string(limits.maxUrlLength), v.transform(urlAsSent));
  const author = s.record({ name: s.string(limits.maxNameLength) });
  const hopIndex = s.integer(0, limits.maxHopsPerExchange - 1);

  const response = part(
    'Response',
    s.record({
      status: s.integer(0, 999),
      headers: about('Header list.', headerList),
      locationUrl: about(
        `${OPTIONAL}Where a redirect status pointed, when the capture recorded it apart from the headers (a HAR's \`redirectURL\`) and no \`Location\` line carries it.`,
        v.optional(url),
      ),
      fromCache: about(`${OPTIONAL}\`true\` when the browser's own HTTP cache gave this response (stored for an earlier request).`, v.optional(v.literal(true))),
    }),
  );

  const preflight = part(
    'Preflight',
    s.record({
      url,
      requestHeaders: about('Header list.', headerList),
      response: about('null when the preflight failed on the network.', v.nullable(response)),
      networkError: about(`${OPTIONAL}e.g. \`net::ERR_CONNECTION_REFUSED\`.`, v.optional(s.string(limits.maxHeaderLineLength))),
    }),
    'The `OPTIONS` request the browser sent before one hop, and what came back.',
  );

  const hop = part(
    'Hop',
    s.record({
      url,
      preflight: about(`${OPTIONAL}The \`OPTIONS\` observed for this hop.`, v.optional(preflight)),
      preflightFromCache: about(`${OPTIONAL}The browser answered the preflight from its cache.`, v.optional(s.flag())),
      preflightCacheEntry: about(
        `${OPTIONAL}With \`preflightFromCache\`: the cached preflight that answered, its \`Access-Control-Max-Age\` value (\`maxAge\`, null when absent) and \`ageMs\`, milliseconds from its response to this request (another browser may keep that value for less).`,
        v.optional(s.record({ maxAge: v.nullable(s.string(limits.maxHeaderLineLength)), ageMs: s.integer(0, Number.MAX_SAFE_INTEGER) })),
      ),
      targetAddressSpace: about(`${OPTIONAL}The server's IP address space as the browser judged it (Local Network Access), when the capture knew it.`, v.optional(s.oneOf(ADDRESS_SPACES))),
      urlDiffersFromFirst: about(
        `${OPTIONAL}\`true\` when \`url\` reads as the first hop's, secrets masked, though the captured URLs differed (the console line's "redirected from").`,
        v.optional(s.flag()),
      ),
      response: about('null when no response arrived.', v.nullable(response)),
    }),
    'One URL the request visited.',
  );

  const request = part(
    'Request',
    s.record({
      method: about('`GET`, `PUT`, ...', s.nonEmptyString(limits.maxHeaderLineLength)),
      headers: about('Header list: what the page set plus what the browser added (`Origin`, `Cookie`, ...).', headerList),
      initiatorOrigin: about(`${OPTIONAL}The page's origin; \`null\` for an opaque origin.`, v.optional(s.stringOrNull(limits.maxUrlLength))),
      initiatorAddressSpace: about(`${OPTIONAL}The page's IP address space (Local Network Access), when the capture knew it.`, v.optional(s.oneOf(ADDRESS_SPACES))),
      initiatorSecureContext: about(`${OPTIONAL}Whether the page was a secure context, when the capture knew it.`, v.optional(s.flag())),
      targetAddressSpaceMismatch: about(`${OPTIONAL}The page's fetch() named a \`targetAddressSpace\` its server was not in, when the capture knew it.`, v.optional(s.flag())),
      credentialsMode: about(`${OPTIONAL}When the capture knew it.`, v.optional(s.oneOf(CREDENTIALS_MODES))),
      mode: about(OPTIONAL.trim(), v.optional(s.oneOf(REQUEST_MODES))),
      redirectMode: about(OPTIONAL.trim(), v.optional(s.oneOf(REDIRECT_MODES))),
      bodySize: about(`${OPTIONAL}Request body size in bytes.`, v.optional(s.integer(0, Number.MAX_SAFE_INTEGER))),
      body: about(
        `${OPTIONAL}The request body, when captured (redacted by format: JSON, GraphQL, forms, multipart, XML, text; see [redaction.md](redaction.md)).`,
        // As large as captured (a HAR's is not bounded): bounded by the file's size; no view lays it out.
        v.optional(s.string()),
      ),
    }),
  );

  const observedExchange = part(
    'ObservedExchange',
    s.record({
      request,
      hops: about("Hop 0 is the URL the page asked for; each later hop the previous 3xx's `Location`.", v.pipe(s.list(hop, limits.maxHopsPerExchange, 'hops', 'hop'), v.readonly())),
      errorText: about(`${OPTIONAL}The browser's network error text (\`net::ERR_FAILED\`).`, v.optional(s.string(limits.maxHeaderLineLength))),
      startedAt: about(
        `${OPTIONAL}Start time, ms since the epoch.`,
        // A number beyond a Date's range (8.64e15 ms either side of 1970) is no time: refused as NaN is.
        v.optional(v.pipe(v.number(log.expected('a number (ms since the epoch)')), v.check((ms) => Number.isFinite(new Date(ms).getTime()), log.expected('a number (ms since the epoch)')))),
      ),
      browserVerdict: about(
        `${OPTIONAL}What Chromium itself reported, when the capture knew it.`,
        v.optional(v.nullable(s.record({ corsError: s.string(limits.maxNameLength), failedParameter: s.string(limits.maxHeaderLineLength) }))),
      ),
    }),
    "The engine's input, `src/cors/exchange.ts`, as JSON.",
  );

  const diagnosis = part(
    'Diagnosis summary',
    s.record({
      verdict: s.oneOf(VERDICTS),
      corsError: about(
        "Chromium's `Network.CorsError` (`AllowOriginMismatch`, ...); null unless blocked. A string, so names added by newer engines still import.",
        s.stringOrNull(limits.maxNameLength),
      ),
      // No line's bound: for MultipleAllowOriginValues it is every Access-Control-Allow-Origin line of
      // the response joined, which a Firefox or hand-made HAR can make longer than one line, and a
      // bundle `share` writes must open. The file's size bounds it; the views show it through LongText.
      failedParameter: about("Chromium's `failedParameter` (`\"\"` when it gives none); null unless blocked.", s.stringOrNull()),
      failedAt: about('Where the browser stopped.', v.nullable(s.record({ hop: hopIndex, phase: s.oneOf(PHASES) }))),
      failureReason: about(
        `${OPTIONAL}Why the failed check failed, where its rule has several ways to fail (\`no-allow-credentials\`, \`allow-credentials-not-true\`, \`not-listed\`, ...): Chromium's \`failedParameter\` is \`""\` both for a missing and for an empty Access-Control-Allow-Credentials. A string, so reasons added by newer engines still import.`,
        v.optional(s.string(limits.maxNameLength)),
      ),
      headline: about(`${OPTIONAL}The few words a list row shows ("Origin not allowed").`, v.optional(s.string(limits.maxHeadlineLength))),
    }),
    "What the exporter's engine said about the exchange *as captured*, kept so an importer can tell whether its own engine agrees.",
  );

  const headerTarget = part(
    'Header target',
    s.fields({
      kind: v.literal('header'),
      on: s.oneOf(HEADER_SIDES),
      hop: about('A hop of the exchange.', hopIndex),
      name: about('Header name as shown; compared case-insensitively.', s.nonEmptyString(limits.maxHeaderLineLength)),
      index: about(
        `${OPTIONAL}Which line when the name occurs more than once (0-based among the lines with that name).`,
        v.optional(s.integer(0, limits.maxHeadersPerList)),
      ),
    }),
  );

  const target = v.pipe(
    s.plainObject(),
    v.variant('kind', [s.fields({ kind: v.literal('exchange') }), headerTarget], log.expected('"exchange" or "header"')),
  );

  const note = part(
    'Note',
    s.record({
      id: about('Unique in the bundle (`note-1`, ...).', s.nonEmptyString(limits.maxIdLength)),
      text: about('Plain text; shown verbatim, never rendered as Markdown or HTML.', s.string(limits.maxNoteLength)),
      target: about('What the note is about.', target),
      author: about(OPTIONAL.trim(), v.optional(author)),
      createdAt: about('ISO 8601.', s.timestamp(limits.maxNameLength)),
    }),
  );

  const exchange = part(
    'Exchange',
    v.pipe(
      s.record({
        id: about('Unique in the bundle (`exchange-1`, ...). Notes and redactions refer to it.', s.nonEmptyString(limits.maxIdLength)),
        sentBy: about(
          `${OPTIONAL}The browser that sent the exchange, where not the one whose rules judged it (\`browser\`): a Chromium capture judged by Firefox's rules (the Firefox panel, \`share --browser firefox\`), or a Firefox capture in a bundle judged by Chromium's. Absent: the browser \`browser\` names (Chromium when it is absent too), as every bundle from before this field is read. A sanitized HAR written from the bundle writes the \`Sec-Fetch-Site\` this browser sent. Any other value: rejected, as a guessed browser would write another's headers.`,
          v.optional(s.oneOf(BROWSERS)),
        ),
        exchange: about('The exchange as observed, redacted.', observedExchange),
        diagnosis,
        notes: about('May be empty.', s.list(note, limits.maxNotesPerExchange, 'notes')),
      }),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const hops = dataset.value.exchange.hops.length;
        dataset.value.notes.forEach((note, i) => {
          if (note.target.kind === 'header' && note.target.hop >= hops) {
            const at = note.target.hop;
            addIssue({ message: log.says('dangling', () => `the exchange has no hop ${at} (it has ${hops})`), path: pathBelow(dataset.value, ['notes', i, 'target', 'hop']) });
          }
        });
      }),
    ),
  );

  const redaction = part(
    'Redaction',
    s.record({
      exchange: about('The `id` of the exchange.', s.string(limits.maxIdLength)),
      kind: about('The last three are newer: an importer from before them refuses a bundle that has them.', s.oneOf(SECRET_KINDS)),
      where: about(
        'A lower-case header name, `query:<param>`, `fragment:<param>`, `<header>:query:<param>`, `url-userinfo`, `url-path`, `body:<field path>`, `note`, ... ([places](redaction.md#places-where))',
        // Unbounded as the body is (`body:<field path>`); no view shows it.
        s.string(),
      ),
    }),
  );

  return part(
    'Top level',
    s.record({
      format: about('What the file is. Anything else: "not a CORS Inspector bundle".', v.literal(BUNDLE_FORMAT)),
      version: about('Schema version. A higher integer: "newer than this CORS Inspector reads; update". Anything else: rejected.', v.literal(BUNDLE_VERSION)),
      createdAt: about('When the bundle was written, ISO 8601 (`2026-03-01T09:00:00.000Z`).', s.timestamp(limits.maxNameLength)),
      author: about(`${OPTIONAL}Who wrote the bundle (\`--author\`).`, v.optional(author)),
      engine: about(
        'The engine that diagnosed the exchanges: `name` is `"cors-inspector"`, `version` its package version. An importer names it next to its own when verdicts differ.',
        s.record({ name: s.string(limits.maxNameLength), version: s.string(limits.maxNameLength) }),
      ),
      browser: about(
        `${OPTIONAL}Whose rules judged the exchanges' \`diagnosis\`: \`"firefox"\` for the Firefox build's bundles and \`share --browser firefox\`; Chromium's when absent (every bundle from before this field). An importer judges them again by the same rules. Also the browser that sent each exchange without a \`sentBy\`.`,
        v.optional(s.oneOf(BROWSERS)),
      ),
      secretsIncluded: about(`${OPTIONAL}\`true\` only when the exporter asked to keep secrets (\`--include-secrets\`).`, v.optional(s.flag())),
      exchanges: about(
        'In the order the requests were made.',
        v.pipe(
          s.list(exchange, limits.maxExchanges, 'exchanges'),
          v.rawCheck(({ dataset, addIssue }) => {
            if (!dataset.typed) return;
            for (const duplicate of duplicateIds(dataset.value)) {
              addIssue({ message: log.says('duplicate-id', () => duplicate.message), path: pathBelow(dataset.value, duplicate.at) });
            }
          }),
        ),
      ),
      redactions: about('What was replaced, where; never the values. Empty when `secretsIncluded`.', s.list(redaction, Number.MAX_SAFE_INTEGER, 'redactions')),
    }),
  );
}

export type Bundle = v.InferOutput<ReturnType<typeof bundleSchema>>;
export type BundleExchange = Bundle['exchanges'][number];
/** What the exporter's engine said, kept so an importer can tell whether its own engine agrees. */
export type BundleDiagnosis = BundleExchange['diagnosis'];
export type BundleNote = BundleExchange['notes'][number];
export type NoteTarget = BundleNote['target'];
export type HeaderSide = (typeof HEADER_SIDES)[number];
export type BundleRedaction = Bundle['redactions'][number];

// The schema and the engine describe the same exchange and the same verdicts: a field or a value
// added to one and not the other fails to compile here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesEngine: [
  Same<BundleExchange['exchange'], ObservedExchange>,
  Same<BundleDiagnosis['verdict'], Verdict>,
  Same<NonNullable<BundleDiagnosis['failedAt']>['phase'], CheckPhase>,
] = [true, true, true];
void schemaMatchesEngine;

/** Ids that are not unique, with where the second one is. */
function duplicateIds(exchanges: readonly BundleExchange[]): { at: (string | number)[]; message: string }[] {
  const found: { at: (string | number)[]; message: string }[] = [];
  const exchangeIds = new Set<string>();
  const noteIds = new Set<string>();
  exchanges.forEach((entry, i) => {
    if (exchangeIds.has(entry.id)) found.push({ at: [i, 'id'], message: `another exchange already has the id ${JSON.stringify(entry.id.slice(0, 60))}` });
    exchangeIds.add(entry.id);
    entry.notes.forEach((note, j) => {
      if (noteIds.has(note.id)) found.push({ at: [i, 'notes', j, 'id'], message: `another note already has the id ${JSON.stringify(note.id.slice(0, 60))}` });
      noteIds.add(note.id);
    });
  });
  return found;
}

/** `exchanges[3].exchange.hops: expected an array, found a string`: one line for a terminal. */
export function formatBundleError(error: BundleError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

export type BundleValidation = { ok: true; bundle: Bundle } | { ok: false; errors: BundleError[] };

/**
 * Not a bundle at all, or one of another version: one clear message rather than a hundred field
 * errors. Null when the format and version are this CORS Inspector's.
 */
function wrongFile(value: unknown): BundleError | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { code: 'not-a-bundle', path: '', message: `not a CORS Inspector bundle: expected a JSON object, found ${describe(value)}` };
  }
  const { format, version } = value as Record<string, unknown>;
  if (format !== BUNDLE_FORMAT) {
    const found = typeof format === 'string' ? `"${format.slice(0, 60)}"` : describe(format);
    return { code: 'not-a-bundle', path: 'format', message: `not a CORS Inspector bundle: "format" is ${found}, expected "${BUNDLE_FORMAT}"` };
  }
  if (version === BUNDLE_VERSION) return null;
  const newer = typeof version === 'number' && Number.isInteger(version) && version > BUNDLE_VERSION;
  return {
    code: 'unsupported-version',
    path: 'version',
    message: newer
      ? `bundle version ${version} is newer than this CORS Inspector reads (version ${BUNDLE_VERSION}); update CORS Inspector`
      : `unsupported bundle version ${describe(version)}; this CORS Inspector reads version ${BUNDLE_VERSION}`,
  };
}

/** Checks a parsed bundle. Never throws. */
export function validateBundle(value: unknown, limits: Partial<BundleLimits> = {}): BundleValidation {
  const all = { ...DEFAULT_BUNDLE_LIMITS, ...limits };
  const wrong = wrongFile(value);
  if (wrong !== null) return { ok: false, errors: [wrong] };
  const log = new IssueLog(all.maxErrors);
  try {
    const result = v.safeParse(bundleSchema(all, log), value);
    if (result.success) return { ok: true, bundle: result.output };
    return { ok: false, errors: log.errors(result.issues) };
  } catch (error) {
    // Not reachable with JSON input; kept so that hostile objects (getters, proxies) cannot escape.
    return { ok: false, errors: [{ code: 'invalid', path: '', message: `unreadable bundle: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Parses and checks bundle text (or bytes). Sizes are checked before parsing. Never throws. */
export function parseBundle(input: string | Uint8Array, limits: Partial<BundleLimits> = {}): BundleValidation {
  const tooLarge = bundleSizeError(input, limits);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { ok: false, errors: [{ code: 'not-json', path: '', message: 'not a CORS Inspector bundle: not UTF-8 text' }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n', 1)[0] : 'parse error';
    return { ok: false, errors: [{ code: 'not-json', path: '', message: `not a CORS Inspector bundle: not JSON (${reason})` }] };
  }
  return validateBundle(value, limits);
}

/** The error of bundle text (or bytes) over `limits.maxBytes` in UTF-8, null when within. */
export function bundleSizeError(input: string | Uint8Array, limits: Partial<BundleLimits> = {}): BundleError | null {
  const maxBytes = limits.maxBytes ?? DEFAULT_BUNDLE_LIMITS.maxBytes;
  // A string's UTF-8 size is at least its length in UTF-16 units, at most three times it: counted
  // only between the two, and without encoding it (a copy as large as the file).
  const size =
    typeof input !== 'string' ? input.byteLength : input.length > maxBytes || input.length * 3 <= maxBytes ? input.length : utf8Length(input);
  if (size <= maxBytes) return null;
  return { code: 'too-large', path: '', message: `the bundle is ${megabytes(size)}, larger than the ${megabytes(maxBytes)} CORS Inspector reads` };
}

/** The length of `text` in UTF-8, as `TextEncoder` encodes it (a lone surrogate as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two UTF-16 units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}
