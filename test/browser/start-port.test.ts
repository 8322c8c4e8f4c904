// `npm start` headless with the DevTools protocol on a port of the user's choosing
// (REMOTE_DEBUGGING_PORT, e.g. to forward it over ssh): Chromium writes no DevToolsActivePort file
// for a port it did not pick, and start used to die there with a Node stack trace. It prints the
// address on that port, the browser answers there, and Ctrl-C stops it, exit status 0.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { waitFor } from './helpers/launch.ts';
import { listening } from './helpers/net.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let start: ChildProcessWithoutNullStreams | undefined;

afterAll(() => {
  // Only if a check failed before Ctrl-C was sent.
  if (start && start.exitCode === null) start.kill('SIGKILL');
});

/** A port free on 127.0.0.1 now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

it('REMOTE_DEBUGGING_PORT: the protocol on that port, printed, and a clean stop', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', '--headless'], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', REMOTE_DEBUGGING_PORT: String(port) },
  });
  start = child;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  await waitFor(async () => (/Ctrl-C to stop\./.test(stdout) || child.exitCode !== null ? true : undefined), 'npm start to be ready (or to exit)', 150_000);
  expect(stderr).toBe('');
  expect(child.exitCode).toBeNull();
  expect(stdout).toContain(`over the DevTools protocol:  http://127.0.0.1:${port} `);
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser?: string };
  expect(version.Browser).toMatch(/Chrom/);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(await listening(port)).toBe(false);
});
