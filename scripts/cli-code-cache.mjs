#!/usr/bin/env node
// Makes V8's code cache of the built CLI (bin/load-cli.mjs says why): loads dist-cli/cors-inspector.js
// as the launcher does, runs the commands people run most over the recorded HARs in test/fixtures/
// (their output thrown away), and writes the cache of every function compiled by then, behind the
// script's key, to the path it is given. Run by scripts/build-cli.mjs in a node of its own: a cache
// holds the flags it was made under, so this node must start as the CLI's does.
//
// After the work, not right after compiling: V8 compiles most functions when first called, and a
// cache holds only what is compiled when it is made.

import { renameSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { codeCacheUsable, loadCli } from '../bin/load-cli.mjs';

const [, , cacheFile] = process.argv;
if (cacheFile === undefined) throw new Error('usage: cli-code-cache.mjs CACHE_FILE');

const HARS = ['../test/fixtures/public.devtools.har', '../test/fixtures/firefox-devtools/public.har'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
const WORK = [['--version'], ['--help'], ...HARS.flatMap((har) => [['explain', har], ['explain', har, '--json'], ['report', har], ['curl', har, '--url-contains', '/']])];

if (codeCacheUsable(process.versions.v8)) {
  const { main, script, key } = loadCli(null);
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
  writeFileSync(partial, Buffer.concat([Buffer.from(key, 'latin1'), script.createCachedData()]));
  renameSync(partial, cacheFile);
}
