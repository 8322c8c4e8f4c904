// The Firefox panel's verdict per row, timed: diagnoseVerdictInFirefox (what the panel, the badge
// and `--browser firefox` use) against diagnoseVerdict with plain FIREFOX_RULES (what the panel
// used before session 31), over the generated 10,000-entry HAR's exchanges, in one process, in
// rounds that alternate which goes first. Prints each round's milliseconds and the median ratio.
//   npx tsx bench/firefox-panel-verdict.ts [rounds, 9]
// Session 31 (2026-12-06, 2 cores, other helpers and a CI run going): 6,847 exchanges, ten passes
// ~125-180 ms each way. With asCapturedBy copying FIREFOX_RULES per net::ERR_FAILED exchange: median
// InFirefox/plain 1.027 (15 rounds, load 3.4), 1.152 and 1.130 (15 and 21 rounds, load 7.2). With
// the copy made once (FIREFOX_READING_CHROMIUM): 1.001 and 1.000 (21 rounds each, load 9.4).

import { exchangesFromHar } from '../src/capture/index.ts';
import { browserRules, diagnoseVerdict, diagnoseVerdictInFirefox, type ObservedExchange } from '../src/cors/index.ts';
import { generateHar } from './generate-har.ts';

const rounds = Number(process.argv[2] ?? 9);
const exchanges = exchangesFromHar(generateHar(10_000));
const RULES = browserRules('firefox');

// Ten passes a measurement: one pass (~15 ms) is too short to tell from the machine's noise.
function time(judge: (exchange: ObservedExchange) => unknown): number {
  const start = performance.now();
  for (let pass = 0; pass < 10; pass++) for (const exchange of exchanges) judge(exchange);
  return performance.now() - start;
}

const plain = (exchange: ObservedExchange) => diagnoseVerdict(exchange, RULES);
// Warm both up before measuring.
time(plain);
time(diagnoseVerdictInFirefox);
const ratios: number[] = [];
for (let round = 0; round < rounds; round++) {
  let a: number, b: number;
  if (round % 2 === 0) {
    a = time(plain);
    b = time(diagnoseVerdictInFirefox);
  } else {
    b = time(diagnoseVerdictInFirefox);
    a = time(plain);
  }
  ratios.push(b / a);
  console.log(`round ${round + 1}: plain ${a.toFixed(1)} ms, InFirefox ${b.toFixed(1)} ms, ratio ${(b / a).toFixed(3)}`);
}
ratios.sort((x, y) => x - y);
console.log(`${exchanges.length} exchanges; median InFirefox/plain ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)} (min ${ratios[0]!.toFixed(3)}, max ${ratios.at(-1)!.toFixed(3)})`);
