// Writing a diagnosis bundle: the exchanges someone wants to share, redacted, each with what the
// engine said about it and the notes people wrote on it. Reading one back is `bundle-import.ts`.

import { type BrowserRules, diagnose, diagnoseInFirefox, type Diagnosis, type ObservedExchange, explain } from '../cors/index.ts';
import { redactJwts, redactText, type Redaction } from './redact.ts';
import { withHostKept } from './redact-engine-values.ts';
import { inertJson } from './visible-controls.ts';
import { distinctRedactions, engineValuesAsRedacted, headerNamesAsRedacted, redactExchange } from './redact-exchange.ts';
import { redactNoteTarget } from './redact-note-target.ts';
import { headerNameSources, SecretNameNumbers } from './secret-name-numbers.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type Bundle,
  type BundleDiagnosis,
  type BundleExchange,
  type BundleNote,
  type BundleRedaction,
  type NoteTarget,
} from './bundle-schema.ts';

const ENGINE_NAME = 'cors-inspector';

interface NoteInput {
  id?: string;
  text: string;
  target?: NoteTarget;
  author?: { name: string };
  /** ISO 8601 or a Date; the bundle's own time when absent. */
  createdAt?: string | Date;
}

export interface BundleInput {
  exchanges: readonly {
    exchange: ObservedExchange;
    id?: string;
    notes?: readonly NoteInput[];
    diagnosis?: Diagnosis;
    /** The browser that sent it (a panel's own capture: the panel's; an opened file's: `sentBy`; a HAR: its creator's); the rules' when left out. */
    sentBy?: BrowserRules['browser'];
  }[];
  /** The package version of the engine that diagnosed them (package.json `version`). */
  engineVersion: string;
  author?: { name: string };
  createdAt?: string | Date;
  /** Keep cookies, tokens and keys as captured. Off by default. */
  includeSecrets?: boolean;
  /**
   * Whose rules judge an exchange given without its diagnosis (`--browser`, the Firefox build);
   * Chromium's when left out. A bundle judged by Firefox's says so (`browser`).
   */
  rules?: BrowserRules;
}

/** The part of a Diagnosis a bundle keeps: enough to show a row and to notice a different verdict. */
export function bundleDiagnosis(diagnosis: Diagnosis, headline?: string): BundleDiagnosis {
  const out: BundleDiagnosis = {
    verdict: diagnosis.verdict,
    corsError: diagnosis.corsError,
    failedParameter: diagnosis.failedParameter,
    failedAt: diagnosis.failedAt === null ? null : { hop: diagnosis.failedAt.hop, phase: diagnosis.failedAt.phase },
  };
  if (diagnosis.failureReason !== null) out.failureReason = diagnosis.failureReason;
  if (headline !== undefined) out.headline = headline;
  return out;
}

function isoTime(value: string | Date | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  return typeof value === 'string' ? value : value.toISOString();
}

export function createBundle(input: BundleInput): Bundle {
  const writer = new BundleExchangeWriter(input, input.exchanges.map((item) => item.exchange));
  const exchanges: BundleExchange[] = [];
  const redactions: BundleRedaction[] = [];
  input.exchanges.forEach((item, index) => {
    const written = writer.write(item, index);
    exchanges.push(written.exchange);
    // One by one: spread into a call, an exchange's 450,000 redactions passed the engine's limit on arguments.
    for (const redaction of written.redactions) redactions.push(redaction);
  });
  return { ...writer.head, exchanges, redactions };
}

/** A bundle but its exchanges and redactions. */
export type BundleHead = Omit<Bundle, 'exchanges' | 'redactions'>;

/** An exchange and its notes as a bundle stores them, before they are judged (`BundleExchangeWriter.store`). */
export interface StoredItem {
  id: string;
  exchange: ObservedExchange;
  notes: BundleNote[];
  /** What was taken from the exchange and its notes. */
  found: Redaction[];
}

/**
 * Turns the input's exchanges into bundle exchanges one at a time, so that a big bundle can be
 * written as it is made (`bundle-parts.ts`) and no copy of all the exchanges is ever held.
 */
export class BundleExchangeWriter {
  readonly head: BundleHead;
  private readonly keep: boolean;
  private readonly rules: BrowserRules | undefined;
  private readonly usedIds = new Set<string>();
  private noteCounter = 0;
  // One numbering for the bundle (`secret-name-numbers.ts`): a reader compares its exchanges, and a
  // header name shaped like a secret is then the same placeholder in each of them.
  private readonly names: SecretNameNumbers;

  /** `captured`: every exchange the bundle will hold, whose names the numbering must not take (`secret-name-numbers.ts`). */
  constructor(input: Omit<BundleInput, 'exchanges'>, captured: Iterable<ObservedExchange>) {
    this.names = new SecretNameNumbers(headerNameSources(captured));
    const createdAt = isoTime(input.createdAt, new Date().toISOString());
    this.keep = input.includeSecrets === true;
    this.rules = input.rules;
    // Keys in the order docs/bundle-schema.md lists them: people read these files.
    this.head = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      createdAt,
      ...(input.author !== undefined ? { author: { name: input.author.name } } : {}),
      engine: { name: ENGINE_NAME, version: input.engineVersion },
      // Written only for Firefox: a bundle without it is Chromium's, as every older bundle is.
      ...(input.rules?.browser === 'firefox' ? { browser: 'firefox' as const } : {}),
      ...(this.keep ? { secretsIncluded: true } : {}),
    };
  }

  /**
   * The `index`th exchange (0-based, for its default id) and its notes as stored, and the secrets
   * taken from them, but not yet judged: what `write` stores, and what a check before writing
   * (`BundleItemChecker`) measures, as a writer of its own fed the same items numbers them alike.
   */
  store(item: BundleInput['exchanges'][number], index: number): StoredItem {
    const keep = this.keep;
    let id = item.id ?? `exchange-${index + 1}`;
    // Ids must be unique: a caller's duplicate gets a suffix rather than a broken bundle.
    for (let n = 2; this.usedIds.has(id); n++) id = `${item.id ?? `exchange-${index + 1}`}-${n}`;
    this.usedIds.add(id);

    const found: Redaction[] = [];
    const exchange = keep ? item.exchange : redactExchange(item.exchange, found, this.names);
    const notes = (item.notes ?? []).map((note): BundleNote => {
      this.noteCounter++;
      const out: BundleNote = {
        id: note.id ?? `note-${this.noteCounter}`,
        // A note is free text someone typed, often with a pasted header or URL: the same policy.
        text: keep ? note.text : redactText(note.text, found, 'note'),
        target: keep ? (note.target ?? { kind: 'exchange' }) : redactNoteTarget(note.target ?? { kind: 'exchange' }, item.exchange, this.names),
        createdAt: isoTime(note.createdAt, this.head.createdAt),
      };
      if (note.author !== undefined) out.author = { name: note.author.name };
      return out;
    });
    return { id, exchange, notes, found };
  }

  /** The `index`th exchange (0-based, for its default id) as stored, and the secrets taken from it. */
  write(item: BundleInput['exchanges'][number], index: number): { exchange: BundleExchange; redactions: BundleRedaction[] } {
    const keep = this.keep;
    const { id, exchange: stored, notes, found } = this.store(item, index);

    // The verdict is the one reached on the exchange as captured: what the person sharing it saw.
    // Firefox's as `explain --browser firefox` reaches it (a Chromium capture's failure sign read as Firefox's).
    const diagnosis = item.diagnosis ?? (this.rules?.browser === 'firefox' ? diagnoseInFirefox(item.exchange) : diagnose(item.exchange, this.rules));
    // The headline is worded from the stored exchange, so no secret reaches it.
    const headline = explain(diagnosis, stored).headline;
    // Its names are the captured ones: a header name redaction rewrote is written as the export shows it.
    const names = headerNamesAsRedacted(item.exchange, this.names);
    const values = engineValuesAsRedacted(item.exchange, stored);
    const asRedacted = keep ? (text: string) => text : (text: string) => names(values(text));
    const summary = bundleDiagnosis(diagnosis, keep ? headline : redactJwts(asRedacted(headline)));
    // An origin's host stays as the stored exchange keeps it (`redact-engine-values.ts`): the bundle read back names the same value.
    if (!keep && summary.failedParameter !== null) summary.failedParameter = withHostKept(asRedacted(summary.failedParameter), (text) => redactJwts(text));
    // What was taken from this exchange and its notes, by kind and place, never the value.
    const redactions = distinctRedactions(found).map((redaction): BundleRedaction => ({ exchange: id, ...redaction }));
    // Written only where another browser sent it than the one whose rules judged it (`browser`),
    // which is how a bundle without it is read: a Chromium capture judged by Firefox's rules stays
    // Chromium's when its sanitized HAR is written from the bundle.
    const sentBy = item.sentBy !== undefined && item.sentBy !== (this.head.browser ?? 'chromium') ? { sentBy: item.sentBy } : {};
    return { exchange: { id, ...sentBy, exchange: stored, diagnosis: summary, notes }, redactions };
  }
}

/**
 * The file's text: JSON, two-space indented (people open these), with a final newline. Characters
 * a terminal would act on are escaped as `\uXXXX` (same value): people also `cat` these.
 */
export function serializeBundle(bundle: Bundle): string {
  const { exchanges, redactions, ...head } = bundle;
  const parts = [bundleOpening(head)];
  exchanges.forEach((exchange, i) => parts.push(bundleElement(exchange, i === 0)));
  parts.push(bundleMiddle(exchanges.length > 0));
  redactions.forEach((redaction, i) => parts.push(bundleElement(redaction, i === 0)));
  parts.push(bundleEnding(redactions.length > 0));
  return parts.join('');
}

// The pieces of `JSON.stringify(bundle, null, 2)`, written one exchange at a time. A JSON string
// holds no raw line break, so indenting is replacing each one.

/** From `{` to the `[` that opens `exchanges`. */
export function bundleOpening(head: BundleHead): string {
  return inertJson(`${JSON.stringify(head, null, 2).replace(/\n\}$/, '')},\n  "exchanges": [`);
}

/** One element of `exchanges` or `redactions`, with the comma before it unless it is the first. */
export function bundleElement(value: BundleExchange | BundleRedaction, first: boolean): string {
  return inertJson(`${first ? '' : ','}\n    ${JSON.stringify(value, null, 2).replace(/\n/g, '\n    ')}`);
}

/** From the end of `exchanges` to the `[` that opens `redactions`. */
export function bundleMiddle(hadExchanges: boolean): string {
  return `${hadExchanges ? '\n  ' : ''}],\n  "redactions": [`;
}

/** From the end of `redactions` to the final newline. */
export function bundleEnding(hadRedactions: boolean): string {
  return `${hadRedactions ? '\n  ' : ''}]\n}\n`;
}
