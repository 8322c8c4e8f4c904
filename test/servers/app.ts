// A Node or Python application file written to a temporary directory and run as a child process:
// Express, Fastify, Koa, Hono, NestJS (`node app.mjs`, the project's node_modules linked in), a
// Next.js project (`next dev`) and Flask, Django (Debian's /usr/bin/python3, not a pyenv one first
// on PATH, which lacks the Debian packages).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requireProgram, startInTempDir, type RunningServer } from './process.ts';

const PYTHON = '/usr/bin/python3';

/** Runs `source` (an ES module reading its port from `process.env.PORT`) with this Node. */
export function startNodeApp(name: string, source: string): Promise<RunningServer> {
  return startInTempDir(name, { withNodeModules: true }, (dir, port) => {
    writeFileSync(join(dir, 'app.mjs'), source);
    return { command: process.execPath, args: [join(dir, 'app.mjs')], env: { PORT: String(port) } };
  });
}

/**
 * Runs `files['app.py']` (reading its port from the PORT environment variable) with Debian's
 * python3; a start failure names `debianPackages`, where the program's imports come from.
 */
export async function startPythonApp(name: string, files: Record<string, string>, debianPackages: string): Promise<RunningServer> {
  const program = requireProgram(PYTHON, 'python3');
  try {
    return await startInTempDir(name, {}, (dir, port) => {
      for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
      return { command: program, args: [join(dir, 'app.py')], env: { PORT: String(port), PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' } };
    });
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n(${name} needs the Debian packages: ${debianPackages})`);
  }
}

/**
 * Runs the Next.js project `files` (paths relative to its root: `app/...`, `next.config.mjs`,
 * `middleware.js`) with `next dev`: it compiles each route on its first request, seconds where
 * `next build` takes twenty and more on two cores, and each configuration is a new project.
 */
export function startNextApp(name: string, files: Record<string, string>): Promise<RunningServer> {
  return startInTempDir(name, { withNodeModules: true }, (dir, port) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return {
      command: process.execPath,
      args: [join(dir, 'node_modules/next/dist/bin/next'), 'dev', '--port', String(port), '--hostname', '127.0.0.1'],
      env: { NEXT_TELEMETRY_DISABLED: '1' },
      startTimeoutMs: 60_000,
    };
  });
}
