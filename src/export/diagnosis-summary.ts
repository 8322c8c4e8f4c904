// What a diagnosis.html shows above the list: who shared it and when, from which page, the notes,
// and the failures counted by cause. A cause here is Chromium's reason with its failed parameter
// (`PreflightMissingAllowOriginHeader`, `HeaderDisallowedByPreflightResponse` + `x-trace`), as the
// bundle stores them, on the same API origin: the key and the title of the shared grouping
// (cause-groups.ts), so the file's header names a cause as the CLI and the panel do.

import { firefoxReasonOfStored } from '../cors/index.ts';
import type { Bundle, BundleExchange } from './bundle-schema.ts';
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
  /** The first such exchange's headline, worded by the exporting engine. */
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
  blocked: number;
  causes: CauseCount[];
  notes: SummaryNote[];
  secretsIncluded: boolean;
  /** Whose rules judged the verdicts: the bundle's `browser`, Chromium's when it has none. */
  browser: 'chromium' | 'firefox';
}

/** Blocked exchanges counted by `corsError` and `failedParameter`, the most frequent first. */
export function causeCounts(exchanges: readonly BundleExchange[], browser: 'chromium' | 'firefox' = 'chromium'): CauseCount[] {
  const byCause = new Map<string, { count: CauseCount; cause: DistinctCause }>();
  for (const { exchange, diagnosis } of exchanges) {
    if (diagnosis.corsError === null) continue;
    const cause = causeOf(exchange, diagnosis);
    if (cause === null) continue;
    const known = byCause.get(cause.key);
    if (known) known.count.requests++;
    else {
      const firefoxReason = browser === 'firefox' ? firefoxReasonOfStored(diagnosis, exchange) : null;
      const count: CauseCount = {
        key: cause.key,
        title: '',
        corsError: diagnosis.corsError,
        failedParameter: diagnosis.failedParameter,
        ...(firefoxReason !== null ? { firefoxReason } : {}),
        headline: diagnosis.headline ?? null,
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

export function diagnosisSummary(bundle: Bundle): DiagnosisSummary {
  const origins = new Set<string>();
  for (const item of bundle.exchanges) {
    const origin = pageOrigin(item);
    if (origin !== null) origins.add(origin);
  }
  return {
    author: bundle.author?.name ?? null,
    createdAt: bundle.createdAt,
    pageOrigins: [...origins],
    requests: bundle.exchanges.length,
    blocked: bundle.exchanges.filter((item) => item.diagnosis.verdict === 'blocked').length,
    causes: causeCounts(bundle.exchanges, bundle.browser ?? 'chromium'),
    notes: bundle.exchanges.flatMap((item) =>
      item.notes.map((note) => ({ text: note.text, author: note.author?.name ?? null, request: `${item.exchange.request.method} ${item.exchange.hops[0]?.url ?? ''}` })),
    ),
    secretsIncluded: bundle.secretsIncluded === true,
    browser: bundle.browser ?? 'chromium',
  };
}
