// The header sets each real server sent, recorded as the tests run: the fingerprint table
// (src/cors/explain/layers/stack-headers.test.ts) reads them from test/fixtures/stack-headers/chromium/
// (no invented headers). They are rewritten there only when asked (RECORD_HEADERS=1: ports and
// dates differ on every run, the tree stays clean).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Replayed, type WireResponse, wireResponses } from './browser.ts';

const FIXTURES = new URL('../fixtures/stack-headers/chromium/', import.meta.url).pathname;

export interface RecordedHeaders {
  stack: string;
  config: string;
  /** The layers, outer to inner, and their versions where the test knows them. */
  software: string[];
  request: { method: string; path: string; headers: Record<string, string>; credentials: string };
  preflight: WireResponse | null;
  response: WireResponse | null;
  chromium: { outcome: string; corsError: string | null; failedParameter: string | null };
}

/**
 * Writes `<stack>-<config>.json`. The recorded ports vary from run to run; origins are kept as
 * sent, since they are part of the header values the fingerprints read (`Vary`, echoed origins).
 */
export function recordHeaders(
  entry: Omit<RecordedHeaders, 'preflight' | 'response' | 'chromium' | 'request'> & { request: RecordedHeaders['request'] },
  replayed: Replayed,
): RecordedHeaders {
  const record: RecordedHeaders = {
    ...entry,
    ...wireResponses(replayed),
    chromium: { outcome: replayed.run.outcome, corsError: replayed.run.corsError, failedParameter: replayed.run.failedParameter },
  };
  const name = `${entry.stack}-${entry.config}.json`;
  // One header line a line: [name, value] pairs kept on one line each, for people reading the files.
  const text = `${JSON.stringify(record, null, 2).replace(/\[\n\s+("(?:[^"\\]|\\.)*"),\n\s+("(?:[^"\\]|\\.)*")\n\s+\]/g, '[$1, $2]')}\n`;
  if (process.env['RECORD_HEADERS'] === '1') {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(join(FIXTURES, name), text);
  }
  return record;
}
