// The timeline's preflight note says how long the browser keeps the preflight only where it passed.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0: only a preflight that passes creates cache
// entries; a failed one keeps nothing (a first-run review read "Chromium caches it 5 s
// (Access-Control-Max-Age absent)" on /broken/preflight-404). Expected words come from the engine.

import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { diagnose, preflightPassed } from '../../src/cors/index.ts';
import { SAMPLE_EXCHANGES } from '../../src/ui/plain/samples.ts';
import { preflightCacheNote } from '../../src/ui/detail/preflight-cache-note.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

let plain: PlainPage;
beforeAll(async () => {
  plain = await startPlainPage();
});
afterAll(async () => {
  await plain?.close();
});

const sample = (id: string) => {
  const captured = SAMPLE_EXCHANGES.find((c) => c.id === id)!;
  return { captured, diagnosis: diagnose(captured.exchange) };
};

async function noteOf(id: string): Promise<{ page: Page; note: string }> {
  const page = await plain.open('theme=light');
  await page.locator(`[role="option"][id="cp-row-${id}"]`).click();
  const note = page.locator('.cp-detail .cp-preflight-facts');
  await expect(note).toBeVisible();
  return { page, note: (await note.textContent()) ?? '' };
}

describe('the preflight note', () => {
  it('a preflight that passed: how long Chromium caches it', async () => {
    const s = sample('1013');
    vexpect(preflightPassed(s.diagnosis)).toBe(true);
    const { page, note } = await noteOf('1013');
    vexpect(note).toContain(`; ${preflightCacheNote('chromium', s.diagnosis.preflight.maxAge!, s.captured.exchange.hops[0]!.url)}.`);
    await page.context().close();
  });

  it('a preflight refused without Access-Control-Allow-Origin: nothing said cached', async () => {
    const s = sample('1008');
    vexpect(s.diagnosis.corsError).toBe('PreflightMissingAllowOriginHeader');
    vexpect(s.diagnosis.preflight.maxAge).toBeDefined();
    const { page, note } = await noteOf('1008');
    vexpect(note).toContain('Preflight needed for');
    vexpect(note).not.toMatch(/cache/);
    await page.context().close();
  });
});
