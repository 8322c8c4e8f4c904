// Writing a bundle as it is made, split into as many files as the importer's limits need: at most
// `maxExchanges` exchanges and `maxBytes` bytes each (bundle-schema.ts). An exchange no bundle can
// hold (too many hops or header lines, a status that is no HTTP status, a field longer than its
// bound once redacted, or on its own larger than a file may be) is refused with a message naming it,
// the field and the limit: a bundle the importer refuses would only fail later, on someone else's screen.

import type { HeaderList, ObservedExchange } from '../cors/index.ts';
import { BundleExchangeWriter, bundleElement, bundleEnding, bundleMiddle, bundleOpening, type BundleInput, type StoredItem } from './bundle.ts';
import { DEFAULT_BUNDLE_LIMITS, type BundleDiagnosis, type BundleLimits } from './bundle-schema.ts';

/** An exchange the bundle format cannot hold. `index` is its position in the input (0-based). */
export class BundleLimitError extends Error {
  constructor(
    readonly index: number,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'BundleLimitError';
  }
}

/** What was written so far: updated as the chunks go by. */
export interface BundleStats {
  exchanges: number;
  redactions: number;
  parts: number;
}

/** A piece of bundle text, and which file (0-based) it belongs to. */
export interface BundleChunk {
  part: number;
  text: string;
}

function count(n: number, what: string): string {
  return `${n.toLocaleString('en-US')} ${what}`;
}

/** `at most 50,000 requests and 200.0 MB`: what one bundle file may hold. */
export function describeLimits(limits: BundleLimits): string {
  return `at most ${count(limits.maxExchanges, 'requests')} and ${megabytes(limits.maxBytes)}`;
}

/**
 * Checks a bundle's items before it is written, in their order, each as the bundle will store it:
 * the importer sees the exchange and its notes redacted, where placeholders can make a short value
 * longer (`http://u:p@x/` → `http://REDACTED-AUTHORIZATION@x/`, a note's `pw=x` → `pw=REDACTED-PASSWORD`),
 * with the ids and the numbered names (`secret-name-numbers.ts`) the writer gives them, which
 * depend on the items before. Made with the bundle's own options (`includeSecrets`).
 */
export class BundleItemChecker {
  private readonly writer: BundleExchangeWriter;

  /** `captured`: every exchange the bundle will hold, as the writer numbers names knowing them all. */
  constructor(
    input: Omit<BundleInput, 'exchanges'>,
    captured: Iterable<ObservedExchange>,
    private readonly limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
  ) {
    this.writer = new BundleExchangeWriter(input, captured);
  }

  /** Why no bundle can hold the `index`th item (0-based; after all those before it) and its notes, or null. */
  problem(item: BundleInput['exchanges'][number], index: number): string | null {
    return storedItemProblem(this.writer.store(item, index), this.limits);
  }
}

/** Why no bundle can hold this exchange and its notes under `limits` (as the first of a bundle), or null. */
export function bundleItemProblem(
  item: BundleInput['exchanges'][number],
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
  includeSecrets = false,
): string | null {
  return new BundleItemChecker({ engineVersion: '', includeSecrets }, [item.exchange], limits).problem(item, 0);
}

/** Why no bundle can hold an exchange and its notes as stored (redacted unless secrets are kept), or null. */
function storedItemProblem(stored: Pick<StoredItem, 'id' | 'exchange' | 'notes'>, limits: BundleLimits): string | null {
  const notes = stored.notes.length;
  if (notes > limits.maxNotesPerExchange) return `it has ${count(notes, 'notes')}, more than the ${count(limits.maxNotesPerExchange, 'a bundle holds')}`;
  return tooLong('id', stored.id.length, limits.maxIdLength) ?? exchangeLimitProblem(stored.exchange, limits) ?? notesProblem(stored.notes, limits);
}

/** `its note 2 text is 100,017 characters, more than the 100,000 a bundle holds`, when `length` passes `max`; else null. */
function tooLong(what: string, length: number, max: number): string | null {
  return length > max ? `its ${what} is ${count(length, 'characters')}, more than the ${count(max, 'a bundle holds')}` : null;
}

/**
 * The first field of the notes, as stored, longer than the bundle holds, as a message; or null.
 * A note's text is redacted, and a placeholder is often longer than what it replaces: a note at
 * its bound (one re-shared from a bundle) grows past it. Refused, not clipped: the note is what
 * someone wrote, and a clipped one would say less than they did without anyone seeing where.
 */
function notesProblem(notes: StoredItem['notes'], limits: BundleLimits): string | null {
  for (const [i, note] of notes.entries()) {
    const which = `note ${i + 1}`;
    const problem =
      tooLong(`${which} id`, note.id.length, limits.maxIdLength) ??
      tooLong(`${which} text${note.text.includes('REDACTED-') ? ' (with its REDACTED placeholders)' : ''}`, note.text.length, limits.maxNoteLength) ??
      tooLong(`${which} time`, note.createdAt.length, limits.maxNameLength) ??
      (note.author ? tooLong(`${which} author's name`, note.author.name.length, limits.maxNameLength) : null) ??
      (note.target.kind === 'header' ? tooLong(`${which} header name`, note.target.name.length, limits.maxHeaderLineLength) : null);
    if (problem !== null) return problem;
  }
  return null;
}

/** The first field of the exporter's diagnosis longer than the bundle holds, as a message; or null. */
function diagnosisProblem(diagnosis: BundleDiagnosis, limits: BundleLimits): string | null {
  return (
    tooLong('CORS error name', diagnosis.corsError?.length ?? 0, limits.maxNameLength) ??
    tooLong('failure reason', diagnosis.failureReason?.length ?? 0, limits.maxNameLength) ??
    tooLong('headline', diagnosis.headline?.length ?? 0, limits.maxHeadlineLength)
  );
}

/** Why no bundle can hold this exchange under `limits`, or null. Mirrors the importer's checks. */
function exchangeLimitProblem(exchange: ObservedExchange, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): string | null {
  const { request, hops } = exchange;
  const perList = (n: number, what: string): string => `it has ${count(n, what)}, more than the ${count(limits.maxHeadersPerList, 'a bundle holds per list')}`;
  if (request.method === '') return 'its method is empty';
  const longest = longText(exchange, limits);
  if (longest !== null) return longest;
  if (request.bodySize !== undefined && !(Number.isSafeInteger(request.bodySize) && request.bodySize >= 0)) return `its body size ${request.bodySize} is no byte count`;
  // A number beyond a Date's range (±8.64e15 ms) is no time either: printing it would throw.
  if (exchange.startedAt !== undefined && !Number.isFinite(new Date(exchange.startedAt).getTime())) return 'its start time is no time';
  if (hops.length === 0) return 'it has no hops';
  if (hops.length > limits.maxHopsPerExchange) return `it has ${count(hops.length, 'hops')} (redirects), more than the ${count(limits.maxHopsPerExchange, 'a bundle holds')}`;
  if (request.headers.length > limits.maxHeadersPerList) return perList(request.headers.length, 'request headers');
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const where = hops.length > 1 ? ` on hop ${i}` : '';
    for (const response of [hop.response, hop.preflight?.response ?? null]) {
      if (response === null) continue;
      if (!(Number.isInteger(response.status) && response.status >= 0 && response.status <= 999)) return `its status ${response.status}${where} is no HTTP status (0 to 999)`;
      if (response.headers.length > limits.maxHeadersPerList) return perList(response.headers.length, `${response === hop.response ? 'response' : 'preflight response'} headers${where}`);
    }
    if (hop.preflight !== undefined && hop.preflight.requestHeaders.length > limits.maxHeadersPerList) return perList(hop.preflight.requestHeaders.length, `preflight request headers${where}`);
  }
  return null;
}

/** The first text of the exchange longer than the bundle holds, as a message; or null. */
function longText(exchange: ObservedExchange, limits: BundleLimits): string | null {
  const { request, hops } = exchange;
  const lines = (list: HeaderList, what: string): string | null => {
    for (const [name, value] of list) if (name.length + value.length > limits.maxHeaderLineLength) return tooLong(`${what} header ${name.slice(0, 40)}`, name.length + value.length, limits.maxHeaderLineLength);
    return null;
  };
  const found =
    tooLong('method', request.method.length, limits.maxHeaderLineLength) ??
    (typeof request.initiatorOrigin === 'string' ? tooLong('origin', request.initiatorOrigin.length, limits.maxUrlLength) : null) ??
    tooLong('error text', exchange.errorText?.length ?? 0, limits.maxHeaderLineLength) ??
    (exchange.browserVerdict ? tooLong('browser verdict', Math.max(exchange.browserVerdict.corsError.length, exchange.browserVerdict.failedParameter.length), limits.maxHeaderLineLength) : null) ??
    lines(request.headers, 'request');
  if (found !== null) return found;
  for (const hop of hops) {
    const inHop =
      tooLong('URL', hop.url.length, limits.maxUrlLength) ??
      (hop.response ? lines(hop.response.headers, 'response') : null) ??
      tooLong('redirect target', hop.response?.locationUrl?.length ?? 0, limits.maxUrlLength) ??
      (hop.preflight
        ? (tooLong('preflight URL', hop.preflight.url.length, limits.maxUrlLength) ??
          tooLong('preflight error text', hop.preflight.networkError?.length ?? 0, limits.maxHeaderLineLength) ??
          lines(hop.preflight.requestHeaders, 'preflight request') ??
          (hop.preflight.response ? lines(hop.preflight.response.headers, 'preflight response') : null) ??
          tooLong('preflight redirect target', hop.preflight.response?.locationUrl?.length ?? 0, limits.maxUrlLength))
        : null);
    if (inHop !== null) return inHop;
  }
  return null;
}

/**
 * The bundle text of `input`, in chunks, split into parts within `limits`. Throws
 * `BundleLimitError` for an exchange no bundle can hold; the caller should check them all first
 * with `bundleItemProblem`, so that nothing is written before the refusal.
 */
export function* bundleParts(
  input: BundleInput,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
  stats: BundleStats = { exchanges: 0, redactions: 0, parts: 0 },
): Generator<BundleChunk> {
  const writer = new BundleExchangeWriter(input, input.exchanges.map((item) => item.exchange));
  const opening = bundleOpening(writer.head);
  const openingBytes = byteLength(opening);
  let part = -1;
  let exchangesInPart = 0;
  let bytesInPart = 0;
  let redactions: string[] = [];
  // The closing brackets and commas, whatever the part holds: at most this many bytes.
  const closing = byteLength(bundleMiddle(true)) + byteLength(bundleEnding(true));

  function* closePart(): Generator<BundleChunk> {
    yield { part, text: bundleMiddle(exchangesInPart > 0) };
    for (const text of redactions) yield { part, text };
    yield { part, text: bundleEnding(redactions.length > 0) };
  }

  for (let index = 0; index < input.exchanges.length; index++) {
    const item = input.exchanges[index]!;
    const written = writer.write(item, index);
    // Checked on the exchange as the writer stored it: no second redaction of the same exchange.
    const problem = storedItemProblem(written.exchange, limits) ?? diagnosisProblem(written.exchange.diagnosis, limits);
    // Named by its URL as stored: the refusal goes to a terminal or a CI log, redacted as the bundle is.
    const url = written.exchange.exchange.hops[0]?.url ?? '';
    if (problem !== null) throw new BundleLimitError(index, url, problem);
    // Sized as the first of a part; one more byte (the comma) otherwise.
    const exchangeText = bundleElement(written.exchange, true);
    const redactionTexts = written.redactions.map((redaction) => bundleElement(redaction, true));
    const added = byteLength(exchangeText) + redactionTexts.reduce((sum, text) => sum + byteLength(text), 0);
    const commas = 1 + redactionTexts.length;
    const fits = part >= 0 && exchangesInPart < limits.maxExchanges && bytesInPart + added + commas + closing <= limits.maxBytes;
    if (!fits) {
      if (openingBytes + added + closing > limits.maxBytes) {
        throw new BundleLimitError(index, url, `it is ${megabytes(added)} as a bundle, more than the ${megabytes(limits.maxBytes)} a bundle file may be`);
      }
      if (part >= 0) yield* closePart();
      part++;
      stats.parts++;
      exchangesInPart = 0;
      bytesInPart = openingBytes;
      redactions = [];
      yield { part, text: opening };
    }
    const first = exchangesInPart === 0;
    const text = first ? exchangeText : `,${exchangeText}`;
    yield { part, text };
    bytesInPart += byteLength(text);
    for (const redaction of redactionTexts) {
      const element = redactions.length === 0 ? redaction : `,${redaction}`;
      redactions.push(element);
      bytesInPart += byteLength(element);
    }
    exchangesInPart++;
    stats.exchanges++;
    stats.redactions += redactionTexts.length;
  }
  if (part === -1) {
    // No exchanges: one empty bundle.
    part = 0;
    stats.parts++;
    yield { part, text: opening };
  }
  yield* closePart();
}

/** UTF-8 size. The texts are JSON.stringify's: no lone surrogates. */
function byteLength(text: string): number {
  if (!/[^\u0000-\u007f]/.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${count(bytes, 'bytes')}`;
}
