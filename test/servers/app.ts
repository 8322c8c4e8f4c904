// A Node or Python application file written to a temporary directory and run as a child process:
// Express, Fastify, Koa (`node app.mjs`, the project's node_modules linked in) and Flask, Django
// (Debian's /usr/bin/python3, not a pyenv one first on PATH, which lacks the Debian packages).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
