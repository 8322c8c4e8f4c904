// The diagnosis bundle, version 1: its types and a hand-written validator. docs/bundle-schema.md
// describes every field. A bundle comes from someone else, so everything here treats the input as
// hostile: it never throws, reports each problem with a path (`exchanges[3].exchange.hops`), and
// builds fresh objects holding only the known fields (no prototype tricks, no unknown baggage).

import type {
  CredentialsMode,
  HeaderLine,
  ObservedExchange,
  ObservedHop,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  RedirectMode,
  RequestMode,
  CheckPhase,
  Verdict,
} from '../cors/index.ts';
import { SECRET_KINDS, type SecretKind } from './redaction.ts';
import { MAX_HEADER_LINE_LENGTH, MAX_URL_LENGTH } from '../capture/index.ts';

export const BUNDLE_FORMAT = 'cors-inspector-bundle';
export const BUNDLE_VERSION = 1;

/** What the exporter's engine said, kept so an importer can tell whether its own engine agrees. */
export interface BundleDiagnosis {
  verdict: Verdict;
  /** Chromium's `Network.CorsError` as the engine named it; a string, so newer names still import. */
  corsError: string | null;
  failedParameter: string | null;
  failedAt: { hop: number; phase: CheckPhase } | null;
  /** The few words a list row shows ("Origin not allowed"). */
  headline?: string;
}

export type HeaderSide = 'request' | 'preflight-request' | 'preflight-response' | 'response';

export type NoteTarget =
  | { kind: 'exchange' }
  | {
      kind: 'header';
      on: HeaderSide;
      hop: number;
      /** Header name as shown; compared case-insensitively. */
      name: string;
      /** Which line when the name occurs more than once (0-based among lines with that name). */
      index?: number;
    };

export interface BundleNote {
  id: string;
  text: string;
  target: NoteTarget;
  author?: { name: string };
  /** ISO 8601. */
  createdAt: string;
}

export interface BundleExchange {
  id: string;
  exchange: ObservedExchange;
  diagnosis: BundleDiagnosis;
  notes: BundleNote[];
}

export interface BundleRedaction {
  /** The `id` of the exchange the secret was taken from. */
  exchange: string;
  kind: SecretKind;
  /** A header name (lower-case), `query:<param>`, `body:<field>`, `url-userinfo`, ... Never the value. */
  where: string;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** ISO 8601. */
  createdAt: string;
  author?: { name: string };
  engine: { name: string; version: string };
  /** True only when the exporter asked for secrets to be kept (`includeSecrets`). */
  secretsIncluded?: boolean;
  exchanges: BundleExchange[];
  redactions: BundleRedaction[];
}

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
  maxErrors: 50,
};

export type BundleErrorCode = 'too-large' | 'not-json' | 'not-a-bundle' | 'unsupported-version' | 'invalid' | 'too-many' | 'duplicate-id' | 'dangling';

export interface BundleError {
  code: BundleErrorCode;
  /** Where, as a JavaScript-like path from the top: `exchanges[3].exchange.hops`; `` for the file. */
  path: string;
  message: string;
}

/** `exchanges[3].exchange.hops: expected an array, found a string`: one line for a terminal. */
export function formatBundleError(error: BundleError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

export type BundleValidation = { ok: true; bundle: Bundle } | { ok: false; errors: BundleError[] };

const VERDICTS: ReadonlySet<string> = new Set<Verdict>(['allowed', 'blocked', 'network-error', 'not-cors', 'uncertain']);
const PHASES: ReadonlySet<string> = new Set<CheckPhase>(['request', 'preflight', 'redirect', 'response']);
const CREDENTIALS_MODES: ReadonlySet<string> = new Set<CredentialsMode>(['omit', 'same-origin', 'include']);
const REQUEST_MODES: ReadonlySet<string> = new Set<RequestMode>(['cors', 'no-cors', 'same-origin', 'navigate']);
const REDIRECT_MODES: ReadonlySet<string> = new Set<RedirectMode>(['follow', 'manual', 'error']);
const HEADER_SIDES: ReadonlySet<string> = new Set<HeaderSide>(['request', 'preflight-request', 'preflight-response', 'response']);
const SECRET_KINDS_SET: ReadonlySet<string> = new Set<SecretKind>(SECRET_KINDS);

/** Stops the walk once enough errors were found. */
class TooManyErrors {}

type Obj = Record<string, unknown>;

class Validator {
  readonly errors: BundleError[] = [];
  constructor(readonly limits: BundleLimits) {}

  fail(code: BundleErrorCode, path: string, message: string): undefined {
    this.errors.push({ code, path, message });
    if (this.errors.length >= this.limits.maxErrors) throw new TooManyErrors();
    return undefined;
  }

  object(value: unknown, path: string): Obj | undefined {
    if (isPlainObject(value)) return value;
    return this.fail('invalid', path, `expected an object, found ${describe(value)}`);
  }

  array(value: unknown, path: string, max: number, what: string): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail('invalid', path, `expected an array, found ${describe(value)}`);
    if (value.length > max) return this.fail('too-many', path, `${value.length} ${what}, more than the ${max} a bundle may hold`);
    return value;
  }

  string(value: unknown, path: string, maxLength = Number.POSITIVE_INFINITY): string | undefined {
    if (typeof value !== 'string') return this.fail('invalid', path, `expected a string, found ${describe(value)}`);
    if (value.length > maxLength) return this.tooLong(path, value.length, maxLength);
    return value;
  }

  tooLong(path: string, length: number, maxLength: number): undefined {
    return this.fail('too-large', path, `${length.toLocaleString('en-US')} characters, more than the ${maxLength.toLocaleString('en-US')} a bundle holds here`);
  }

  nonEmptyString(value: unknown, path: string, maxLength = Number.POSITIVE_INFINITY): string | undefined {
    const text = this.string(value, path, maxLength);
    if (text === '') return this.fail('invalid', path, 'expected a non-empty string');
    return text;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail('invalid', path, `expected an integer, found ${describe(value)}`);
    if (value < min || value > max) return this.fail('invalid', path, `expected an integer from ${min} to ${max}, found ${value}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: ReadonlySet<string>): T | undefined {
    if (typeof value === 'string' && allowed.has(value)) return value as T;
    return this.fail('invalid', path, `expected one of ${[...allowed].map((v) => JSON.stringify(v)).join(', ')}, found ${describe(value)}`);
  }

  timestamp(value: unknown, path: string): string | undefined {
    const text = this.string(value, path);
    if (text === undefined) return undefined;
    if (!Number.isFinite(Date.parse(text))) return this.fail('invalid', path, 'expected an ISO 8601 date and time');
    return text;
  }

  author(value: unknown, path: string): { name: string } | undefined {
    const author = this.object(value, path);
    if (author === undefined) return undefined;
    const name = this.string(author['name'], `${path}.name`);
    return name === undefined ? undefined : { name };
  }

  headers(value: unknown, path: string): HeaderLine[] | undefined {
    const list = this.array(value, path, this.limits.maxHeadersPerList, 'header lines');
    if (list === undefined) return undefined;
    const out: HeaderLine[] = [];
    let ok = true;
    list.forEach((line, i) => {
      const at = `${path}[${i}]`;
      if (!Array.isArray(line) || line.length !== 2 || typeof line[0] !== 'string' || typeof line[1] !== 'string') {
        ok = false;
        this.fail('invalid', at, `expected a [name, value] pair of strings, found ${describe(line)}`);
        return;
      }
      if (line[0].length + line[1].length > this.limits.maxHeaderLineLength) {
        ok = false;
        this.tooLong(at, line[0].length + line[1].length, this.limits.maxHeaderLineLength);
        return;
      }
      out.push([line[0], line[1]]);
    });
    return ok ? out : undefined;
  }

  response(value: unknown, path: string): ObservedResponse | null | undefined {
    if (value === null) return null;
    const response = this.object(value, path);
    if (response === undefined) return undefined;
    const status = this.integer(response['status'], `${path}.status`, 0, 999);
    const headers = this.headers(response['headers'], `${path}.headers`);
    return status === undefined || headers === undefined ? undefined : { status, headers };
  }

  preflight(value: unknown, path: string): ObservedPreflight | undefined {
    const preflight = this.object(value, path);
    if (preflight === undefined) return undefined;
    const url = this.string(preflight['url'], `${path}.url`, this.limits.maxUrlLength);
    const requestHeaders = this.headers(preflight['requestHeaders'], `${path}.requestHeaders`);
    const response = this.response(preflight['response'], `${path}.response`);
    const networkError = has(preflight, 'networkError') ? this.string(preflight['networkError'], `${path}.networkError`, this.limits.maxHeaderLineLength) : null;
    if (url === undefined || requestHeaders === undefined || response === undefined || networkError === undefined) return undefined;
    const out: ObservedPreflight = { url, requestHeaders, response };
    if (networkError !== null) out.networkError = networkError;
    return out;
  }

  hop(value: unknown, path: string): ObservedHop | undefined {
    const hop = this.object(value, path);
    if (hop === undefined) return undefined;
    const url = this.string(hop['url'], `${path}.url`, this.limits.maxUrlLength);
    const response = this.response(hop['response'], `${path}.response`);
    const preflight = has(hop, 'preflight') ? this.preflight(hop['preflight'], `${path}.preflight`) : null;
    let fromCache: boolean | null | undefined = null;
    if (has(hop, 'preflightFromCache')) {
      fromCache = typeof hop['preflightFromCache'] === 'boolean' ? hop['preflightFromCache'] : this.fail('invalid', `${path}.preflightFromCache`, `expected true or false, found ${describe(hop['preflightFromCache'])}`);
    }
    if (url === undefined || response === undefined || preflight === undefined || fromCache === undefined) return undefined;
    const out: ObservedHop = { url, response };
    if (preflight !== null) out.preflight = preflight;
    if (fromCache !== null) out.preflightFromCache = fromCache;
    return out;
  }

  request(value: unknown, path: string): ObservedRequest | undefined {
    const request = this.object(value, path);
    if (request === undefined) return undefined;
    const method = this.nonEmptyString(request['method'], `${path}.method`, this.limits.maxHeaderLineLength);
    const headers = this.headers(request['headers'], `${path}.headers`);
    if (method === undefined || headers === undefined) {
      this.optionalRequestFields(request, path);
      return undefined;
    }
    const out: ObservedRequest = { method, headers };
    return this.optionalRequestFields(request, path, out) ? out : undefined;
  }

  /** Reads the optional request fields into `out`; false when one is wrong. */
  optionalRequestFields(request: Obj, path: string, out?: ObservedRequest): boolean {
    let ok = true;
    if (has(request, 'initiatorOrigin')) {
      const origin = request['initiatorOrigin'];
      if (typeof origin === 'string' && origin.length > this.limits.maxUrlLength) ok = this.tooLong(`${path}.initiatorOrigin`, origin.length, this.limits.maxUrlLength) ?? false;
      else if (origin === null || typeof origin === 'string') {
        if (out) out.initiatorOrigin = origin;
      } else ok = this.fail('invalid', `${path}.initiatorOrigin`, `expected a string or null, found ${describe(origin)}`) ?? false;
    }
    const enums: [keyof ObservedRequest, ReadonlySet<string>][] = [
      ['credentialsMode', CREDENTIALS_MODES],
      ['mode', REQUEST_MODES],
      ['redirectMode', REDIRECT_MODES],
    ];
    for (const [key, allowed] of enums) {
      if (!has(request, key)) continue;
      const value = this.oneOf<string>(request[key], `${path}.${key}`, allowed);
      if (value === undefined) ok = false;
      else if (out) (out as unknown as Obj)[key] = value;
    }
    if (has(request, 'bodySize')) {
      const size = this.integer(request['bodySize'], `${path}.bodySize`, 0, Number.MAX_SAFE_INTEGER);
      if (size === undefined) ok = false;
      else if (out) out.bodySize = size;
    }
    if (has(request, 'body')) {
      const body = this.string(request['body'], `${path}.body`);
      if (body === undefined) ok = false;
      else if (out) out.body = body;
    }
    return ok;
  }

  exchange(value: unknown, path: string): ObservedExchange | undefined {
    const exchange = this.object(value, path);
    if (exchange === undefined) return undefined;
    const request = this.request(exchange['request'], `${path}.request`);
    const rawHops = this.array(exchange['hops'], `${path}.hops`, this.limits.maxHopsPerExchange, 'hops');
    let hops: ObservedHop[] | undefined;
    if (rawHops !== undefined) {
      if (rawHops.length === 0) this.fail('invalid', `${path}.hops`, 'expected at least one hop');
      else {
        const read = rawHops.map((hop, i) => this.hop(hop, `${path}.hops[${i}]`));
        if (read.every((hop): hop is ObservedHop => hop !== undefined)) hops = read;
      }
    }
    let ok = true;
    const out: Partial<ObservedExchange> = {};
    if (has(exchange, 'errorText')) {
      const text = this.string(exchange['errorText'], `${path}.errorText`, this.limits.maxHeaderLineLength);
      if (text === undefined) ok = false;
      else out.errorText = text;
    }
    if (has(exchange, 'startedAt')) {
      const at = exchange['startedAt'];
      if (typeof at === 'number' && Number.isFinite(at)) out.startedAt = at;
      else ok = this.fail('invalid', `${path}.startedAt`, `expected a number (ms since the epoch), found ${describe(at)}`) ?? false;
    }
    if (has(exchange, 'browserVerdict')) {
      const verdict = exchange['browserVerdict'];
      if (verdict === null) out.browserVerdict = null;
      else {
        const object = this.object(verdict, `${path}.browserVerdict`);
        const corsError = object && this.string(object['corsError'], `${path}.browserVerdict.corsError`, this.limits.maxHeaderLineLength);
        const failedParameter = object && this.string(object['failedParameter'], `${path}.browserVerdict.failedParameter`, this.limits.maxHeaderLineLength);
        if (corsError === undefined || failedParameter === undefined) ok = false;
        else out.browserVerdict = { corsError, failedParameter };
      }
    }
    if (request === undefined || hops === undefined || !ok) return undefined;
    return { request, hops, ...out };
  }

  diagnosis(value: unknown, path: string): BundleDiagnosis | undefined {
    const diagnosis = this.object(value, path);
    if (diagnosis === undefined) return undefined;
    const verdict = this.oneOf<Verdict>(diagnosis['verdict'], `${path}.verdict`, VERDICTS);
    const corsError = this.stringOrNull(diagnosis['corsError'], `${path}.corsError`);
    const failedParameter = this.stringOrNull(diagnosis['failedParameter'], `${path}.failedParameter`);
    let failedAt: BundleDiagnosis['failedAt'] | undefined = null;
    if (diagnosis['failedAt'] !== null) {
      const at = this.object(diagnosis['failedAt'], `${path}.failedAt`);
      const hop = at && this.integer(at['hop'], `${path}.failedAt.hop`, 0, this.limits.maxHopsPerExchange - 1);
      const phase = at && this.oneOf<CheckPhase>(at['phase'], `${path}.failedAt.phase`, PHASES);
      failedAt = hop === undefined || phase === undefined ? undefined : { hop, phase };
    }
    const headline = has(diagnosis, 'headline') ? this.string(diagnosis['headline'], `${path}.headline`) : null;
    if (verdict === undefined || corsError === undefined || failedParameter === undefined || failedAt === undefined || headline === undefined) return undefined;
    const out: BundleDiagnosis = { verdict, corsError, failedParameter, failedAt };
    if (headline !== null) out.headline = headline;
    return out;
  }

  stringOrNull(value: unknown, path: string): string | null | undefined {
    if (value === null || typeof value === 'string') return value;
    return this.fail('invalid', path, `expected a string or null, found ${describe(value)}`);
  }

  note(value: unknown, path: string, hopCount: number | undefined): BundleNote | undefined {
    const note = this.object(value, path);
    if (note === undefined) return undefined;
    const id = this.nonEmptyString(note['id'], `${path}.id`);
    const text = this.string(note['text'], `${path}.text`);
    const target = this.target(note['target'], `${path}.target`, hopCount);
    const author = has(note, 'author') ? this.author(note['author'], `${path}.author`) : null;
    const createdAt = this.timestamp(note['createdAt'], `${path}.createdAt`);
    if (id === undefined || text === undefined || target === undefined || author === undefined || createdAt === undefined) return undefined;
    const out: BundleNote = { id, text, target, createdAt };
    if (author !== null) out.author = author;
    return out;
  }

  target(value: unknown, path: string, hopCount: number | undefined): NoteTarget | undefined {
    const target = this.object(value, path);
    if (target === undefined) return undefined;
    if (target['kind'] === 'exchange') return { kind: 'exchange' };
    if (target['kind'] !== 'header') return this.fail('invalid', `${path}.kind`, `expected "exchange" or "header", found ${describe(target['kind'])}`);
    const on = this.oneOf<HeaderSide>(target['on'], `${path}.on`, HEADER_SIDES);
    const hop = this.integer(target['hop'], `${path}.hop`, 0, this.limits.maxHopsPerExchange - 1);
    const name = this.nonEmptyString(target['name'], `${path}.name`);
    const index = has(target, 'index') ? this.integer(target['index'], `${path}.index`, 0, this.limits.maxHeadersPerList) : null;
    if (hop !== undefined && hopCount !== undefined && hop >= hopCount) {
      return this.fail('dangling', `${path}.hop`, `the exchange has no hop ${hop} (it has ${hopCount})`);
    }
    if (on === undefined || hop === undefined || name === undefined || index === undefined) return undefined;
    const out: NoteTarget = { kind: 'header', on, hop, name };
    if (index !== null) out.index = index;
    return out;
  }

  bundleExchange(value: unknown, path: string): BundleExchange | undefined {
    const entry = this.object(value, path);
    if (entry === undefined) return undefined;
    const id = this.nonEmptyString(entry['id'], `${path}.id`);
    const exchange = this.exchange(entry['exchange'], `${path}.exchange`);
    const diagnosis = this.diagnosis(entry['diagnosis'], `${path}.diagnosis`);
    const rawNotes = this.array(entry['notes'], `${path}.notes`, this.limits.maxNotesPerExchange, 'notes');
    const notes = rawNotes?.map((note, i) => this.note(note, `${path}.notes[${i}]`, exchange?.hops.length));
    if (id === undefined || exchange === undefined || diagnosis === undefined || notes === undefined) return undefined;
    if (!notes.every((note): note is BundleNote => note !== undefined)) return undefined;
    return { id, exchange, diagnosis, notes };
  }

  redaction(value: unknown, path: string): BundleRedaction | undefined {
    const redaction = this.object(value, path);
    if (redaction === undefined) return undefined;
    const exchange = this.string(redaction['exchange'], `${path}.exchange`);
    const kind = this.oneOf<SecretKind>(redaction['kind'], `${path}.kind`, SECRET_KINDS_SET);
    const where = this.string(redaction['where'], `${path}.where`);
    return exchange === undefined || kind === undefined || where === undefined ? undefined : { exchange, kind, where };
  }

  bundle(value: unknown): Bundle | undefined {
    if (!isPlainObject(value)) return this.fail('not-a-bundle', '', `not a CORS Inspector bundle: expected a JSON object, found ${describe(value)}`);
    // Format and version first: a wrong file deserves one clear message, not a hundred field errors.
    if (value['format'] !== BUNDLE_FORMAT) {
      const found = typeof value['format'] === 'string' ? `"${value['format'].slice(0, 60)}"` : describe(value['format']);
      return this.fail('not-a-bundle', 'format', `not a CORS Inspector bundle: "format" is ${found}, expected "${BUNDLE_FORMAT}"`);
    }
    const version = value['version'];
    if (version !== BUNDLE_VERSION) {
      const newer = typeof version === 'number' && Number.isInteger(version) && version > BUNDLE_VERSION;
      return this.fail(
        'unsupported-version',
        'version',
        newer
          ? `bundle version ${version} is newer than this CORS Inspector reads (version ${BUNDLE_VERSION}); update CORS Inspector`
          : `unsupported bundle version ${describe(version)}; this CORS Inspector reads version ${BUNDLE_VERSION}`,
      );
    }
    const createdAt = this.timestamp(value['createdAt'], 'createdAt');
    const author = has(value, 'author') ? this.author(value['author'], 'author') : null;
    const engineObject = this.object(value['engine'], 'engine');
    const engineName = engineObject && this.string(engineObject['name'], 'engine.name');
    const engineVersion = engineObject && this.string(engineObject['version'], 'engine.version');
    let secretsIncluded: boolean | null | undefined = null;
    if (has(value, 'secretsIncluded')) {
      secretsIncluded = typeof value['secretsIncluded'] === 'boolean' ? value['secretsIncluded'] : this.fail('invalid', 'secretsIncluded', `expected true or false, found ${describe(value['secretsIncluded'])}`);
    }
    const rawExchanges = this.array(value['exchanges'], 'exchanges', this.limits.maxExchanges, 'exchanges');
    const exchanges = rawExchanges?.map((entry, i) => this.bundleExchange(entry, `exchanges[${i}]`));
    const rawRedactions = this.array(value['redactions'], 'redactions', Number.MAX_SAFE_INTEGER, 'redactions');
    const redactions = rawRedactions?.map((entry, i) => this.redaction(entry, `redactions[${i}]`));

    if (exchanges !== undefined && exchanges.every((entry) => entry !== undefined)) this.uniqueIds(exchanges as BundleExchange[]);
    if (
      createdAt === undefined ||
      author === undefined ||
      engineName === undefined ||
      engineVersion === undefined ||
      secretsIncluded === undefined ||
      exchanges === undefined ||
      redactions === undefined ||
      this.errors.length > 0
    ) {
      return undefined;
    }
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt,
      engine: { name: engineName, version: engineVersion },
      exchanges: exchanges as BundleExchange[],
      redactions: redactions as BundleRedaction[],
    };
    if (author !== null) bundle.author = author;
    if (secretsIncluded !== null) bundle.secretsIncluded = secretsIncluded;
    return bundle;
  }

  uniqueIds(exchanges: BundleExchange[]): void {
    const exchangeIds = new Set<string>();
    const noteIds = new Set<string>();
    exchanges.forEach((entry, i) => {
      if (exchangeIds.has(entry.id)) this.fail('duplicate-id', `exchanges[${i}].id`, `another exchange already has the id ${JSON.stringify(entry.id.slice(0, 60))}`);
      exchangeIds.add(entry.id);
      entry.notes.forEach((note, j) => {
        if (noteIds.has(note.id)) this.fail('duplicate-id', `exchanges[${i}].notes[${j}].id`, `another note already has the id ${JSON.stringify(note.id.slice(0, 60))}`);
        noteIds.add(note.id);
      });
    });
  }
}

/** Checks a parsed bundle. Never throws. */
export function validateBundle(value: unknown, limits: Partial<BundleLimits> = {}): BundleValidation {
  const validator = new Validator({ ...DEFAULT_BUNDLE_LIMITS, ...limits });
  let bundle: Bundle | undefined;
  try {
    bundle = validator.bundle(value);
  } catch (error) {
    if (!(error instanceof TooManyErrors)) {
      // Not reachable with JSON input; kept so that hostile objects (getters, proxies) cannot escape.
      validator.errors.push({ code: 'invalid', path: '', message: `unreadable bundle: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (bundle !== undefined && validator.errors.length === 0) return { ok: true, bundle };
  return { ok: false, errors: validator.errors.length > 0 ? validator.errors : [{ code: 'invalid', path: '', message: 'not a valid bundle' }] };
}

/** Parses and checks bundle text (or bytes). Sizes are checked before parsing. Never throws. */
export function parseBundle(input: string | Uint8Array, limits: Partial<BundleLimits> = {}): BundleValidation {
  const maxBytes = limits.maxBytes ?? DEFAULT_BUNDLE_LIMITS.maxBytes;
  // A string's UTF-8 size is at least its length in UTF-16 units, at most three times it.
  const size = typeof input === 'string' ? (input.length > maxBytes ? input.length : new TextEncoder().encode(input).length) : input.byteLength;
  if (size > maxBytes) {
    return { ok: false, errors: [{ code: 'too-large', path: '', message: `the bundle is ${megabytes(size)}, larger than the ${megabytes(maxBytes)} CORS Inspector reads` }] };
  }
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

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

function isPlainObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only: `__proto__` or `constructor` from a hostile file must not come from the prototype. */
function has(object: Obj, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return `an ${typeof value}`;
}
