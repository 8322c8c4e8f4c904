// The engine, memoized for the panel. An `ExchangeEntry` object stands for one (id, version) of an
// exchange — the store makes a new one on every upsert — so a WeakMap keyed by it is a memo per id
// and version that the garbage collector empties when the list is cleared.
//
// Lazy on purpose: sorting failures first and filtering by verdict need only each row's verdict, which
// the engine's verdict-only path (`diagnoseVerdict`) gives without building a full Diagnosis; the full diagnosis
// and `explain()` run for rendered rows and the selected detail only. At 50,000 exchanges that keeps
// the first render fast and the memory per exchange small.

import { type Diagnosis, type Explanation, failedOnTaintedOrigin, type ObservedExchange, type VerdictOnly } from '../cors/index.ts';
import { causeOf, type Cause, fixOriginAt } from '../export/index.ts';
import type { ExchangeEntry } from './store/entry.ts';
import type { Classify, RowClass } from './store/order.ts';

export interface Engine {
  /** The verdict alone (same rules as `diagnose`, far cheaper): for sorting and filtering. */
  diagnoseVerdict(exchange: ObservedExchange): VerdictOnly;
  diagnose(exchange: ObservedExchange): Diagnosis;
  explain(diagnosis: Diagnosis, exchange: ObservedExchange): Explanation;
  /** `explain(...).headline` alone, at a third of the cost. */
  headline(diagnosis: Diagnosis, exchange: ObservedExchange): string;
}

/** An engine that throws must not take the panel down: the row says so, and the detail shows why. */
type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Analyzer {
  diagnosis(entry: ExchangeEntry): Outcome<Diagnosis>;
  explanation(entry: ExchangeEntry): Outcome<Explanation>;
  /** The list's view of a diagnosis, for sorting and filtering. */
  classify: Classify;
  /**
   * The failure's cause (`causeOf`), null when it passed or is in flight: worked out with the row's
   * verdict, from the same answer, so grouping thousands of exchanges runs no explanation.
   */
  cause(entry: ExchangeEntry): Cause | null;
  /**
   * Where the failure's fix goes (`fixOriginAt`): the cause's API origin, or a redirect's target
   * whose answer the browser refused; null when it passed or is in flight. From the same answer.
   */
  fixOrigin(entry: ExchangeEntry): string | null;
  /**
   * The same answers, but new ones are not kept, and an explanation not already made holds its
   * headline alone: for one pass over every exchange (the reasons the search box matches), which
   * would otherwise keep 50,000 diagnoses alive and build 50,000 sets of fixes.
   */
  passing: Pick<Analyzer, 'diagnosis' | 'explanation'>;
}

interface Memo {
  row?: RowClass;
  cause?: Cause | null;
  fixOrigin?: string | null;
  diagnosis?: Outcome<Diagnosis>;
  explanation?: Outcome<Explanation>;
}

function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether a preflight went with the request: one was seen on any hop, or the cache served it. */
export function wasPreflighted(exchange: ObservedExchange, diagnosis: Diagnosis | null): boolean {
  if (exchange.hops.some((hop) => hop.preflight !== undefined || hop.preflightFromCache === true)) return true;
  return diagnosis?.preflight.observed === 'sent' || diagnosis?.preflight.observed === 'cached';
}

/** An explanation with its headline alone (what a row's reason needs), the rest left empty. */
function headlineOnly(headline: string): Explanation {
  return { headline, consoleMessage: null, explanation: '', serverMustSend: [], fixes: [], advisories: [], firefox: null, assumptions: [] };
}

/**
 * `engines` is one engine for every exchange, or the engine of each one: an opened file's exchanges
 * are judged by the rules it says (`share/import-rules.ts`), which may not be the panel's.
 */
export function createAnalyzer(engines: Engine | ((entry: ExchangeEntry) => Engine)): Analyzer {
  const engineOf = typeof engines === 'function' ? engines : () => engines;
  const memo = new WeakMap<ExchangeEntry, Memo>();
  const memoOf = (entry: ExchangeEntry): Memo => {
    let found = memo.get(entry);
    if (!found) memo.set(entry, (found = {}));
    return found;
  };

  function diagnosis(entry: ExchangeEntry): Outcome<Diagnosis> {
    const m = memoOf(entry);
    return (m.diagnosis ??= attempt(() => engineOf(entry).diagnose(entry.captured.exchange)));
  }

  function explanation(entry: ExchangeEntry): Outcome<Explanation> {
    const m = memoOf(entry);
    if (m.explanation) return m.explanation;
    const d = diagnosis(entry);
    m.explanation = d.ok ? attempt(() => engineOf(entry).explain(d.value, entry.captured.exchange)) : d;
    return m.explanation;
  }

  const classify: Classify = (entry): RowClass => {
    const exchange = entry.captured.exchange;
    // An exchange still in flight has no verdict yet; it is listed, not judged.
    if (entry.captured.pending) return { verdict: 'pending', preflighted: wasPreflighted(exchange, null) };
    const m = memoOf(entry);
    if (m.row) return m.row;
    // A full diagnosis already made (a rendered row) answers too; otherwise the verdict path.
    const known = m.diagnosis;
    if (known) {
      m.row = known.ok
        ? { verdict: known.value.verdict, preflighted: wasPreflighted(exchange, known.value) }
        : { verdict: 'engine-error', preflighted: wasPreflighted(exchange, null) };
      m.cause = known.ok ? causeFrom(entry, known.value) : null;
      m.fixOrigin = known.ok && m.cause ? fixOriginAt(exchange, m.cause.apiOrigin, known.value.verdict, known.value.failedAt?.hop ?? null) : null;
      return m.row;
    }
    const decision = attempt(() => engineOf(entry).diagnoseVerdict(exchange));
    m.row = decision.ok
      ? { verdict: decision.value.verdict, preflighted: wasPreflighted(exchange, null) }
      : { verdict: 'engine-error', preflighted: wasPreflighted(exchange, null) };
    m.cause = decision.ok ? causeFrom(entry, decision.value) : null;
    m.fixOrigin = decision.ok && m.cause ? fixOriginAt(exchange, m.cause.apiOrigin, decision.value.verdict, decision.value.failedHop) : null;
    return m.row;
  };

  // Equal causes are held once: thousands of exchanges share a few dozen.
  const causes = new Map<string, Cause>();
  function causeFrom(entry: ExchangeEntry, answer: VerdictOnly | Diagnosis): Cause | null {
    // The verdict path's fields only, whichever answer is at hand, so every exchange is keyed alike;
    // whether the Origin compared was a redirect's `null` only where the cause reads it (a mismatch after a redirect), from the full diagnosis.
    const { verdict, corsError, failedParameter, failureReason } = answer;
    const failedHop = 'failedHop' in answer ? answer.failedHop : (answer.failedAt?.hop ?? null);
    const originTainted = (): boolean => {
      const full = diagnosis(entry);
      return full.ok && failedOnTaintedOrigin(full.value);
    };
    const cause = causeOf(entry.captured.exchange, { verdict, corsError, failedParameter, failureReason, failedHop, originTainted });
    if (cause === null) return null;
    const known = causes.get(cause.key);
    if (known) return known;
    causes.set(cause.key, cause);
    return cause;
  }

  function cause(entry: ExchangeEntry): Cause | null {
    if (entry.captured.pending) return null;
    classify(entry);
    return memoOf(entry).cause ?? null;
  }

  function fixOrigin(entry: ExchangeEntry): string | null {
    if (entry.captured.pending) return null;
    classify(entry);
    return memoOf(entry).fixOrigin ?? null;
  }

  const passing: Analyzer['passing'] = {
    diagnosis: (entry) => memo.get(entry)?.diagnosis ?? attempt(() => engineOf(entry).diagnose(entry.captured.exchange)),
    explanation(entry) {
      const known = memo.get(entry)?.explanation;
      if (known) return known;
      const d = passing.diagnosis(entry);
      return d.ok ? attempt(() => headlineOnly(engineOf(entry).headline(d.value, entry.captured.exchange))) : d;
    },
  };

  return { diagnosis, explanation, classify, cause, fixOrigin, passing };
}
