// What a diagnosis.html shows above the list: who shared it and when, from which page, the notes,
// and the failures counted by cause. The verdicts counted are this engine's, judged again from the
// bundle's requests as the CLI and the list judge them: the bundle's stored verdicts are the
// sender's claim (a hand-edited file can call every request allowed), counted only where they differ.
// A cause here is Chromium's reason with its failed parameter (`PreflightMissingAllowOriginHeader`,
// `HeaderDisallowedByPreflightResponse` + `x-trace`) on the same API origin: the key and the title
// of the shared grouping (cause-groups.ts), so the file's header names a cause as the CLI and the panel do.

import { diagnose, diagnoseInFirefox, diagnoseVerdict, failedOnTaintedOrigin, diagnoseVerdictInFirefox, firefoxReasonOfStored, type ObservedExchange } from '../cors/index.ts';
import { rediagnose } from './bundle-import.ts';
import type { Bundle, BundleDiagnosis, BundleExchange } from './bundle-schema.ts';
import { causeOf } from './cause-groups.ts';
import { causeTitle, type DistinctCause, distinctTitles } from './cause-title.ts';

export interface CauseCount {
  /** The shared grouping's key (`causeOf`). */
  key: string;
  /** `x-trace not in Access-Control-Allow-Headers`: the shared grouping's title, from the key alone. */
  title: string;
  corsError: string;
  failedParameter: string | null;
  /**
   * Firefox's reason (`CORSMissingAllowOrigin`), in a bundle judged by Firefox's rules: derived from
   * the stored `corsError` and the first such exchange (the bundle keeps Chromium's vocabulary), so
   * no field of the bundle holds it. Absent in a Chromium bundle, or for a name this engine does not know.
   */
  firefoxReason?: string;
  /** The first such exchange's headline: this engine's where the summary judged them (`diagnosisSummary`). */
  headline: string | null;
  requests: number;
}

interface SummaryNote {
  text: string;
  author: string | null;
  /** The request it is on: `PUT https://api.example/items`. */
  request: string;
}

export interface DiagnosisSummary {
  author: string | null;
  createdAt: string;
  /** The origins of the pages that made the requests, in first-seen order. */
  pageOrigins: string[];
  requests: number;
  /** Blocked by this engine's judgement of the requests, not by the verdicts the file stores. */
  blocked: number;
  causes: CauseCount[];
  /** Requests whose stored verdict (or error, or failed parameter) is not this engine's: the file's claims. */
  claimsDiffer: number;
  /** The engine versions that wrote the stored verdicts and that judged them here. */
  engineVersions: { exported: string; now: string };
  /** Requests this engine could not judge (it threw): neither blocked nor counted by cause. */
  unjudged: number;
  /** The first notes in the file's order, `SHOWN_NOTES` at most: the rest are on their requests' rows. */
  notes: SummaryNote[];
  /** Every note the file holds: bounded only by its size, which holds a million or more. */
  noteCount: number;
  secretsIncluded: boolean;
  /** Whether the file lists a secret replaced (its `redactions`): a sanitized file may have had none to replace. */
  secretsReplaced: boolean;
  /** Whose rules judged the verdicts: the bundle's `browser`, Chromium's when it has none. */
  browser: 'chromium' | 'firefox';
}

/**
 * How many notes the header lists. The schema bounds a note's length and the notes of one request,
 * not their number in a file: a million would be a million items to lay out (each note's start is
 * up to 10,000 characters, LongText's), so the header lists the first and counts them all.
 */
export const SHOWN_NOTES = 50;

/** The first `SHOWN_NOTES` notes with their requests, and how many the file holds. */
function shownNotes(bundle: Bundle): Pick<DiagnosisSummary, 'notes' | 'noteCount'> {
  const notes: SummaryNote[] = [];
  let noteCount = 0;
  for (const item of bundle.exchanges) {
    noteCount += item.notes.length;
    for (const note of item.notes.slice(0, SHOWN_NOTES - notes.length)) {
      notes.push({ text: note.text, author: note.author?.name ?? null, request: `${item.exchange.request.method} ${item.exchange.hops[0]?.url ?? ''}` });
    }
  }
  return { notes, noteCount };
}

/**
 * Blocked exchanges counted by `corsError` and `failedParameter`, the most frequent first. `full`
 * gives the whole diagnosis (headline, failing hop) of the first exchange of each cause, where the
 * given ones are the verdict path's; by default the given one.
 */
export function causeCounts(
  exchanges: readonly (Pick<BundleExchange, 'exchange' | 'diagnosis'> & Pick<JudgedItem, 'failedHop' | 'originTainted'>)[],
  browser: 'chromium' | 'firefox' = 'chromium',
  full: (index: number) => BundleDiagnosis = (index) => exchanges[index]!.diagnosis,
): CauseCount[] {
  const byCause = new Map<string, { count: CauseCount; cause: DistinctCause }>();
  for (const [index, { exchange, diagnosis, failedHop, originTainted }] of exchanges.entries()) {
    if (diagnosis.corsError === null) continue;
    const cause = causeOf(exchange, { ...diagnosis, failedHop, originTainted });
    if (cause === null) continue;
    const known = byCause.get(cause.key);
    if (known) known.count.requests++;
    else {
      const first = full(index);
      const firefoxReason = browser === 'firefox' ? firefoxReasonOfStored(first, exchange) : null;
      const count: CauseCount = {
        key: cause.key,
        title: '',
        corsError: diagnosis.corsError,
        failedParameter: diagnosis.failedParameter,
        ...(firefoxReason !== null ? { firefoxReason } : {}),
        headline: first.headline ?? null,
        requests: 1,
      };
      byCause.set(cause.key, { count, cause });
    }
  }
  // A stable sort: equal counts keep the order their first exchange came in.
  const sorted = [...byCause.values()].sort((a, b) => b.count.requests - a.count.requests);
  const causes = sorted.map((entry) => entry.cause);
  const titles = distinctTitles(causes, causes.map(causeTitle));
  return sorted.map(({ count }, i) => ({ ...count, title: titles[i]! }));
}

function pageOrigin({ exchange }: BundleExchange): string | null {
  if (exchange.request.initiatorOrigin !== undefined) return exchange.request.initiatorOrigin;
  return exchange.request.headers.find(([name]) => name.toLowerCase() === 'origin')?.[1] ?? null;
}

/**
 * One exchange as this engine judges it under the bundle's rules, by the verdict path (the cheap
 * one: a diagnosis.html may hold thousands); null where the engine throws.
 */
/** An exchange judged again by the verdict path (`judged`), with what a cause reads beside it (`causeOf`). */
interface JudgedItem {
  exchange: ObservedExchange;
  diagnosis: BundleDiagnosis;
  entry: BundleExchange;
  /** The failing hop (`VerdictOnly.failedHop`), which the summary's `failedAt` does not hold. */
  failedHop?: number | null;
  /** `failedOnTaintedOrigin` of the full diagnosis, for the causes that read it (`causeOf`). */
  originTainted?: () => boolean;
}

function judged(entry: BundleExchange, browser: 'chromium' | 'firefox'): JudgedItem | null {
  const { exchange } = entry;
  try {
    const v = browser === 'firefox' ? diagnoseVerdictInFirefox(exchange) : diagnoseVerdict(exchange);
    const diagnosis = { verdict: v.verdict, corsError: v.corsError, failedParameter: v.failedParameter, failedAt: null, ...(v.failureReason !== null ? { failureReason: v.failureReason } : {}) };
    const originTainted = (): boolean => failedOnTaintedOrigin(browser === 'firefox' ? diagnoseInFirefox(exchange) : diagnose(exchange));
    return { exchange, diagnosis, entry, failedHop: v.failedHop, originTainted };
  } catch {
    return null;
  }
}

function differs(a: BundleDiagnosis, b: BundleDiagnosis): boolean {
  return a.verdict !== b.verdict || a.corsError !== b.corsError || a.failedParameter !== b.failedParameter;
}

/** The header of a diagnosis.html for `bundle`, its verdicts judged by this engine (`engineVersion`). */
export function diagnosisSummary(bundle: Bundle, engineVersion: string): DiagnosisSummary {
  const origins = new Set<string>();
  for (const item of bundle.exchanges) {
    const origin = pageOrigin(item);
    if (origin !== null) origins.add(origin);
  }
  const browser = bundle.browser ?? 'chromium';
  const judgedItems: JudgedItem[] = [];
  let claimsDiffer = 0;
  for (const entry of bundle.exchanges) {
    const item = judged(entry, browser);
    if (item === null) continue;
    if (differs(entry.diagnosis, item.diagnosis)) claimsDiffer++;
    judgedItems.push(item);
  }
  // The first exchange of each cause, in full: its headline and failing hop, this engine's words.
  const full = (index: number): BundleDiagnosis => rediagnose(judgedItems[index]!.entry, bundle, engineVersion).now ?? judgedItems[index]!.diagnosis;
  return {
    author: bundle.author?.name ?? null,
    createdAt: bundle.createdAt,
    pageOrigins: [...origins],
    requests: bundle.exchanges.length,
    blocked: judgedItems.filter((item) => item.diagnosis.verdict === 'blocked').length,
    causes: causeCounts(judgedItems, browser, full),
    claimsDiffer,
    engineVersions: { exported: bundle.engine.version, now: engineVersion },
    unjudged: bundle.exchanges.length - judgedItems.length,
    ...shownNotes(bundle),
    secretsIncluded: bundle.secretsIncluded === true,
    secretsReplaced: bundle.redactions.length > 0,
    browser,
  };
}
