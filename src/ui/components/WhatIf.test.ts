// The what-if judges its edited copy by the rules the exchange itself is judged by: the panel's,
// or an opened file's (a Firefox bundle's are Firefox's in any panel).

import { describe, expect, it } from 'vitest';
import { REDIRECTED_POST, REDIRECTED_PREFLIGHT } from '../share/testing-rules-differ.ts';
import { runWhatIf } from './WhatIf.tsx';

describe('runWhatIf: by the rules given', () => {
  it("a POST 303 made a GET: allowed by Chromium's rules, uncertain by Firefox's", () => {
    expect(runWhatIf(REDIRECTED_POST, {}, 'chromium')).toMatchObject({ ok: true, simulation: { diagnosis: { verdict: 'allowed' } } });
    expect(runWhatIf(REDIRECTED_POST, {}, 'firefox')).toMatchObject({ ok: true, simulation: { diagnosis: { verdict: 'uncertain' } } });
  });

  it("a redirected preflight without Allow-Origin: each browser's reason and headline", () => {
    expect(runWhatIf(REDIRECTED_PREFLIGHT, {}, 'chromium')).toMatchObject({ ok: true, headline: 'Preflight redirected', simulation: { diagnosis: { corsError: 'PreflightDisallowedRedirect' } } });
    expect(runWhatIf(REDIRECTED_PREFLIGHT, {}, 'firefox')).toMatchObject({ ok: true, headline: 'Preflight got 307', simulation: { diagnosis: { corsError: 'PreflightMissingAllowOriginHeader' } } });
  });
});
