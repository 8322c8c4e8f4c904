// Where decide()'s time goes with every header line its own object (bench/verdict.ts's goal row),
// against reads that no verdict can skip, one layout of the mix built per process (session 37: the
// structure built first in a process was read ~20% faster than one built after it, so two layouts
// compared in one process compare their places in the heap as much as themselves).
//   npx esbuild bench/verdict-layout.ts --bundle --platform=node --target=node20 --format=esm --outfile=/tmp/layout.mjs
//   node /tmp/layout.mjs MEASURE LAYOUT PASSES             one measure (for valgrind: cachegrind)
//   node /tmp/layout.mjs ab PASSES ROUNDS MEASURE:LAYOUT...  interleaved rounds, medians, ratios to the first
// Measures: `lines` (every header line reached, no string read), `touch` (what commonShapeVerdict reads
// before it branches: the names of the request and the responses, the URLs), `anchor` (bench/verdict.ts's:
// every header name, the preflights' request headers too), `values` (every name and value), `decide`,
// `touchThenDecide`/`valuesThenDecide` (decide() right after those reads of the same exchange: its work
// beyond them), `none`. Layouts: `own` (bench/verdict.ts's unshared copy), `names` (own lines and values,
// one string per distinct name, as a capture interning names would give), `inames` (the same strings
// internalized: `===` against a literal is one pointer comparison), `sorted` (own, the exchanges ordered
// by shape), `shared` (the HAR reader's); a count after the name (`own50`) keeps that many exchanges,
// which stay in the caches. VERDICT_MIX_FILE=path keeps the generated mix there between runs (under
// valgrind, generating it is most of the run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mapHar } from '../src/capture/index.ts';
import { diagnoseVerdict, type HeaderList, type ObservedExchange } from '../src/cors/index.ts';
import { generateHar } from './generate-har.ts';

const args = process.argv.slice(2);
/** `MEASURE LAYOUT PASSES` runs one measure (for cachegrind); `ab SECONDS ROUNDS MEASURE:LAYOUT...` interleaves rounds. */
const abMode = args[0] === 'ab';
const mixFile = process.env.VERDICT_MIX_FILE;
let mixText: string;
if (mixFile !== undefined && existsSync(mixFile)) mixText = readFileSync(mixFile, 'utf8');
else {
  mixText = JSON.stringify(mapHar(generateHar(10_000)).exchanges);
  if (mixFile !== undefined) writeFileSync(mixFile, mixText);
}
const freshString = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
/** An internalized copy (the engine's one string of that text: `===` against a literal is a pointer comparison). */
const internalized = (text: string): string => Object.keys({ [freshString(text)]: 0 })[0]!;
function makeLayout(spec: string): ObservedExchange[] {
  // `own300`: the first 300 exchanges only, which stay in the processor's caches.
  const [, layout = spec, count] = /^([a-z]+?)(\d+)?$/.exec(spec) ?? [];
  const all = makeWholeLayout(layout);
  return count === undefined ? all : all.slice(0, Number(count));
}
function shapeKey(exchange: ObservedExchange): string {
  const hop = exchange.hops[0]!;
  return [exchange.hops.length, hop.preflight === undefined ? 0 : 1, hop.response?.status ?? 0, exchange.request.headers.length, hop.response?.headers.length ?? 0, exchange.errorText ?? ''].join(':');
}
function makeWholeLayout(layout: string): ObservedExchange[] {
  if (layout === 'shared') return mapHar(generateHar(10_000)).exchanges;
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    if (layout === 'own') return freshString(text);
    let known = names.get(text);
    if (known === undefined) names.set(text, (known = layout === 'inames' ? internalized(text) : freshString(text)));
    return known;
  };
  // `sorted`: every line its own, the exchanges ordered by shape (hops, preflight, line counts) and made
  // in that order: consecutive verdicts then take the same branches.
  const text = layout !== 'sorted' ? mixText : JSON.stringify((JSON.parse(mixText) as ObservedExchange[]).map((exchange) => [shapeKey(exchange), exchange] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, exchange]) => exchange));
  return JSON.parse(text, (_key, value: unknown) =>
    Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' ? [nameOf(value[0]), freshString(value[1])] : value,
  ) as ObservedExchange[];
}

function namesLength(headers: HeaderList): number {
  let sum = 0;
  for (let i = 0; i < headers.length; i++) sum += headers[i]![0].length;
  return sum;
}
function linesLength(headers: HeaderList): number {
  let sum = 0;
  for (let i = 0; i < headers.length; i++) sum += headers[i]!.length;
  return sum;
}
function namesAndValuesLength(headers: HeaderList): number {
  let sum = 0;
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    sum += line[0].length + line[1].length;
  }
  return sum;
}
function walk(exchange: ObservedExchange, each: (headers: HeaderList) => number): number {
  let sum = each(exchange.request.headers);
  for (const hop of exchange.hops) {
    sum += hop.url.length;
    if (hop.preflight !== undefined) {
      sum += each(hop.preflight.requestHeaders);
      if (hop.preflight.response !== null) sum += each(hop.preflight.response.headers);
    }
    if (hop.response !== null) sum += each(hop.response.headers);
  }
  return sum;
}
/** What commonShapeVerdict touches before it branches on anything (its first block): the floor of its design. */
function touchLikeDecide(exchange: ObservedExchange): number {
  const hops = exchange.hops;
  const hop = hops[0]!;
  let sum = hop.url.length + namesLength(exchange.request.headers);
  const initiator = exchange.request.initiatorOrigin;
  if (typeof initiator === 'string') sum += initiator.length;
  if (hop.response !== null) sum += namesLength(hop.response.headers);
  const preflightResponse = hop.preflight === undefined ? null : hop.preflight.response;
  if (preflightResponse !== null) sum += namesLength(preflightResponse.headers);
  if (hops.length === 2) {
    const next = hops[1]!;
    sum += next.url.length;
    if (next.response !== null) sum += namesLength(next.response.headers);
  }
  return sum;
}
const measures: Record<string, (exchange: ObservedExchange) => number> = {
  none: () => 1,
  lines: (exchange) => walk(exchange, linesLength),
  anchor: (exchange) => walk(exchange, namesLength),
  touch: touchLikeDecide,
  // decide() right after every name and value of the exchange was read: its cost beyond the reads.
  valuesThenDecide: (exchange) => walk(exchange, namesAndValuesLength) + diagnoseVerdict(exchange).verdict.length,
  touchThenDecide: (exchange) => touchLikeDecide(exchange) + diagnoseVerdict(exchange).verdict.length,
  values: (exchange) => walk(exchange, namesAndValuesLength),
  decide: (exchange) => diagnoseVerdict(exchange).verdict.length,
};
let sink = 0;
function run(call: (exchange: ObservedExchange) => number, mix: readonly ObservedExchange[], passes: number): number {
  const start = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++) for (const exchange of mix) sink += call(exchange);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / (passes * mix.length);
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
if (!abMode) {
  const [measureName = 'decide', layout = 'own', passesText = '4'] = args;
  const ns = run(measures[measureName]!, makeLayout(layout), Number(passesText));
  console.log(`${measureName} ${layout}: ${ns.toFixed(0)} ns a verdict (${(1000 / ns).toFixed(2)} M/s)`);
} else {
  const [, passesText = '3', roundsText = '15', ...specs] = args;
  const layouts = new Map<string, ObservedExchange[]>();
  const runs = specs.map((spec) => {
    const [measureName, layout] = spec.split(':') as [string, string];
    if (!layouts.has(layout)) layouts.set(layout, makeLayout(layout));
    return { spec, call: measures[measureName]!, mix: layouts.get(layout)!, ns: [] as number[] };
  });
  for (const r of runs) run(r.call, r.mix, 2);
  const rounds = Number(roundsText);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? runs : [...runs].reverse();
    for (const r of order) r.ns.push(run(r.call, r.mix, Number(passesText)));
  }
  for (const r of runs) {
    const ratios = r.ns.map((ns, i) => ns / runs[0]!.ns[i]!);
    console.log(`${r.spec.padEnd(16)} ${median(r.ns).toFixed(0).padStart(6)} ns (${(1000 / median(r.ns)).toFixed(2)} M/s), per-round ratio to ${runs[0]!.spec}: median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`);
  }
}
if (sink === -1) console.log('');
