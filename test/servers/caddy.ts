// Caddy in the foreground (`caddy run`), from a Caddyfile written to a temporary directory: no admin
// endpoint, no automatic HTTPS, its data in the temporary directory.
// https://caddyserver.com/docs/caddyfile/options

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireProgram, startInTempDir, type RunningServer } from './process.ts';

const CADDY = '/usr/bin/caddy';

/** `site` is the body of the one site block, `http://127.0.0.1:<port> { … }`. */
export async function startCaddy(site: string): Promise<RunningServer> {
  const program = requireProgram(CADDY, 'caddy');
  return startInTempDir('caddy', {}, (dir, port) => {
    writeFileSync(
      join(dir, 'Caddyfile'),
      `{
	admin off
	auto_https off
}

http://127.0.0.1:${port} {
${site}
}
`,
    );
    const env = { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
    return { command: program, args: ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], env };
  });
}
