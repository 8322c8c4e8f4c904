#!/usr/bin/env node
// Makes V8's code cache of the built CLI (bin/load-cli.mjs says why): loads dist-cli/cors-inspector.js
// as the launcher does, runs the commands people run most over the recorded HARs in test/fixtures/
// (their output thrown away), and writes the cache of every function compiled by then, behind the
// script's key, to the path it is given. Run by scripts/build-cli.mjs in a node of its own: a cache
// holds the flags it was made under, so this node must start as the CLI's does.
//
// After the work, not right after compiling: V8 compiles most functions when first called, and a
// cache holds only what is compiled when it is made.
//
// The cache's header holds the key and the script's fingerprint (bin/load-cli.mjs): taken at the end,
// from a read of the script that is the text compiled, and only once FINGERPRINT_SETTLE_MS have passed
// since the script's last change, so that any later change shows in its times.

import { renameSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CLI_SCRIPT, cacheHeader, codeCacheUsable, FINGERPRINT_SETTLE_MS, loadCli, readScript, sourceHoldsKey } from '../bin/load-cli.mjs';

const [, , cacheFile] = process.argv;
if (cacheFile === undefined) throw new Error('usage: cli-code-cache.mjs CACHE_FILE');

const HARS = ['../test/fixtures/public.devtools.har', '../test/fixtures/firefox-devtools/public.har'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
const WORK = [['--version'], ['--help'], ...HARS.flatMap((har) => [['explain', har], ['explain', har, '--json'], ['report', har], ['curl', har, '--url-contains', '/']])];

/** The fingerprint of the script file, whose text must still be `source`: read once its last change is FINGERPRINT_SETTLE_MS old. */
async function settledFingerprint(source) {
  for (;;) {
    const readAt = Date.now();
    const now = readScript(CLI_SCRIPT);
    if (now.source !== source) throw new Error(`${CLI_SCRIPT.pathname} changed while its code cache was made: build again`);
    const changedAt = Number(now.stat.ctimeNs / 1_000_000n);
    // Changed before `readAt` by a tick at least: the text read is the text the status describes.
    if (changedAt + FINGERPRINT_SETTLE_MS <= readAt) return now.fingerprint;
    await sleep(changedAt + FINGERPRINT_SETTLE_MS - readAt);
  }
}

if (codeCacheUsable(process.versions.v8)) {
  const { main, script, source, key } = loadCli(null);
  // The run takes a cache whose key is the script's hash: it must be the bytecode of that text.
  if (!sourceHoldsKey(source)) throw new Error(`${CLI_SCRIPT.pathname} does not hash to the key on its last line: build again`);
  const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
  for (const args of WORK) {
    const stderr = [];
    const errors = new Writable({
      write: (chunk, _encoding, done) => {
        stderr.push(String(chunk));
        done();
      },
    });
    const status = await main(args, discard(), errors, {}, Readable.from([]));
    if (status !== 0) throw new Error(`cors-inspector ${args.join(' ')} exited with ${status}: ${stderr.join('')}`);
  }
  const partial = `${cacheFile}.${process.pid}.partial`;
  const data = script.createCachedData();
  writeFileSync(partial, Buffer.concat([cacheHeader(key, await settledFingerprint(source)), data]));
  renameSync(partial, cacheFile);
}
