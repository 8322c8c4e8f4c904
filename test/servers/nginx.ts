// nginx in the foreground, from an nginx.conf written to a temporary directory.
// https://nginx.org/en/docs/ngx_core_module.html#daemon

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireProgram, startInTempDir, type RunningServer } from './process.ts';

const NGINX = '/usr/sbin/nginx';

/**
 * `server` is the body of the one `server { }` block (after its `listen`); `http` goes in the http
 * block before it (an `upstream`, say).
 */
export async function startNginx(config: { server: string; http?: string }): Promise<RunningServer> {
  const program = requireProgram(NGINX, 'nginx');
  return startInTempDir('nginx', {}, (dir, port) => {
    for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'html']) mkdirSync(join(dir, d));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    default_type application/json;
${config.http ?? ''}
    server {
        listen 127.0.0.1:${port};
        root ${dir}/html;
${config.server}
    }
}
`,
    );
    // -e: the error log before the configuration is read (the default is a root-owned path).
    return { command: program, args: ['-e', 'stderr', '-p', dir, '-c', join(dir, 'nginx.conf')] };
  });
}
