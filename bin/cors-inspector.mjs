#!/usr/bin/env node
// Runs the built CLI (dist-cli/, made by `npm run build:cli`, which `npm ci` runs): plain JavaScript,
// no TypeScript loader at run time. Whatever goes wrong, the person sees one line and status 70,
// never a stack trace (set CORS_INSPECTOR_DEBUG=1 to see it).

import { existsSync } from 'node:fs';
import { CLI_SCRIPT, loadCli } from './load-cli.mjs';

const INTERNAL = 70;

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

if (!existsSync(CLI_SCRIPT)) {
  process.stderr.write('cors-inspector: the CLI is not built: run npm run build:cli\n');
  process.exit(INTERNAL);
}

try {
  // With V8's flags and the code cache the build made (load-cli.mjs says how and why).
  const { main } = loadCli();
  process.exitCode = await main(process.argv.slice(2), process.stdout, process.stderr, process.env, process.stdin);
} catch (error) {
  fail(error);
}
