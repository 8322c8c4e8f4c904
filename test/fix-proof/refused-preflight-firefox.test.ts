// The cases of refused-preflight-chromium.test.ts in Firefox ESR (WebDriver BiDi,
// test/conformance/firefox.ts): Firefox too checks Access-Control-Allow-Origin before the status
// (CORSMissingAllowOrigin without it, CORSPreflightDidNotSucceed with it, each then
// CORSDidNotSucceed), and the engine's Firefox profile, on the HAR Firefox's DevTools exported, says
// the same reasons with the same words as under Chromium's rules.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchangesFromHar } from '../../src/capture/har.ts';
import { FIREFOX_RULES } from '../../src/cors/browser-rules.ts';
import { diagnose } from '../../src/cors/diagnose.ts';
import { headline } from '../../src/cors/explain/headline.ts';
import { firefoxVerdict } from '../../src/cors/firefox/verdict.ts';
import type { PageResult } from '../conformance/browser-verdict.ts';
import type { FirefoxConsoleMessage } from '../conformance/firefox.ts';
import { type FirefoxPage, openFirefoxPage } from './firefox-page.ts';
import { REFUSED_CASES, REFUSED_PUT, refusedHeadline, refusingServer } from './refused-preflight-statuses.ts';

let opened: FirefoxPage | undefined;
beforeAll(async () => {
  opened = await openFirefoxPage();
});
afterAll(async () => {
  await opened?.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const isError = (m: FirefoxConsoleMessage): boolean => m.category.startsWith('CORS') && !m.warning;

it.each(REFUSED_CASES)('OPTIONS answered $status (Access-Control-Allow-Origin: $allowOrigin)', async (c) => {
  const { firefox, tab, origin: pageOrigin } = opened!;
  const api = await refusingServer(c, pageOrigin);
  try {
    // A navigation starts the network monitor's HAR afresh.
    await tab.goto(`${pageOrigin}/`);
    await tab.waitForFunction(() => typeof (window as unknown as { runScenario?: unknown }).runScenario === 'function');
    await firefox.takeConsoleMessages();
    const page = (await tab.evaluate(
      (url: string, init: unknown) => (window as unknown as { runScenario: (u: string, i: unknown) => Promise<unknown> }).runScenario(url, init),
      api.url,
      REFUSED_PUT,
    )) as PageResult;
    // The console reasons come after the page saw the rejection: until both are there.
    let messages: FirefoxConsoleMessage[] = [];
    for (let waited = 0; waited < 5000 && messages.filter(isError).length < 2; waited += 50) {
      messages = messages.concat(await firefox.takeConsoleMessages());
      await sleep(50);
    }
    const reasons = messages.filter(isError).map((m) => m.category.replace(/\d+$/, ''));
    expect(page.settled).toBe('rejected');
    expect(reasons).toEqual([c.allowOrigin ? 'CORSPreflightDidNotSucceed' : 'CORSMissingAllowOrigin', 'CORSDidNotSucceed']);

    // The network monitor gets its events asynchronously: until the HAR holds the request's preflight.
    let exchange = null;
    for (let waited = 0; waited < 10_000 && exchange === null; waited += 200) {
      await sleep(200);
      exchange = exchangesFromHar(await firefox.exportHar()).find((e) => e.hops[0]?.url === api.url && e.hops[0].preflight?.response != null) ?? null;
    }
    expect(exchange).not.toBeNull();
    const diagnosis = diagnose(exchange!, FIREFOX_RULES);
    expect(firefoxVerdict(diagnosis, exchange!)).toMatchObject({ outcome: 'blocked', logged: reasons });
    expect(headline(diagnosis, exchange!)).toBe(refusedHeadline(c));
  } finally {
    await api.close();
  }
});
