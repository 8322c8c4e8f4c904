// What the probe tests share: running `cors-inspector probe` in-process, and closing the servers a
// test file started once its tests are done.

import { Readable } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { Collected } from '../../src/cli/testing-streams.ts';
import type { RunningServer } from './node-servers.ts';

/** `cors-inspector probe ARGS`: its exit status, stdout and stderr. */
export async function probe(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await main(['probe', ...args], out, err, {}, Readable.from([]));
  return { status, out: out.text, err: err.text };
}

/** A function that awaits a server starting and closes it after the calling file's tests. */
export function closedAfterAll(): (server: Promise<RunningServer>) => Promise<RunningServer> {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  return async (server) => {
    const running = await server;
    servers.push(running);
    return running;
  };
}
