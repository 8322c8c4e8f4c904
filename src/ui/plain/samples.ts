// Sample traffic for the plain page: what a single-page app on a Vite dev server might send to its
// API, one exchange per common failure class, as a capture would record it. Also the hostile
// exchanges the browser test uses to prove header values are shown, never run.

import type { HeaderList, ObservedExchange, ObservedPreflight } from '../../cors/index.ts';
import type { CapturedExchange } from '../protocol.ts';

const PAGE = 'http://localhost:5173';
const API = 'https://api.acme.dev';
const CDN = 'https://files.acme-cdn.net';
const T0 = Date.UTC(2025, 10, 21, 9, 30, 0);

const BROWSER_HEADERS: HeaderList = [
  ['Accept', '*/*'],
  ['Origin', PAGE],
  ['Referer', `${PAGE}/`],
  ['Sec-Fetch-Mode', 'cors'],
  ['Sec-Fetch-Site', 'cross-site'],
  ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'],
];

function preflight(url: string, method: string, requestHeaders: string | null, status: number, headers: HeaderList): ObservedPreflight {
  return {
    url,
    requestHeaders: [
      ['Accept', '*/*'],
      ['Access-Control-Request-Method', method],
      ...(requestHeaders ? ([['Access-Control-Request-Headers', requestHeaders]] as HeaderList) : []),
      ['Origin', PAGE],
      ['Sec-Fetch-Mode', 'cors'],
    ],
    response: { status, headers },
  };
}

function sample(id: string, seconds: number, exchange: Omit<ObservedExchange, 'startedAt'>, extra: Partial<CapturedExchange> = {}): CapturedExchange {
  return { id, source: 'devtools-protocol', exchange: { startedAt: T0 + seconds * 1000, ...exchange }, ...extra };
}

const get = (headers: HeaderList = []): ObservedExchange['request'] => ({
  method: 'GET',
  headers: [...BROWSER_HEADERS, ...headers],
  initiatorOrigin: PAGE,
  credentialsMode: 'same-origin',
  mode: 'cors',
});

export const SAMPLE_EXCHANGES: CapturedExchange[] = [
  sample('1001', 0.1, {
    request: get(),
    hops: [
      {
        url: `${API}/v1/profile`,
        response: { status: 200, headers: [['Server', 'nginx/1.27.2'], ['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] },
      },
    ],
  }),
  sample('1002', 0.4, {
    request: get(),
    hops: [{ url: `${API}/v1/products?page=2`, response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Content-Type', 'application/json; charset=utf-8'], ['ETag', 'W/"1f4-9b"']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1003', 0.9, {
    request: get(),
    hops: [{ url: `${API}/v1/feature-flags`, response: { status: 200, headers: [['Server', 'nginx'], ['Access-Control-Allow-Origin', `${PAGE}/`], ['Content-Type', 'application/json']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1004', 1.3, {
    request: { ...get([['Cookie', 'session=8c2f…']]), credentialsMode: 'include' },
    hops: [{ url: `${API}/v1/cart`, response: { status: 200, headers: [['Server', 'gunicorn'], ['Access-Control-Allow-Origin', '*'], ['Content-Type', 'application/json']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1005', 1.8, {
    request: { ...get([['Cookie', 'session=8c2f…']]), credentialsMode: 'include' },
    hops: [{ url: `${API}/v1/notifications`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ['Content-Type', 'application/json']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1006', 2.2, {
    request: { ...get(), method: 'POST', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/json']], bodySize: 182 },
    hops: [
      {
        url: `${API}/v1/orders`,
        preflight: preflight(`${API}/v1/orders`, 'POST', 'content-type', 204, [
          ['Server', 'Werkzeug/3.0.4 Python/3.12.7'],
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Methods', 'GET, POST'],
        ]),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1007', 2.9, {
    request: { ...get(), method: 'PUT', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/json'], ['X-Trace', 'a41f0c']], bodySize: 64 },
    hops: [
      {
        url: `${API}/v1/items/42`,
        preflight: preflight(`${API}/v1/items/42`, 'PUT', 'content-type,x-trace', 204, [
          ['X-Powered-By', 'Express'],
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Methods', 'GET,PUT,POST,DELETE'],
          ['Access-Control-Allow-Headers', 'Content-Type, Authorization'],
          ['Access-Control-Max-Age', '600'],
          ['Vary', 'Origin'],
        ]),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1008', 3.4, {
    request: { ...get(), method: 'DELETE' },
    hops: [
      {
        url: `${API}/v1/sessions/current`,
        preflight: preflight(`${API}/v1/sessions/current`, 'DELETE', null, 404, [['Content-Type', 'application/json'], ['X-Application-Context', 'gateway:prod:8080']]),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1009', 3.9, {
    request: { ...get(), method: 'PATCH', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/merge-patch+json']] },
    hops: [
      {
        url: `${API}/v1/users/me`,
        preflight: preflight(`${API}/v1/users/me`, 'PATCH', 'content-type', 301, [['Location', `${API}/v1/users/me/`], ['Server', 'nginx']]),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1010', 4.6, {
    request: get(),
    hops: [
      { url: `${API}/v1/reports/2025-q3.pdf`, response: { status: 302, headers: [['Location', `${CDN}/r/7f3a/2025-q3.pdf`], ['Access-Control-Allow-Origin', PAGE]] } },
      { url: `${CDN}/r/7f3a/2025-q3.pdf`, response: { status: 200, headers: [['Server', 'AmazonS3'], ['Access-Control-Allow-Origin', PAGE], ['Content-Type', 'application/pdf']] } },
    ],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1011', 5.0, {
    request: get(),
    hops: [{ url: 'http://localhost:8081/health', response: null }],
    errorText: 'net::ERR_CONNECTION_REFUSED',
  }),
  sample('1012', 5.7, {
    request: { ...get(), method: 'POST', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/x-www-form-urlencoded']], bodySize: 41 },
    hops: [{ url: `${API}/v1/checkout`, response: { status: 500, headers: [['Server', 'nginx'], ['Content-Type', 'text/html']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1013', 6.3, {
    request: { ...get(), method: 'PUT', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/json']] },
    hops: [
      {
        url: `${API}/v1/items/7`,
        preflight: preflight(`${API}/v1/items/7`, 'PUT', 'content-type', 204, [
          ['X-Powered-By', 'Express'],
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Methods', 'GET,PUT,POST,DELETE'],
          ['Access-Control-Allow-Headers', 'Content-Type'],
          ['Access-Control-Max-Age', '600'],
          ['Vary', 'Origin'],
        ]),
        response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ['Content-Type', 'application/json']] },
      },
    ],
  }),
  sample('1014', 7.1, {
    request: { ...get(), method: 'PUT', headers: [...BROWSER_HEADERS, ['Content-Type', 'application/json']] },
    hops: [
      {
        url: `${API}/v1/items/7`,
        preflightFromCache: true,
        response: { status: 200, headers: [['X-Powered-By', 'Express'], ['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin'], ['Content-Type', 'application/json']] },
      },
    ],
  }),
  sample('1015', 7.6, {
    request: get(),
    hops: [{ url: `${API}/v1/search?q=shoes`, response: { status: 200, headers: [['Access-Control-Allow-Origin', `${PAGE}, https://admin.acme.dev`], ['Content-Type', 'application/json']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1016', 8.2, {
    request: get(),
    hops: [{ url: `${API}/v1/config`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'http://127.0.0.1:5173'], ['Content-Type', 'application/json']] } }],
    errorText: 'net::ERR_FAILED',
  }),
  sample('1017', 8.8, {
    request: { ...get(), mode: 'no-cors', headers: [['Accept', 'image/avif,image/webp,*/*'], ['Sec-Fetch-Mode', 'no-cors']] },
    hops: [{ url: `${CDN}/img/logo.svg`, response: { status: 200, headers: [['Server', 'AmazonS3'], ['Content-Type', 'image/svg+xml']] } }],
  }),
  sample('1018', 9.5, {
    request: { ...get(), method: 'DELETE', headers: [...BROWSER_HEADERS, ['Authorization', 'Bearer eyJhbGciOi…']] },
    hops: [
      {
        url: `${API}/v1/items/42`,
        preflight: preflight(`${API}/v1/items/42`, 'DELETE', 'authorization', 204, [
          ['X-Powered-By', 'Express'],
          ['Access-Control-Allow-Origin', PAGE],
          ['Access-Control-Allow-Methods', 'GET, POST, PUT'],
          ['Access-Control-Allow-Headers', 'Authorization, Content-Type'],
        ]),
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
];

/** Chromium's own verdicts, as precise mode would add them, for a few of the samples. */
export function withBrowserVerdicts(list: CapturedExchange[]): CapturedExchange[] {
  const verdicts: Record<string, ObservedExchange['browserVerdict']> = {
    '1002': { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
    '1003': { corsError: 'AllowOriginMismatch', failedParameter: `${PAGE}/` },
    '1007': { corsError: 'HeaderDisallowedByPreflightResponse', failedParameter: 'x-trace' },
    '1013': null,
  };
  return list.map((c) => (c.id in verdicts ? { ...c, exchange: { ...c.exchange, browserVerdict: verdicts[c.id] ?? null } } : c));
}

/** The window flag a hostile value would set if the panel ever ran it. */
export const PWNED_FLAG = '__corsInspectorPwned';

/** Header values, URLs and notes that would run script if rendered as HTML. */
export const HOSTILE_EXCHANGES: CapturedExchange[] = [
  sample('hostile-1', 10.2, {
    request: { ...get([['X-Note', `<script>window.${PWNED_FLAG}=1</script>`]]), method: 'GET', initiatorOrigin: PAGE },
    hops: [
      {
        url: `${API}/v1/echo?q=<script>window.${PWNED_FLAG}=1</script>`,
        response: {
          status: 200,
          headers: [
            ['Access-Control-Allow-Origin', `<img src=x onerror="window.${PWNED_FLAG}=1">`],
            ['X-Debug', `<script>window.${PWNED_FLAG}=1</script>`],
            ['Server', `"><svg onload=window.${PWNED_FLAG}=1>`],
          ],
        },
      },
    ],
    errorText: 'net::ERR_FAILED',
  }),
];

/** Exchanges that only the tests need: in flight, and Chromium disagreeing with the engine. */
export const EXTRA_EXCHANGES: CapturedExchange[] = [
  sample('pending-1', 11.0, { request: get(), hops: [{ url: `${API}/v1/slow-report`, response: null }] }, { pending: true }),
  sample('disagree-1', 11.5, {
    request: get(),
    hops: [{ url: `${API}/v1/prices`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } }],
    browserVerdict: { corsError: 'MissingAllowOriginHeader', failedParameter: '' },
    errorText: 'net::ERR_FAILED',
  }),
];

/**
 * `count` exchanges for scale tests: the samples repeated with distinct ids, paths and times.
 * Paths carry the index (`/v1/products?page=2&n=123`), so a search can single one out.
 */
export function manyExchanges(count: number): CapturedExchange[] {
  const out: CapturedExchange[] = [];
  for (let i = 0; i < count; i++) {
    const base = SAMPLE_EXCHANGES[i % SAMPLE_EXCHANGES.length]!;
    const hops = base.exchange.hops.map((hop, h) => {
      const url = h === 0 ? `${hop.url}${hop.url.includes('?') ? '&' : '?'}n=${i}` : hop.url;
      return { ...hop, url, ...(hop.preflight ? { preflight: { ...hop.preflight, url } } : {}) };
    });
    out.push({ ...base, id: `bulk-${i}`, exchange: { ...base.exchange, hops, startedAt: T0 + i * 37 } });
  }
  return out;
}
