// The text's `Server:` line names the layers the fix below was chosen from, outermost first. It read
// the last response's server alone, so a proxy that answered the preflight (whose fix is printed)
// stood under "Server: express", the app behind it.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { formatText } from './format-text.ts';
import { buildReport } from './report.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example/items';

/** nginx answers the preflight with CORS headers; the PUT goes through to Express, which sends none. */
const proxied: ObservedExchange = {
  request: { method: 'PUT', headers: [['Origin', PAGE], ['Content-Type', 'application/json']], initiatorOrigin: PAGE },
  hops: [
    {
      url: API,
      preflight: {
        url: API,
        requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type']],
        response: { status: 204, headers: [['Server', 'nginx/1.24.0'], ['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Methods', 'GET, POST, PUT'], ['Access-Control-Allow-Headers', 'Content-Type']] },
      },
      response: { status: 200, headers: [['Server', 'nginx/1.24.0'], ['X-Powered-By', 'Express'], ['Content-Type', 'application/json']] },
    },
  ],
  errorText: 'net::ERR_FAILED',
};

const serverLines = (exchange: ObservedExchange): string[] =>
  formatText(buildReport([exchange]), { color: false, width: 100 })
    .split('\n')
    .filter((line) => line.trim().startsWith('Server:'))
    .map((line) => line.trim());

describe('the Server: line of a blocked request', () => {
  it('names every layer, outermost first, beside the fix for the outer one', () => {
    const text = formatText(buildReport([proxied]), { color: false, width: 100 });
    expect(serverLines(proxied)).toEqual(['Server: nginx in front of express']);
    expect(text).toContain('Fix (nginx)');
  });

  it('one layer reads as its name', () => {
    const alone: ObservedExchange = { ...proxied, request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE }, hops: [{ url: API, response: { status: 200, headers: [['X-Powered-By', 'Express']] } }] };
    expect(serverLines(alone)).toEqual(['Server: express']);
  });
});
