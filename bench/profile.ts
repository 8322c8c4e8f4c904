// Profiling helper, run from the repository root so `--import tsx` resolves:
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile.ts [verdict|diagnose|explain|json]
// then open the largest .cpuprofile of DIR (the main thread's) in DevTools.
import { mapHar } from '../src/capture/index.ts';
import { explainHarText } from '../src/cli/explain-command.ts';
import { diagnose, diagnoseVerdict, explain } from '../src/cors/index.ts';
import { generateHar } from './generate-har.ts';

const what = process.argv[2] ?? 'diagnose';
const text = generateHar(10_000);
const { exchanges } = mapHar(text);
let sink = 0;
const start = performance.now();
if (what === 'verdict') {
  while (performance.now() - start < 3000) for (const x of exchanges) sink += diagnoseVerdict(x).verdict.length;
} else if (what === 'diagnose') {
  while (performance.now() - start < 3000) for (const x of exchanges) sink += diagnose(x).checks.length;
} else if (what === 'explain') {
  while (performance.now() - start < 3000) for (const x of exchanges) sink += explain(diagnose(x), x).headline.length;
} else {
  for (let i = 0; i < 8; i++) sink += explainHarText(text, { json: true }).output.length;
}
console.log(what, sink);
