// `npm start` headless with the DevTools protocol on a port of the user's choosing
// (REMOTE_DEBUGGING_PORT, e.g. to forward it over ssh): Chromium writes no DevToolsActivePort file
// for a port it did not pick, and start used to die there with a Node stack trace. It prints the
// address on that port, the browser answers there, and Ctrl-C stops it, exit status 0.

import { createServer } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { listening } from './helpers/net.ts';
import { npmStart, type NpmStart } from './helpers/npm-start.ts';

let start: NpmStart | undefined;

afterAll(() => start?.killIfRunning());

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
  start = npmStart([], { REMOTE_DEBUGGING_PORT: String(port) });
  const { child, exited } = start;

  await start.printed(/Ctrl-C to stop\./, 'the last line');
  expect(start.stderr()).toBe('');
  expect(child.exitCode).toBeNull();
  expect(start.stdout()).toContain(`over the DevTools protocol:  http://127.0.0.1:${port} `);
  const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser?: string };
  expect(version.Browser).toMatch(/Chrom/);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(await listening(port)).toBe(false);
});
