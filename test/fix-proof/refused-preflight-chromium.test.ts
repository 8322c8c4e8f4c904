// What Chromium reports for a preflight refused with 404, 405, 401 or 500, with and without
// Access-Control-Allow-Origin (Network.loadingFailed's corsErrorStatus): the header is checked
// before the status, so the same status is two codes; the engine gives each and reads them apart.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPageSite, type PageSite, replay } from './browser.ts';
import { explainedRequest, explainJson } from './engine.ts';
import { REFUSED_CASES, REFUSED_PUT, refusedHeadline, refusingServer } from './refused-preflight-statuses.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

it.each(REFUSED_CASES)('OPTIONS answered $status (Access-Control-Allow-Origin: $allowOrigin)', async (c) => {
  const api = await refusingServer(c, site.origin);
  try {
    const replayed = await replay(site.browser, `${site.origin}/`, api.url, REFUSED_PUT);
    const corsError = c.allowOrigin ? 'PreflightInvalidStatus' : 'PreflightMissingAllowOriginHeader';
    expect(replayed.run).toMatchObject({ outcome: 'blocked', preflight: true, corsError });
    expect(explainedRequest(explainJson(replayed.har), api.url)).toMatchObject({ corsError, headline: refusedHeadline(c) });
  } finally {
    await api.close();
  }
});
