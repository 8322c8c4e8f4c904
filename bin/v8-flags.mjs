// V8 flags for the CLI's runs, set by the launcher's loader (bin/load-cli.mjs) before it compiles the
// built CLI: V8 accepts a code cache only under the flags it was made under, and the build makes the
// CLI's under these. (Session 27 set them after loading the then ES-module bundle: set before, they
// made --version ~10 ms slower, likely as node's modules loaded after a flag change are compiled
// afresh. With the code cache, setting them first costs --version ~1% of its instructions, 580 -> 586
// M, and saves ~14% against session 32's launcher: bench/cli-speed.ts, session 33.)
//
// A run is short (well under a second for 10,000 requests) and calls hundreds of functions a few
// thousand times each. TurboFan optimizes many of them on V8's background threads, and on the
// bench's 10,000-entry HAR that compiling was ~40% of the command's CPU; it competes with the main
// thread for the cores. A smaller inlining budget makes each compilation smaller: measured on
// Node 20 (V8 11.3), `--max-inlined-bytecode-size-cumulative=300` (920 by default) took ~10% less
// CPU in all (explain, explain --json, report, the 151 MB HAR) and 4-15% less wall time on two
// cores (A/B at load 2.9-6), with the main thread's own CPU within -5% to +3% (figures:
// bench/cli-speed.ts, session 27).
//
// Only on the V8 this was measured on: flag names and their effect change between versions, and
// V8 prints an unrecognized flag as an error. Not over a value the person gave node on its command
// line (`node --max-inlined-bytecode-size-cumulative=50 …`; node refuses V8's tuning flags in
// NODE_OPTIONS, so there is nothing to look for there).

/** A V8 option's name as V8 reads it: one or two dashes, `_` and `-` alike. */
function optionName(option) {
  return option.split('=', 1)[0].replace(/^--?/, '').replaceAll('_', '-');
}

/**
 * The flags for V8 `v8Version` (process.versions.v8): none where they were not measured, and none
 * that `given` (node's own options, process.execArgv) sets already.
 */
export function cliV8Flags(v8Version, given = []) {
  const flags = /^11\.3\./.test(v8Version) ? ['--max-inlined-bytecode-size-cumulative=300'] : [];
  const set = new Set(given.map(optionName));
  return flags.filter((flag) => !set.has(optionName(flag)));
}
