// One fuzz case: a mutated document through every command, in-process, with what each run broke.
// Shared by test/unit/cli-fuzz.test.ts (fixed seeds) and bench/fuzz.ts (longer, random seeds).

import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { importBundle, UNPRINTABLE } from '../../src/export/index.ts';
import type { Bundle } from '../../src/export/bundle-schema.ts';
import { mutatedText, type MutatedDocument } from './json-mutations.ts';

export type FuzzSeed = Record<string, unknown>;

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], input: string): Promise<Run> {
  const stdout = new Collect();
  const stderr = new Collect();
  const status = await main(args, stdout, stderr, {}, Readable.from([Buffer.from(input, 'utf8')]));
  return { status, stdout: stdout.text, stderr: stderr.text };
}

// Every command, reading standard input.
const COMMANDS: readonly string[][] = [
  ['explain', '-'],
  ['explain', '--json', '--fail-on-blocked', '-'],
  ['curl', '-', '--url-contains', 'http', '--shell', 'bash'],
  ['curl', '-', '--url-contains', 'http', '--shell', 'powershell'],
  ['curl', '-', '--url-contains', 'http', '--shell', 'cmd'],
  ['report', '-'],
  ['share', '-', '--out', '-'],
];

const DOCUMENTED = new Set([0, 1, 2, 3]);
// `curl` also returns 4: no command at all, every request selected a comment saying why.
const CURL_NO_COMMAND = 4;
// What a terminal acts on (text outputs keep their own line feeds and tabs).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const MESSAGE = /^cors-inspector(?: [a-z]+)?: [^\n]+$/;
// What must not stand raw in JSON output: every character the text outputs show escaped, but C0
// (JSON.stringify escapes those itself; a raw one would fail JSON.parse anyway).
const RAW_IN_JSON = new RegExp(`(?![\\u0000-\\u001f])${UNPRINTABLE.source}`, 'u');

/** What went wrong in one run: empty when nothing did. */
function problems(args: readonly string[], result: Run): string[] {
  const out: string[] = [];
  const name = args.join(' ');
  const documented = DOCUMENTED.has(result.status) || (args[0] === 'curl' && result.status === CURL_NO_COMMAND);
  if (!documented) out.push(`${name}: status ${result.status}: ${result.stderr.slice(0, 300)}`);
  if (result.stderr !== '') {
    if (!result.stderr.endsWith('\n')) out.push(`${name}: stderr does not end a line`);
    for (const line of result.stderr.slice(0, -1).split('\n')) {
      if (!MESSAGE.test(line) || CONTROL.test(line)) out.push(`${name}: stderr line ${JSON.stringify(line.slice(0, 200))}`);
    }
  }
  if (result.status !== 0 && result.status !== 1) {
    if (result.stderr === '') out.push(`${name}: status ${result.status} without a message`);
    if (args[0] === 'curl' && result.status === CURL_NO_COMMAND && /^curl(?:\.exe)? /m.test(result.stdout)) out.push(`${name}: status 4 with a curl command in the output`);
    return out;
  }
  const command = args[0];
  if ((command === 'explain' && !args.includes('--json')) || command === 'report') {
    const at = result.stdout.search(CONTROL);
    if (at !== -1) out.push(`${name}: control character in the output: ${JSON.stringify(result.stdout.slice(Math.max(0, at - 40), at + 10))}`);
  }
  if (command === 'explain' && args.includes('--json')) {
    try {
      JSON.parse(result.stdout);
    } catch (error) {
      out.push(`${name}: not JSON: ${String(error)}`);
    }
    const at = result.stdout.search(RAW_IN_JSON);
    if (at !== -1) out.push(`${name}: raw control, format or separator character in the JSON: ${JSON.stringify(result.stdout.slice(Math.max(0, at - 40), at + 10))}`);
  }
  if (command === 'share') {
    const imported = importBundle(result.stdout, { engineVersion: 'fuzz' });
    if (!imported.ok) out.push(`${name}: wrote a bundle the importer refuses: ${imported.errors[0]!.path}: ${imported.errors[0]!.message}`);
  }
  return out;
}

/** Runs every command on the mutated document. */
export async function fuzzCase(seed: FuzzSeed, document: MutatedDocument): Promise<string[]> {
  const text = mutatedText(seed, document);
  const found: string[] = [];
  for (const args of COMMANDS) found.push(...problems(args, await run([...args], text)));
  return found;
}

/** A bundle of the HAR, as `share` writes it: the seed for bundle mutations. */
export async function seedBundle(harPath: string): Promise<Bundle & FuzzSeed> {
  const { readFileSync } = await import('node:fs');
  const result = await run(['share', '-', '--out', '-'], readFileSync(harPath, 'utf8'));
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Bundle & FuzzSeed;
}
