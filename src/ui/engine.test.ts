// The panel judges by the rules of the browser it runs in: the same exchange, where Chromium and
// Firefox part ways (a no-cors redirect to a URL with credentials: Chromium refuses it, Firefox
// follows), gets each browser's own verdict.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/generate-har.ts';
import { exchangesFromHar } from '../capture/index.ts';
import { browserRules, diagnose, diagnoseInFirefox, diagnoseVerdict, type ObservedExchange } from '../cors/index.ts';
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

// A Chromium capture imported into the Firefox build's panel: Chromium's own sign of a CORS failure
// (net::ERR_FAILED) read as `explain --browser firefox` reads it, so panel, badge and CLI agree.
const PAGE = 'http://127.0.0.1:1111';
// A preflighted PUT whose preflight allows `*` and whose request Chromium then failed: the failure
// makes credentials "include" the reading that explains it (blocked), where plain FIREFOX_RULES,
// not knowing Chromium's sign, cannot tell (uncertain). From test/fixtures/public.devtools.har.
const credentialedFailure: ObservedExchange = {
  request: { method: 'PUT', headers: [['Content-Type', 'text/plain;charset=UTF-8']], initiatorOrigin: PAGE, mode: 'cors' },
  hops: [{
    url: `${API}/a`,
    response: null,
    preflight: {
      url: `${API}/a`,
      requestHeaders: [['Accept', '*/*'], ['Access-Control-Request-Method', 'PUT'], ['Origin', PAGE], ['Sec-Fetch-Mode', 'cors']],
      response: { status: 204, headers: [['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Origin', '*']] },
    },
  }],
  errorText: 'net::ERR_FAILED',
};

const fixture = (path: string) => exchangesFromHar(readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8'));

describe("engineFor('firefox'): the CLI's `--browser firefox` verdict", () => {
  it("reads a Chromium capture's net::ERR_FAILED as plain FIREFOX_RULES do not", () => {
    const firefox = engineFor('firefox');
    const cli = diagnoseInFirefox(credentialedFailure).verdict;
    // The case means something only where plain FIREFOX_RULES would say otherwise.
    expect(diagnose(credentialedFailure, browserRules('firefox')).verdict).not.toBe(cli);
    expect(firefox.diagnose(credentialedFailure).verdict).toBe(cli);
    expect(firefox.diagnoseVerdict(credentialedFailure).verdict).toBe(cli);
  });

  it("gives the CLI's verdict on every exchange of a Firefox HAR, a Chromium HAR and a generated one", () => {
    const firefox = engineFor('firefox');
    const exchanges = [...fixture('firefox-devtools/public.har'), ...fixture('public.devtools.har'), ...exchangesFromHar(generateHar(2000, 5))];
    let differFromPlain = 0;
    for (const exchange of exchanges) {
      const cli = diagnoseInFirefox(exchange).verdict;
      expect(firefox.diagnoseVerdict(exchange).verdict).toBe(cli);
      expect(firefox.diagnose(exchange).verdict).toBe(cli);
      if (diagnoseVerdict(exchange, browserRules('firefox')).verdict !== cli) differFromPlain++;
    }
    expect(exchanges.length).toBeGreaterThan(1000);
    // Some of them (47 when written) are where plain FIREFOX_RULES would give another verdict.
    expect(differFromPlain).toBeGreaterThan(0);
  });
});

// The Firefox build's panel words an advisory for Firefox: * covering Authorization is let through
// by Firefox too (with its deprecation warning), not "by Chromium".
describe("engineFor('firefox').explain", () => {
  const url = `${API}/v1/orders`;
  const starCoversAuthorization: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', PAGE], ['Authorization', 'Bearer x']], initiatorOrigin: PAGE },
    hops: [{
      url,
      preflight: {
        url,
        requestHeaders: [['Origin', PAGE], ['Access-Control-Request-Method', 'GET'], ['Access-Control-Request-Headers', 'authorization']],
        response: { status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ['Access-Control-Allow-Headers', '*']] },
      },
      response: { status: 200, headers: [['Access-Control-Allow-Origin', PAGE], ['Vary', 'Origin']] },
    }],
  };
  const advice = (browser: 'chromium' | 'firefox'): string | undefined => {
    const engine = engineFor(browser);
    const diagnosis = engine.diagnose(starCoversAuthorization);
    expect(diagnosis.verdict).toBe('allowed');
    return engine.explain(diagnosis, starCoversAuthorization).advisories.find((a) => a.kind === 'wildcard-allow-headers-covers-authorization')?.text;
  };

  it('names the browser whose rules the panel follows', () => {
    expect(advice('chromium')).toContain('lets Chromium send Authorization');
    expect(advice('firefox')).toContain('lets Firefox send Authorization, with the console warning CORSAllowHeaderFromPreflightDeprecation');
    expect(advice('firefox')).not.toContain('Chromium');
  });
});
