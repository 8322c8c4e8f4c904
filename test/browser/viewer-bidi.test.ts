// Bidi controls and other invisible characters in a capture, in a diagnosis.html opened from disk:
// they must not change what the viewer and the panel SHOW (nor hide text: a variation selector or a
// Hangul filler in a header name shows nothing). A URL ending `?next=\u202Egnp.lanigiro`
// read `original.png`, a header `X-Shown: \u202E*:nigirO-…` read `Access-Control-Allow-Origin:*`,
// and an Access-Control-Allow-Origin ending in U+202E reversed the rest of the explanation. Each
// such character is shown as an escape, and each datum is an isolate, so that right-to-left letters
// (which no escape list holds) reorder nothing outside it either. Copying is not affected.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import type { ObservedExchange } from '../../src/cors/index.ts';
import { createBundle, diagnosisPage, serializeBundle } from '../../src/export/index.ts';
import { DIST } from './helpers/launch.ts';
import { openStaticSite, type StaticSite } from './helpers/static-server.ts';

const VIEWER = readFileSync(join(DIST, 'viewer.html'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'cors-inspector-bidi-'));
let site: StaticSite;

beforeAll(async () => {
  site = await openStaticSite('bidi');
});

afterAll(async () => {
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const PAGE = 'https://app.example';
const HEBREW = '\u05e9\u05dc\u05d5\u05dd';

/** The review's reproduction (t3.har): a reversed URL end, a header that reads as another, a value ending in U+202E. */
const SPOOF: ObservedExchange = {
  request: {
    method: 'PUT',
    initiatorOrigin: PAGE,
    headers: [['Origin', PAGE], ['X-Shown', '\u202e*:nigirO-wollA-lortnoC-sseccA']],
  },
  hops: [
    {
      url: 'https://api.example/x?next=\u202egnp.lanigiro',
      response: { status: 200, headers: [['Access-Control-Allow-Origin', `${PAGE}\u202e`], ['X-Info', `a\u2066\u200b\u200f\u061c\ufeff\u0085b 200`], ['X-\u202eName', 'v'], ['X-\u3164Hidden\ufe0f', 'v\u2800w\u115f\udb40\udd00']] },
    },
  ],
  errorText: 'net::ERR_FAILED',
};

/** No control at all, only right-to-left letters and digits: an isolate is what keeps them in place. */
const RTL: ObservedExchange = {
  request: { method: 'GET', initiatorOrigin: PAGE, headers: [['Origin', PAGE]] },
  hops: [{ url: `https://api.example/${HEBREW}/1`, response: { status: 200, headers: [['Access-Control-Allow-Origin', `https://${HEBREW}.example, 200`], ['X-Info', `${HEBREW} 200`]] } }],
  errorText: 'net::ERR_FAILED',
};

const rowId = (id: string) => `cp-row-${id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
const row = (page: Page, id: string) => page.locator(`[role="option"][id="${rowId(id)}"]`);

/** Raw characters the panel must never show as they are (its layout's line feeds and tabs aside). */
async function rawControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Also what shows nothing although it is no format character: variation selectors, Hangul
    // fillers (default-ignorable), the Braille blank.
    const unprintable = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/u;
    const found: string[] = [];
    const note = (where: string, text: string | null) => {
      for (const char of text ?? '') if (char !== '\n' && char !== '\t' && unprintable.test(char)) found.push(`${where}: U+${char.codePointAt(0)!.toString(16)}`);
    };
    note('text', document.body.innerText);
    note('title', document.title);
    for (const element of document.body.querySelectorAll('*')) {
      for (const name of ['title', 'aria-label']) note(`${element.tagName} ${name}`, element.getAttribute(name));
    }
    return found;
  });
}

/**
 * Where `first` and then `then` are drawn inside `container`'s text: `then` must come after `first`
 * in reading order (below it, or on its line to its right). Both are found in the DOM text, so a
 * bidi control left raw (which reverses what follows) puts `then` before.
 */
async function drawnInOrder(container: Locator, first: string, then: string): Promise<boolean> {
  return container.evaluate(
    (element, [a, b]) => {
      const rectOf = (needle: string): DOMRect => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const nodes: Text[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
        const whole = nodes.map((n) => n.data).join('');
        const at = whole.indexOf(needle);
        if (at < 0) throw new Error(`${needle} not in ${whole}`);
        // The first and the last character of the needle, each in its text node.
        const point = (offset: number): [Text, number] => {
          let left = offset;
          for (const n of nodes) {
            if (left < n.data.length) return [n, left];
            left -= n.data.length;
          }
          throw new Error('past the end');
        };
        const range = document.createRange();
        const [startNode, startOffset] = point(at);
        const [endNode, endOffset] = point(at + needle.length - 1);
        range.setStart(startNode, startOffset);
        range.setEnd(endNode, endOffset + 1);
        const rects = [...range.getClientRects()];
        // Reading order of the needle's own boxes, first to last as drawn.
        const x = Math.min(...rects.map((r) => r.left));
        const y = Math.min(...rects.map((r) => r.top));
        const right = Math.max(...rects.map((r) => r.right));
        const bottom = Math.max(...rects.map((r) => r.bottom));
        return new DOMRect(x, y, right - x, bottom - y);
      };
      const ra = rectOf(a);
      const rb = rectOf(b);
      const sameLine = Math.abs(ra.top - rb.top) < ra.height / 2;
      return sameLine ? rb.left >= ra.right - 1 : rb.top > ra.top;
    },
    [first, then] as const,
  );
}

describe('diagnosis.html with bidi controls and right-to-left text in the capture', () => {
  const bundle = serializeBundle(
    createBundle({
      exchanges: [
        { id: 'spoof', exchange: SPOOF, notes: [{ text: `see \u202eredaolnwod 42`, author: { name: 'Bo\u202e' } }] },
        { id: 'rtl', exchange: RTL, notes: [{ text: `${HEBREW} 42`, author: { name: HEBREW } }] },
      ],
      engineVersion: '0.0.1',
      author: { name: `Ana\u202e${HEBREW}` },
      createdAt: '2026-03-01T09:08:07.000Z',
    }),
  );
  const file = join(scratch, 'diagnosis.html');
  writeFileSync(file, diagnosisPage(VIEWER, bundle));

  it('shows every bidi control and invisible character as an escape, and the text after it in order', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${pathToFileURL(file).href}?theme=light`);
    await row(page, 'import-1:spoof').click();

    const detail = page.locator('.cp-detail');
    const title = detail.locator('.cp-detail-url');
    // Read as the browser sends it (session 33): the override percent-encoded, nothing to reorder.
    await expect(title).toHaveText('PUT https://api.example/x?next=%E2%80%AEgnp.lanigiro');
    vexpect(await drawnInOrder(title, 'gnp', 'lanigiro')).toBe(true);

    const shown = detail.locator('.cp-header[data-header="x-shown"] dd');
    await expect(shown).toContainText('\\u202e*:nigirO-wollA-lortnoC-sseccA');
    vexpect(await drawnInOrder(shown, '*', 'nigirO')).toBe(true);

    const acao = detail.locator('.cp-pair-side[aria-label="Server answered"] .cp-header[data-header="access-control-allow-origin"] dd');
    await expect(acao).toContainText('https://app.example\\u202e');

    // The engine's words write the override as `\u202E` themselves (escape.ts, session 34), so the
    // panel shows their escape, not its own lower-case one.
    const why = detail.locator('.cp-explanation');
    await expect(why).toContainText("('https://app.example\\u202E')");
    vexpect(await drawnInOrder(why, "'https://app.example\\u202E'", 'send exactly')).toBe(true);

    await detail.getByRole('button', { name: /other header/ }).click();
    await expect(detail.locator('.cp-header[data-header="x-info"] dd')).toHaveText('a\\u2066\\u200b\\u200f\\u061c\\ufeff\\x85b 200');

    const header = page.locator('header.cp-diagnosis');
    await expect(header).toContainText(`Shared by Ana\\u202e${HEBREW} on 2026-03-01 09:08 UTC`);
    await expect(header.locator('.cp-diagnosis-causes')).toContainText(/https:\/\/app\.example\\u202[eE]/);
    await expect(header.locator('.cp-diagnosis-note-text').first()).toHaveText('see \\u202eredaolnwod 42');
    await expect(page).toHaveTitle(`CORS diagnosis by Ana\\u202e${HEBREW}`);

    vexpect(await rawControls(page)).toEqual([]);
    // The what-if's editors hold the values exactly (an input is a paragraph of its own); what is
    // written about them is shown as everywhere else.
    await detail.locator('details.cp-whatif summary').click();
    await expect(detail.getByRole('textbox', { name: 'Value of X-Info' })).toHaveValue(SPOOF.hops[0]!.response!.headers[1]![1]);
    await expect(detail.locator('.cp-whatif-result')).toBeVisible();
    vexpect(await rawControls(page)).toEqual([]);
    vexpect(problems).toEqual([]);
    await context.close();
  });

  // No escape applies here: what keeps the text around such a value in place is the isolate, checked
  // as the browser computes it, on every text that holds a right-to-left letter.
  it('every right-to-left letter shown is inside an isolate of data', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(file).href}?theme=light`);
    await row(page, 'import-1:rtl').click();
    const detail = page.locator('.cp-detail');
    await expect(detail.locator('.cp-explanation')).toContainText(HEBREW);
    await detail.getByRole('button', { name: /other header/ }).click();
    await expect(detail.locator('.cp-header[data-header="x-info"] dd')).toContainText(`${HEBREW} 200`);

    const outside = await page.evaluate(() => {
      const rtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
      const bad: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement!;
        if (!rtl.test((node as Text).data) || parent.closest('script, style, textarea')) continue;
        const isolate = parent.closest('bdi.cp-data');
        if (!isolate || getComputedStyle(isolate).unicodeBidi !== 'isolate') bad.push(`${parent.tagName}.${parent.className}: ${(node as Text).data}`);
      }
      return bad;
    });
    vexpect(outside).toEqual([]);
    await context.close();
  });
});
