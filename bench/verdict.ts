// `npm run bench`, the verdict rows: `decide()` (diagnoseVerdict, the verdict alone) per CPU-second
// on the generated mix, with the full diagnose() and diagnose()+explain() beside it, and an anchor:
// one pass reading every header name of every exchange, which no verdict can beat (it must read
// them). The first three run interleaved, round after round, and each row is the median of its
// rounds, so a machine shared with other work slows them alike; the ratio to the anchor is the
// steadier figure.
//   npx tsx bench/verdict.ts [seconds per round, default 0.5]
//
// Where decide()'s time went (CPU profile of a loop over this mix, 2026-12-04, after the verdict
// path stopped reading the request headers twice and the responses' Vary/Max-Age/Expose-Headers):
// about a quarter in the first read of the request's header names (for the `Cookie`, or the
// browser-added headers when a preflight was seen), an eighth in the responses' CORS headers, a
// tenth in the hops' URLs (origin and scheme), a tenth in garbage collection (~1 KB allocated per
// verdict: the hops' headers, the replay's context), the rest spread thin (the replay itself, the
// CORS-unsafe names when a preflight was seen, a few percent each). The first reads are
// memory-bound as the anchor is, but slower per name: a verdict branches on what it reads.

import { mapHar } from '../src/capture/index.ts';
import { diagnose, diagnoseVerdict, explain, type HeaderList, type ObservedExchange } from '../src/cors/index.ts';
import { generateHar } from './generate-har.ts';

const GOAL_PER_SECOND = 1_000_000;
const ROUNDS = 7;
const roundSeconds = Number(process.argv[2] ?? '0.5');

/** CPU time of this process, ms: on a shared machine wall time measures the others too. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

let sink = 0;

function headerNamesLength(headers: HeaderList): number {
  let sum = 0;
  for (let i = 0; i < headers.length; i++) sum += headers[i]![0].length;
  return sum;
}

/** The anchor: every header name of the exchange read once (request, preflights, responses). */
function readEveryHeaderName(exchange: ObservedExchange): number {
  let sum = headerNamesLength(exchange.request.headers);
  for (const hop of exchange.hops) {
    sum += hop.url.length;
    if (hop.preflight !== undefined) {
      sum += headerNamesLength(hop.preflight.requestHeaders);
      if (hop.preflight.response !== null) sum += headerNamesLength(hop.preflight.response.headers);
    }
    if (hop.response !== null) sum += headerNamesLength(hop.response.headers);
  }
  return sum;
}

const { exchanges } = mapHar(generateHar(10_000));
const measures: { name: string; call: (exchange: ObservedExchange) => number; perSecond: number[] }[] = [
  { name: 'anchor: read every header name', call: readEveryHeaderName, perSecond: [] },
  { name: 'decide() (diagnoseVerdict)', call: (exchange) => diagnoseVerdict(exchange).verdict.length, perSecond: [] },
  { name: 'diagnose() (full account)', call: (exchange) => diagnose(exchange).checks.length, perSecond: [] },
  { name: 'diagnose() + explain()', call: (exchange) => explain(diagnose(exchange), exchange).headline.length, perSecond: [] },
];

/** Calls per CPU-second of `call` over the whole mix, for about `seconds`. */
function throughput(call: (exchange: ObservedExchange) => number, seconds: number): number {
  let calls = 0;
  const start = performance.now();
  const startCpu = cpuMs();
  do {
    for (const exchange of exchanges) sink += call(exchange);
    calls += exchanges.length;
  } while (performance.now() - start < seconds * 1000);
  return calls / ((cpuMs() - startCpu) / 1000);
}

// diagnose()+explain() leaves far more garbage behind than the others make: it runs after them, so
// its collections do not land in their rounds.
const interleaved = measures.slice(0, 3);
for (const measure of interleaved) throughput(measure.call, 0.2); // warm-up: compiled before measured
for (let round = 0; round < ROUNDS; round++) {
  for (const measure of interleaved) measure.perSecond.push(throughput(measure.call, roundSeconds));
}
for (let round = 0; round < 3; round++) measures[3]!.perSecond.push(throughput(measures[3]!.call, roundSeconds));

const anchor = median(measures[0]!.perSecond);
console.log(`verdicts on the generated mix: ${exchanges.length.toLocaleString('en-US')} exchanges, median of ${ROUNDS} interleaved rounds (node ${process.version})`);
for (const measure of measures) {
  const rate = median(measure.perSecond);
  const spread = `${(Math.min(...measure.perSecond) / 1e6).toFixed(2)}-${(Math.max(...measure.perSecond) / 1e6).toFixed(2)}`;
  const vsAnchor = measure === measures[0] ? '' : `, ${(anchor / rate).toFixed(1)}x the anchor's time`;
  console.log(`  ${measure.name.padEnd(32)} ${(rate / 1e6).toFixed(2).padStart(6)} M/s CPU (rounds ${spread}${vsAnchor})`);
}
const decide = median(measures[1]!.perSecond);
const full = median(measures[2]!.perSecond);
const explained = median(measures[3]!.perSecond);
const met = decide >= GOAL_PER_SECOND ? 'met' : 'not met';
console.log(`ROW | decide() verdicts per CPU-second on the generated mix | ${(decide / 1e6).toFixed(2)} M/s | goal >= 1 M/s | ${met}`);
console.log(`  beside it: diagnose() ${(full / 1e6).toFixed(2)} M/s, diagnose()+explain() ${(explained / 1e6).toFixed(2)} M/s, reading every header name ${(anchor / 1e6).toFixed(2)} M/s`);
if (sink === -1) console.log(''); // keeps the measured work from being optimised away
