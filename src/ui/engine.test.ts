// The panel judges by the rules of the browser it runs in: the same exchange, where Chromium and
// Firefox part ways (a no-cors redirect to a URL with credentials: Chromium refuses it, Firefox
// follows), gets each browser's own verdict.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { engineFor } from './engine.ts';

const API = 'http://127.0.0.1:2222';
const WITH_CREDENTIALS = 'http://u:p@localhost:3333/1';
const noCorsRedirect: ObservedExchange = {
  request: { method: 'GET', headers: [['Accept', '*/*'], ['Sec-Fetch-Mode', 'no-cors']], initiatorOrigin: 'http://127.0.0.1:1111', credentialsMode: 'same-origin', mode: 'no-cors' },
  hops: [
    { url: `${API}/0`, response: { status: 302, headers: [['Location', WITH_CREDENTIALS]] } },
    { url: WITH_CREDENTIALS, response: { status: 200, headers: [] } },
  ],
};

describe('engineFor', () => {
  it("gives Chromium's verdict in Chromium and Firefox's in Firefox, on the full and the verdict-only path", () => {
    const chromium = engineFor('chromium');
    const firefox = engineFor('firefox');
    expect(chromium.diagnose(noCorsRedirect).verdict).not.toBe(firefox.diagnose(noCorsRedirect).verdict);
    expect(chromium.diagnoseVerdict(noCorsRedirect).verdict).toBe(chromium.diagnose(noCorsRedirect).verdict);
    expect(firefox.diagnoseVerdict(noCorsRedirect).verdict).toBe(firefox.diagnose(noCorsRedirect).verdict);
  });
});
