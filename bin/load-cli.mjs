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
// The key line alone would still take the cache for a bundle edited by hand to the same length (V8
// then runs the old code's bytecode: the edit silently ignored), and hashing the 750 KB at every start
// costs ~6-9% of --version's instructions (loading node's crypto ~21 M, the hash ~20 M: 635-668 M
// against 587-600 M, session 34). So the cache's header also holds the bundle's file status when the
// cache was made (`scriptFingerprint`): a run whose bundle still has it takes the cache at the cost
// of one fstat; any other (a copy, an edit) hashes the bundle and takes the cache only if the hash is
// the key. A write, even one that puts the modification time back, sets the change time to now.
// And V8 reads a cache it took without checking its bytes: a damaged one (64 bytes flipped) stopped
// node with a fatal error and a native stack. `--verify-snapshot-checksum` makes V8 checksum the cache
// when it is made and check it when it is read: then the damaged one is rejected like any other.
// Flags are part of what V8 compares, so they are all set before compiling, the same in both places.
// Only on V8 11.3 (node 20), where this was measured: elsewhere no cache is used or made.
//
// Nothing here writes: a run only reads the cache the build made.

import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
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

/** The bundle's last line, written by the build: `//# code-cache-key=` and 64 hex digits (the SHA-256 of what precedes it). */
const KEY_PREFIX = '//# code-cache-key=';
const KEY_LENGTH = 64;
const KEY_LINE_LENGTH = '\n'.length + KEY_PREFIX.length + KEY_LENGTH + '\n'.length;

/**
 * The cache file's header: the key, then the bundle's fingerprint padded with spaces to the end of a
 * line; V8's data follows. 192 bytes, so that V8's data stays 8-byte aligned in the file's buffer
 * (V8 copies data that is not).
 * @public (src/cli/bin.test.ts writes a header of its own)
 */
export const CACHE_HEADER_LENGTH = 192;

/**
 * How long after the bundle's last change a fingerprint of it is taken: file times come from a
 * clock that ticks coarsely (a jiffy, 1-10 ms, on Linux; 2 s on FAT), so a change within the same
 * tick as the one before leaves the times as they were. Once a tick has passed since the last
 * change, every later change has later times.
 */
export const FINGERPRINT_SETTLE_MS = 2000;

/** Whether the CLI uses a code cache on V8 `v8Version` (process.versions.v8). */
export function codeCacheUsable(v8Version) {
  return /^11\.3\./.test(v8Version);
}

/** The key on the bundle's last line, or undefined. */
function keyOf(source) {
  const line = source.slice(-KEY_LINE_LENGTH);
  return line.length === KEY_LINE_LENGTH && line.startsWith(`\n${KEY_PREFIX}`) && line.endsWith('\n') ? line.slice(1 + KEY_PREFIX.length, -1) : undefined;
}

/** Whether the bundle's text before its key line hashes to the key (the build wrote them so). */
export function sourceHoldsKey(source) {
  const key = keyOf(source);
  if (key === undefined) return false;
  // Loaded here, not imported: a start whose bundle keeps its fingerprint never loads node's crypto.
  const { createHash } = process.getBuiltinModule?.('node:crypto') ?? createRequire(import.meta.url)('node:crypto');
  return createHash('sha256').update(source.slice(0, -KEY_LINE_LENGTH)).digest('hex') === key;
}

/**
 * What says the bundle's file has not changed: its inode, size, modification and change times in
 * ns (`stat` from fstat with `bigint`). The change time is what makes it exact: a write sets it,
 * and so does putting the modification time back.
 */
function scriptFingerprint(stat) {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** A cache file's header for the bundle whose key is `key` and whose fingerprint is `fingerprint` ('' for none). */
export function cacheHeader(key, fingerprint) {
  const header = Buffer.from(`${key}${fingerprint.padEnd(CACHE_HEADER_LENGTH - KEY_LENGTH - 1)}\n`, 'latin1');
  if (key.length !== KEY_LENGTH || header.length !== CACHE_HEADER_LENGTH) throw new Error(`a code cache header of ${header.length} bytes for key ${key}`);
  return header;
}

/** The bundle's text and the fingerprint of the file it was read from, taken after reading it (what was read is what the status describes). */
export function readScript(scriptFile) {
  const fd = openSync(scriptFile, 'r');
  try {
    const source = readFileSync(fd, 'utf8');
    const stat = fstatSync(fd, { bigint: true });
    return { source, stat, fingerprint: scriptFingerprint(stat) };
  } finally {
    closeSync(fd);
  }
}

/**
 * The V8 data of a cache file made for this bundle, and how that was known ('fingerprint' or
 * 'hash'); undefined when there is no cache, it is another bundle's, or the bundle was changed.
 */
function cachedDataFor(cacheFile, source, fingerprint) {
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const key = keyOf(source);
  if (key === undefined || cache.length <= CACHE_HEADER_LENGTH || cache.toString('latin1', 0, KEY_LENGTH) !== key) return undefined;
  const data = cache.subarray(CACHE_HEADER_LENGTH);
  const recorded = cache.toString('latin1', KEY_LENGTH, CACHE_HEADER_LENGTH - 1).trimEnd();
  if (recorded !== '' && recorded === fingerprint) return { data, checkedBy: 'fingerprint' };
  return sourceHoldsKey(source) ? { data, checkedBy: 'hash' } : undefined;
}

/**
 * Sets the CLI's V8 flags (bin/v8-flags.mjs, and the cache's checksum), compiles the bundle, with
 * the cache at `cacheFile` when it fits (null: none, as the build compiles it), and runs its body.
 * `cache` says what became of the cache: 'accepted', 'rejected' by V8, or 'none' (no file, another
 * bundle's, a bundle changed since, or not used on this V8); `checkedBy` how it was known to fit
 * ('fingerprint', 'hash', or undefined when none was used).
 */
export function loadCli(cacheFile = CLI_CODE_CACHE, scriptFile = CLI_SCRIPT) {
  const useCache = codeCacheUsable(process.versions.v8);
  for (const flag of cliV8Flags(process.versions.v8, process.execArgv)) setFlagsFromString(flag);
  if (useCache) setFlagsFromString(CODE_CACHE_FLAG);
  const { source, fingerprint } = readScript(scriptFile);
  const fits = useCache && cacheFile !== null ? cachedDataFor(cacheFile, source, fingerprint) : undefined;
  const script = new Script(source, { filename: fileURLToPath(scriptFile), cachedData: fits?.data });
  const module = { exports: {} };
  // The bundle is `(function (require, module, exports, cliScriptUrl) { ... })` (scripts/build-cli.mjs).
  script.runInThisContext()(createRequire(scriptFile), module, module.exports, scriptFile.href);
  const cache = fits === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { main: module.exports.main, script, source, cache, checkedBy: fits?.checkedBy, key: keyOf(source) };
}
