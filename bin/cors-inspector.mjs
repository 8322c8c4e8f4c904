#!/usr/bin/env node
// Runs the built CLI (dist-cli/, made by `npm run build:cli`, which `npm ci` runs): plain JavaScript,
// no TypeScript loader at run time. Whatever goes wrong, the person sees one line and status 70,
// never a stack trace (set CORS_INSPECTOR_DEBUG=1 to see it).

import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { cliV8Flags } from './v8-flags.mjs';

const INTERNAL = 70;
const BUILT = new URL('../dist-cli/cors-inspector.mjs', import.meta.url);

function fail(error) {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n', 1)[0].slice(0, 500).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stderr.write(`cors-inspector: internal error: ${line} (please report this)\n`);
  if (process.env.CORS_INSPECTOR_DEBUG === '1' && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(INTERNAL);
}

// Errors outside the command's promise (a stream's 'error' event nobody listens to).
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

if (!existsSync(BUILT)) {
  process.stderr.write('cors-inspector: the CLI is not built: run npm run build:cli\n');
  process.exit(INTERNAL);
}

try {
  const { main } = await import(BUILT.href);
  // Once the CLI's modules are loaded, before its work is compiled (v8-flags.mjs says which flags
  // and why). Not sooner: set before the import, it made --version ~10 ms slower (87 -> 97 ms),
  // likely as a flag set changes the hash V8 checks code caches against, so the modules loaded
  // after it are compiled afresh; set here, --version is as fast as without it.
  for (const flag of cliV8Flags(process.versions.v8, process.execArgv)) setFlagsFromString(flag);
  process.exitCode = await main(process.argv.slice(2), process.stdout, process.stderr, process.env, process.stdin);
} catch (error) {
  fail(error);
}
