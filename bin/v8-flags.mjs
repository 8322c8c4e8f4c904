// V8 flags for the CLI's runs, set by the launcher before the built CLI loads.
//
// A run is short (well under a second for 10,000 requests) and calls hundreds of functions a few
// thousand times each. TurboFan optimizes many of them on V8's background threads, and on the
// bench's 10,000-entry HAR that compiling was ~40% of the command's CPU; it competes with the main
// thread for the cores. A smaller inlining budget makes each compilation smaller: measured on
// Node 20 (V8 11.3), `--max-inlined-bytecode-size-cumulative=300` (920 by default) took 9% less CPU
// in all and 4-10% less wall time (explain, explain --json, the 151 MB HAR), with the main thread's
// own CPU within -5% to +3% (figures: bench/cli-speed.ts, session 27).
//
// Only on the V8 this was measured on: flag names and their effect change between versions, and
// V8 prints an unrecognized flag as an error. Not over a value the person gave node themselves
// (`node --max-inlined-bytecode-size-cumulative=50 …`, or in NODE_OPTIONS).

/**
 * The flags for V8 `v8Version` (process.versions.v8): none where they were not measured, and none
 * that `given` (node's own options: process.execArgv, then NODE_OPTIONS's words) sets already.
 */
export function cliV8Flags(v8Version, given = []) {
  const flags = /^11\.3\./.test(v8Version) ? ['--max-inlined-bytecode-size-cumulative=300'] : [];
  // V8 reads `_` and `-` in a flag's name alike.
  const name = (option) => option.split('=', 1)[0].replaceAll('_', '-');
  const set = new Set(given.map(name));
  return flags.filter((flag) => !set.has(name(flag)));
}
