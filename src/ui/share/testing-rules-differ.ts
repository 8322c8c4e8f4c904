// For tests: two Chromium captures whose judgement the browsers' rules part on, the files the
// import tests open in either panel. Chromium's and Firefox's answers are in the tests.

import type { HeaderList, ObservedExchange } from '../../cors/index.ts';

const PAGE = 'http://127.0.0.1:1111';
const API = 'http://127.0.0.1:2222';
/** What the browser adds to every request here (none of it CORS-unsafe). */
const BROWSER: HeaderList = [['Accept', '*/*'], ['User-Agent', 'x'], ['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE]];

/**
 * The page POSTs JSON to its own origin, which answers 303 to api, which allows the page: the GET
 * after a 303 needs no preflight in Chromium (allowed); Firefox preflights it at api, an answer
 * this capture cannot hold (uncertain).
 */
export const REDIRECTED_POST: ObservedExchange = {
  request: { method: 'POST', headers: [...BROWSER, ['Content-Type', 'application/json']], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
  hops: [
    { url: `${PAGE}/s/0`, response: { status: 303, headers: [['Location', `${API}/s/1`]] } },
    { url: `${API}/s/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE]] } },
  ],
};

/**
 * A PUT whose preflight api redirects (307) without Access-Control-Allow-Origin, as Chromium
 * captured it: Chromium refuses the redirect (PreflightDisallowedRedirect); Firefox reads the
 * headers first and refuses the missing Allow-Origin (CORSMissingAllowOrigin).
 */
export const REDIRECTED_PREFLIGHT: ObservedExchange = {
  request: { method: 'PUT', headers: [...BROWSER], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
  hops: [
    {
      url: `${API}/items/1`,
      preflight: { url: `${API}/items/1`, requestHeaders: [['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE]], response: { status: 307, headers: [['Location', `${API}/items/2`]] } },
      response: null,
    },
  ],
  errorText: 'net::ERR_FAILED',
};
