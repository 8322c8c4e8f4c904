// Apache httpd in the foreground (-DFOREGROUND), from an httpd.conf written to a temporary directory,
// loading only the modules the tests use from Debian's module directory.
// https://httpd.apache.org/docs/2.4/mod/mod_headers.html https://httpd.apache.org/docs/2.4/mod/mod_proxy.html

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireProgram, startInTempDir, type RunningServer } from './process.ts';

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const LOADED = ['mpm_event', 'authz_core', 'headers', 'rewrite', 'setenvif', 'proxy', 'proxy_http'];

/** `config` goes at the end of the server configuration (Header, RewriteRule, ProxyPass lines). */
export async function startApache(config: string): Promise<RunningServer> {
  const program = requireProgram(APACHE, 'apache2');
  return startInTempDir('apache2', {}, (dir, port) => {
    mkdirSync(join(dir, 'htdocs'));
    writeFileSync(
      join(dir, 'httpd.conf'),
      `ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog "|/bin/cat"
LogLevel warn
${LOADED.map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`).join('\n')}
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
DocumentRoot ${dir}/htdocs
${config}
`,
    );
    return { command: program, args: ['-f', join(dir, 'httpd.conf'), '-DFOREGROUND'] };
  });
}
