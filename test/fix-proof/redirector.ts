// The first server of a redirect proof: `/<port>/<path>` answers 307 to
// `http://127.0.0.1:<port>/<path>`, allowing the page's origin (a redirect response is CORS-checked
// too, https://fetch.spec.whatwg.org/#http-fetch step 4.4) and answering a preflight with what it
// asked for, so the only failure is the second server's. The browser then sends `Origin: null` there
// (https://fetch.spec.whatwg.org/#http-redirect-fetch step 13, the request's tainted origin).

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Redirector {
  origin: string;
  close(): Promise<void>;
}

export async function startRedirector(pageOrigin: string): Promise<Redirector> {
  const server = createServer((request, response) => {
    const allow = { 'Access-Control-Allow-Origin': pageOrigin };
    if (request.method === 'OPTIONS') {
      const asked = { 'Access-Control-Allow-Methods': request.headers['access-control-request-method'] ?? 'GET', 'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '' };
      response.writeHead(204, { ...allow, ...asked }).end();
      return;
    }
    const [, port, ...rest] = (request.url ?? '/').split('/');
    response.writeHead(307, { ...allow, Location: `http://127.0.0.1:${port}/${rest.join('/')}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
