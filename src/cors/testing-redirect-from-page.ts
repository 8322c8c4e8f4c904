// For tests: a request the page sends to its own origin and a redirect takes to api, the shape of
// test/scenarios/redirects-from-page.json, shared by the Chromium and Firefox tables of the
// preflight at the new origin.

import type { HeaderList, ObservedExchange, ObservedHop } from './exchange.ts';

export const PAGE = 'http://127.0.0.1:1111';
export const API = 'http://127.0.0.1:2222';
/** What the browser adds to every request here (none of it CORS-unsafe). */
export const BROWSER: HeaderList = [['Accept', '*/*'], ['User-Agent', 'x'], ['Sec-Fetch-Mode', 'cors'], ['Origin', PAGE]];
export const ACAO: HeaderList = [['Access-Control-Allow-Origin', PAGE]];

/** The page's `method` to its own origin, `status` to api's `/s/1`, which answered as `apiHop`. */
export function fromPage(method: string, status: number, pageHeaders: HeaderList, apiHop: Omit<ObservedHop, 'url'>, errorText?: string): ObservedExchange {
  const x: ObservedExchange = {
    request: { method, headers: [...BROWSER, ...pageHeaders], initiatorOrigin: PAGE, credentialsMode: 'same-origin', mode: 'cors' },
    hops: [
      { url: `${PAGE}/s/0`, response: { status, headers: [['Location', `${API}/s/1`]] } },
      { url: `${API}/s/1`, ...apiHop },
    ],
  };
  if (errorText !== undefined) x.errorText = errorText;
  return x;
}
