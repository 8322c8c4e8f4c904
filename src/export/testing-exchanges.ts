// For tests: the exchanges Chromium 156 recorded (test/fixtures/public.devtools.har), one carrying
// every kind of secret, and one carrying hostile Markdown in every field a stranger controls.

import { readFileSync } from 'node:fs';
import { exchangesFromHar } from '../capture/index.ts';
import type { ObservedExchange } from '../cors/index.ts';

export const RECORDED_HAR_PATH = new URL('../../test/fixtures/public.devtools.har', import.meta.url);

export function recordedExchanges(): ObservedExchange[] {
  return exchangesFromHar(readFileSync(RECORDED_HAR_PATH, 'utf8'));
}

// Each secret is a distinct string that must appear in no default export.
export const SECRETS = {
  sessionCookie: 'sess-6f1c2a9d0b',
  bearerToken: 'bearer-9d8c7b6a5f4e',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkiLCJuIjoxfQ.c2lnbmF0dXJlLWNhbmFyeQ',
  apiKeyInQuery: 'qkey-1a2b3c4d5e',
  setCookie: 'setc-0f9e8d7c6b',
  apiKeyHeader: 'hkey-77aa88bb99',
} as const;

/** A credentialed PUT whose preflight is refused for a header, with a secret in every place. */
export function canaryExchange(): ObservedExchange {
  const url = `https://api.example/v1/items?api_key=${SECRETS.apiKeyInQuery}&page=2`;
  return {
    request: {
      method: 'PUT',
      headers: [
        ['Content-Type', 'application/json'],
        ['Cookie', `session=${SECRETS.sessionCookie}; theme=dark`],
        ['Authorization', `Bearer ${SECRETS.bearerToken}`],
        ['X-Trace', `t=${SECRETS.jwt}`],
        ['X-Api-Key', SECRETS.apiKeyHeader],
        ['Origin', 'https://app.example'],
        ['Referer', `https://app.example/list?token=${SECRETS.apiKeyInQuery}`],
        ['Sec-Fetch-Mode', 'cors'],
      ],
      initiatorOrigin: 'https://app.example',
      credentialsMode: 'include',
      mode: 'cors',
      body: `{"id":1,"access_token":"${SECRETS.bearerToken}","jwt":"${SECRETS.jwt}"}`,
    },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [
            ['Access-Control-Request-Method', 'PUT'],
            ['Access-Control-Request-Headers', 'authorization,content-type,x-api-key,x-trace'],
            ['Origin', 'https://app.example'],
          ],
          response: {
            status: 204,
            headers: [
              ['Access-Control-Allow-Origin', 'https://app.example'],
              ['Access-Control-Allow-Credentials', 'true'],
              ['Access-Control-Allow-Methods', 'PUT'],
              ['Access-Control-Allow-Headers', 'content-type, authorization'],
              ['Set-Cookie', `pre=${SECRETS.setCookie}; Path=/; HttpOnly`],
            ],
          },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  };
}

/** A blocked GET whose every stranger-controlled field tries to break out of Markdown. */
export function hostileExchange(): ObservedExchange {
  const evil = '``` `x` <script>alert(1)</script> [x](javascript:alert(1)) | a | \n# Owned\n> quote @admin #1 www.evil.example';
  const url = 'https://api.example/a`b|c<d>?q=[x](javascript:alert(1))';
  return {
    request: {
      method: 'GET',
      headers: [
        ['Origin', 'https://app.example'],
        ['X-Evil', evil],
      ],
      initiatorOrigin: 'https://app.example',
      mode: 'cors',
    },
    hops: [
      {
        url,
        response: {
          status: 200,
          headers: [
            ['Access-Control-Allow-Origin', `https://other.example/${evil}`],
            ['Server', `nginx <img src=x onerror=alert(1)> ${evil}`],
          ],
        },
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

/** A PUT from https://app.example whose preflight does not allow the request header `name`. */
export function refusedHeaderExchange(name: string, i = 0, api = 'https://api.example'): ObservedExchange {
  const url = `${api}/items/${i}`;
  return {
    request: { method: 'PUT', headers: [['Origin', 'https://app.example'], [name, '1']], initiatorOrigin: 'https://app.example' },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', name.toLowerCase()]],
          response: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'PUT'], ['X-Powered-By', 'Express']] },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}

/** A GET from https://app.example that the server allows. */
export function allowedExchange(i = 0, api = 'https://api.example'): ObservedExchange {
  return {
    request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example' },
    hops: [{ url: `${api}/ok/${i}`, response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://app.example']] } }],
  };
}

/**
 * A server, https://b.example, reached both ways by a page on https://app.example: a GET redirected
 * to it from https://a.example without credentials (the browser sent Origin: null, refused: no
 * Access-Control-Allow-Origin), and a GET straight to it with a cookie (refused: no
 * Access-Control-Allow-Credentials). `serverHeaders` go on each of b.example's answers: none, and
 * nothing tells which server software it runs.
 */
export function reachedBothWays(serverHeaders: [string, string][] = []): ObservedExchange[] {
  return [
    {
      request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example' },
      hops: [
        { url: 'https://a.example/r', response: { status: 302, headers: [['Location', 'https://b.example/data'], ['Access-Control-Allow-Origin', 'https://app.example']] } },
        { url: 'https://b.example/data', response: { status: 200, headers: [...serverHeaders] } },
      ],
      errorText: 'net::ERR_FAILED',
    },
    {
      request: { method: 'GET', headers: [['Origin', 'https://app.example'], ['Cookie', 'a=1']], credentialsMode: 'include', initiatorOrigin: 'https://app.example' },
      hops: [{ url: 'https://b.example/me', response: { status: 200, headers: [...serverHeaders, ['Access-Control-Allow-Origin', 'https://app.example']] } }],
      errorText: 'net::ERR_FAILED',
    },
  ];
}

/**
 * A PUT whose preflight got 401, so the request never went out, as web-request.ts maps it: the
 * preflight's Origin and the names it listed, with empty values. The 401's `WWW-Authenticate` is
 * redacted, though no request export writes it. `names` are the listed header names.
 */
export function unsentExchange(names: readonly string[] = ['authorization', 'content-type']): ObservedExchange {
  const url = 'https://api.example/items/1';
  return {
    request: {
      method: 'PUT',
      headers: [['Origin', 'https://app.example'], ...names.map((name): [string, string] => [name, ''])],
      initiatorOrigin: 'https://app.example',
      body: '{"id":1}',
    },
    hops: [
      {
        url,
        preflight: {
          url,
          requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', names.join(',')], ['Origin', 'https://app.example']],
          response: { status: 401, headers: [['WWW-Authenticate', 'Bearer realm="api"'], ['Content-Type', 'application/json']] },
        },
        response: null,
      },
    ],
    errorText: 'net::ERR_FAILED',
  };
}
