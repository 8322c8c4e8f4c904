// The engine, memoized for the panel. An `ExchangeEntry` object stands for one (id, version) of an
// exchange — the store makes a new one on every upsert — so a WeakMap keyed by it is a memo per id
// and version that the garbage collector empties when the list is cleared.
//
// Lazy on purpose: the list asks only for the diagnosis of rows it renders (and of all rows only
// when sorting failures first or filtering by verdict), and `explain()` runs for rendered rows
// and the selected detail only.

import type { Diagnosis } from '../cors/diagnosis.ts';
import type { ObservedExchange } from '../cors/exchange.ts';
import type { Explanation } from '../cors/explain/explanation.ts';
import type { ExchangeEntry } from './store/entry.ts';
import type { Classify, RowClass } from './store/order.ts';

export interface Engine {
  diagnose(exchange: ObservedExchange): Diagnosis;
  explain(diagnosis: Diagnosis, exchange: ObservedExchange): Explanation;
}

/** An engine that throws must not take the panel down: the row says so, and the detail shows why. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Analyzer {
  diagnosis(entry: ExchangeEntry): Outcome<Diagnosis>;
  explanation(entry: ExchangeEntry): Outcome<Explanation>;
  /** The list's view of a diagnosis, for sorting and filtering. */
  classify: Classify;
}

interface Memo {
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
  if (exchange.hops.some((hop) => hop.preflight !== undefined)) return true;
  return diagnosis?.preflight.observed === 'sent' || diagnosis?.preflight.observed === 'cached';
}

export function createAnalyzer(engine: Engine): Analyzer {
  const memo = new WeakMap<ExchangeEntry, Memo>();
  const memoOf = (entry: ExchangeEntry): Memo => {
    let found = memo.get(entry);
    if (!found) memo.set(entry, (found = {}));
    return found;
  };

  function diagnosis(entry: ExchangeEntry): Outcome<Diagnosis> {
    const m = memoOf(entry);
    return (m.diagnosis ??= attempt(() => engine.diagnose(entry.captured.exchange)));
  }

  function explanation(entry: ExchangeEntry): Outcome<Explanation> {
    const m = memoOf(entry);
    if (m.explanation) return m.explanation;
    const d = diagnosis(entry);
    m.explanation = d.ok ? attempt(() => engine.explain(d.value, entry.captured.exchange)) : d;
    return m.explanation;
  }

  const classify: Classify = (entry): RowClass => {
    // An exchange still in flight has no verdict yet; it is listed, not judged.
    if (entry.captured.pending) return { verdict: 'pending', preflighted: wasPreflighted(entry.captured.exchange, null) };
    const d = diagnosis(entry);
    if (!d.ok) return { verdict: 'engine-error', preflighted: wasPreflighted(entry.captured.exchange, null) };
    return { verdict: d.value.verdict, preflighted: wasPreflighted(entry.captured.exchange, d.value) };
  };

  return { diagnosis, explanation, classify };
}
