// The curl script's title names the request replayed: the method the browser sent at the hop the
// command goes to, not the one the page asked for (a 303 turns a POST into a GET).

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { curlExport } from './curl-export.ts';

const PAGE = 'https://app.example';
const API = 'https://api.example';

function postRedirected(status: number): ObservedExchange {
  return {
    request: { method: 'POST', headers: [['Origin', PAGE], ['Content-Type', 'text/plain']], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors', body: 'x' },
    hops: [
      { url: `${API}/0`, response: { status, headers: [['Location', `${API}/1`], ['Access-Control-Allow-Origin', PAGE]] } },
      // No Access-Control-Allow-Origin: blocked here, the hop the command replays.
      { url: `${API}/1`, response: { status: 200, headers: [] } },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

describe("curlExport's title", () => {
  it.each<[number, string]>([
    [303, 'GET'],
    [307, 'POST'],
  ])('after a %i names the method sent at the replayed hop (%s)', (status, method) => {
    for (const browser of ['chromium', 'firefox'] as const) {
      const { script } = curlExport(postRedirected(status), 'bash', { browser });
      const title = script.split('\n').find((line) => line.includes('CORS Inspector:'));
      expect(title).toContain(`CORS Inspector: ${method} ${API}/1 from ${PAGE} (blocked`);
    }
  });
});

describe("curlExport's Origin from a hand-made HAR", () => {
  // A HAR's page origin is the `Origin` its request sent, which a hand-made one can write with a
  // password: neither the title nor the command's `Origin` line shows it.
  it('is written as the redacted exchange writes it', () => {
    const origin = 'https://ana:cnry5pw@app.example';
    const exchange: ObservedExchange = {
      request: { method: 'GET', headers: [['Origin', origin]], initiatorOrigin: origin, mode: 'cors' },
      hops: [{ url: `${API}/who`, response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } }],
    };
    for (const shell of ['bash', 'powershell', 'cmd'] as const) {
      const { script } = curlExport(exchange, shell);
      expect(script).not.toContain('cnry5pw');
      expect(script).toContain('https://REDACTED-AUTHORIZATION@app.example');
    }
    expect(curlExport(exchange, 'bash', { includeSecrets: true }).script).toContain('cnry5pw');
  });
});
