// `npm start` run as a user runs it, for the tests of start: headless (no display), on the suite's
// build, its output collected as it grows.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './launch.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface NpmStart {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** The exit status (null when a signal ended it). */
  exited: Promise<number | null>;
  /**
   * The first match of `pattern` in stdout, as it grows. If start ends first, or 150 s pass, the
   * error says so with what start printed: a step that failed early exits with its reason on
   * stderr, and the test says so at once rather than waiting out its time.
   */
  printed(pattern: RegExp, what: string): Promise<RegExpMatchArray>;
  /** Kills start if it still runs (for afterAll: a check failed before Ctrl-C was sent). */
  killIfRunning(): void;
}

/** `scripts/start.mjs --no-build --headless` with `args`, and `env` over the test's own. */
export function npmStart(args: string[], env: Record<string, string> = {}): NpmStart {
  const child = spawn(process.execPath, ['scripts/start.mjs', ...args, '--no-build', '--headless'], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // 'close' comes after the child's output has all arrived ('exit' may come before its last lines).
  const closed = new Promise<string>((done) => child.once('close', (code, signal) => done(signal ? `signal ${signal}` : `status ${code}`)));
  const output = () => `\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const printed = (pattern: RegExp, what: string): Promise<RegExpMatchArray> =>
    Promise.race([
      waitFor(async () => stdout.match(pattern) ?? undefined, what, 150_000).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}${output()}`);
      }),
      closed.then((how) => {
        const match = stdout.match(pattern);
        if (match) return match;
        throw new Error(`npm start ended (${how}) before printing ${what}${output()}`);
      }),
    ]);
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    printed,
    killIfRunning: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
