// Real server software as a foreground child process on 127.0.0.1: started from a config the test
// wrote to a temporary directory, waited for until its port accepts connections, killed on stop.

import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The program at `path`, or a failure naming the Debian package that installs it: a stack whose
 * software is missing must fail the suite, never be skipped (scripts/setup.sh installs them all).
 */
export function requireProgram(path: string, debianPackage: string): string {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing: install the Debian package "${debianPackage}" (scripts/setup.sh does)`);
  }
  return path;
}

/** A port nothing listens on a moment ago, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const NODE_MODULES = new URL('../../node_modules/', import.meta.url).pathname;

/**
 * A fresh temporary directory. `withNodeModules` gives it a node_modules of its own holding a link
 * to each of the project's packages: what a tool writes there (Vite's `.vite` cache) stays in the
 * temporary directory, not in the project's node_modules.
 */
function tempDir(name: string, withNodeModules = false): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `cors-fix-proof-${name}-`));
  // Readable by the unprivileged user nginx's and Apache's workers switch to when started as root.
  chmodSync(dir, 0o755);
  if (withNodeModules) {
    mkdirSync(join(dir, 'node_modules'));
    for (const entry of readdirSync(NODE_MODULES)) {
      if (!entry.startsWith('.')) symlinkSync(join(NODE_MODULES, entry), join(dir, 'node_modules', entry), 'dir');
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  stop(): Promise<void>;
}

export interface ProcessOptions {
  name: string;
  command: string;
  args: readonly string[];
  cwd: string;
  port: number;
  env?: Record<string, string>;
  /** Longest wait for the port, in ms. */
  startTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the process and resolves once its port accepts connections (or fails with its output). */
async function startProcess(options: ProcessOptions): Promise<RunningServer> {
  const child = spawn(options.command, [...options.args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | null = null;
  child.once('error', (e) => {
    spawnError = e;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await connects(options.port))) {
    if (spawnError !== null || child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      const why = spawnError !== null ? String(spawnError) : child.exitCode !== null ? `exited with ${child.exitCode}` : 'did not listen in time';
      throw new Error(`${options.name} ${why} on port ${options.port}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin: `http://127.0.0.1:${options.port}`, port: options.port, stop };
}

/**
 * A temporary directory and a free port for `prepare` (which writes the config and says what to
 * run), then the process: the directory goes when the server stops, or at once if it fails to start.
 */
export async function startInTempDir(
  name: string,
  options: { withNodeModules?: boolean },
  prepare: (dir: string, port: number) => Omit<ProcessOptions, 'cwd' | 'port' | 'name'>,
): Promise<RunningServer> {
  const { dir, remove } = tempDir(name, options.withNodeModules ?? false);
  try {
    const port = await freePort();
    const server = await startProcess({ name, cwd: dir, port, ...prepare(dir, port) });
    return { ...server, stop: async () => { await server.stop(); remove(); } };
  } catch (e) {
    remove();
    throw e;
  }
}
