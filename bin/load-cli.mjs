// Loads the built CLI (dist-cli/cors-inspector.js) the one way both the launcher and the build's
// code cache step (scripts/cli-code-cache.mjs) do, so that the cache the build makes is one V8
// accepts at run time.
//
// Why a code cache: at every start V8 parsed the 715 KB bundle and compiled each function the first
// time it was called, ~200 M of the 1.87 G instructions of `explain --json` on 2,000 requests and
// ~15% of `--version`'s (bench/cli-speed.ts, sessions 32 and 33). Node 20 has no code cache for ES
// modules, so the bundle is a classic script (one function expression, compiled by vm.Script); the
// build runs it over a recorded HAR and saves V8's cache of every function compiled by then
// (dist-cli/cors-inspector.cache), and a run starts from that bytecode.
//
// V8 takes a cache only if it was made by the same V8, with the same flags, for a source of the same
// length; otherwise it compiles as without one (`cachedDataRejected`). Length alone would take a
// stale cache for a rebuilt bundle of the same size, so the build writes a key (the bundle's SHA-256)
// on the bundle's last line and at the head of its cache, and a cache with another key is not used.
// And V8 reads a cache it took without checking its bytes: a damaged one (64 bytes flipped) stopped
// node with a fatal error and a native stack. `--verify-snapshot-checksum` makes V8 checksum the cache
// when it is made and check it when it is read: then the damaged one is rejected like any other.
// Flags are part of what V8 compares, so they are all set before compiling, the same in both places.
// Only on V8 11.3 (node 20), where this was measured: elsewhere no cache is used or made.
//
// Nothing here writes: a run only reads the cache the build made.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { cliV8Flags } from './v8-flags.mjs';

export const CLI_SCRIPT = new URL('../dist-cli/cors-inspector.js', import.meta.url);
const CLI_CODE_CACHE = new URL('../dist-cli/cors-inspector.cache', import.meta.url);

/**
 * Makes V8 checksum a code cache it makes and check the checksum of one it reads.
 * @public (test/unit/cli-v8-flags.test.ts checks that this V8 knows it)
 */
export const CODE_CACHE_FLAG = '--verify-snapshot-checksum';

/** The bundle's last line, written by the build: `//# code-cache-key=` and 64 hex digits. */
const KEY_PREFIX = '//# code-cache-key=';
const KEY_LENGTH = 64;

/** Whether the CLI uses a code cache on V8 `v8Version` (process.versions.v8). */
export function codeCacheUsable(v8Version) {
  return /^11\.3\./.test(v8Version);
}

/** The key on the bundle's last line, or undefined. */
function keyOf(source) {
  const at = source.lastIndexOf(KEY_PREFIX);
  return at < 0 ? undefined : source.slice(at + KEY_PREFIX.length, at + KEY_PREFIX.length + KEY_LENGTH);
}

/** The V8 data of a cache file whose key is `key`; undefined when there is none or it is another bundle's. */
function cachedDataFor(cacheFile, key) {
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return key !== undefined && cache.length > KEY_LENGTH && cache.toString('latin1', 0, KEY_LENGTH) === key ? cache.subarray(KEY_LENGTH) : undefined;
}

/**
 * Sets the CLI's V8 flags (bin/v8-flags.mjs, and the cache's checksum), compiles the bundle, with
 * the cache at `cacheFile` when it fits (null: none, as the build compiles it), and runs its body.
 * `cache` says what became of the cache: 'accepted', 'rejected' by V8, or 'none' (no file, another
 * bundle's, or not used on this V8).
 */
export function loadCli(cacheFile = CLI_CODE_CACHE, scriptFile = CLI_SCRIPT) {
  const useCache = codeCacheUsable(process.versions.v8);
  for (const flag of cliV8Flags(process.versions.v8, process.execArgv)) setFlagsFromString(flag);
  if (useCache) setFlagsFromString(CODE_CACHE_FLAG);
  const source = readFileSync(scriptFile, 'utf8');
  const cachedData = useCache && cacheFile !== null ? cachedDataFor(cacheFile, keyOf(source)) : undefined;
  const script = new Script(source, { filename: fileURLToPath(scriptFile), cachedData });
  const module = { exports: {} };
  // The bundle is `(function (require, module, exports, cliScriptUrl) { ... })` (scripts/build-cli.mjs).
  script.runInThisContext()(createRequire(scriptFile), module, module.exports, scriptFile.href);
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { main: module.exports.main, script, cache, key: keyOf(source) };
}
