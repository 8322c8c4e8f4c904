// Two servers on one host differ by their port alone. In a narrow list (DevTools docked to the
// right) the Initiator -> target column is left out, and at mid width its origins were cut at their
// end: three identical "GET /api/items" rows read "127.0.0.1:3... -> 127.0.0.1:3...", though they
// went to two servers. The port must stay in view, in both layouts.

import { join } from 'node:path';
import type { Page } from 'playwright';
import { expect } from 'playwright/test';
import { afterAll, beforeAll, describe, it, expect as vexpect } from 'vitest';
import { GALLERY } from '../../demo/gallery.ts';
import { hostAndPort } from '../../src/ui/format.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { startPlainPage, type PlainPage } from './helpers/plain-page.ts';

const PAGE = 'http://127.0.0.1:5173';
const shots = process.env['CORS_SCREENSHOTS'];
const exchange = (id: string, port: number, startedAt: number): CapturedExchange => ({
  id,
  source: 'webRequest',
  exchange: {
    request: { method: 'GET', headers: [['Origin', PAGE]], initiatorOrigin: PAGE },
    hops: [{ url: `http://127.0.0.1:${port}/api/items`, response: { status: 200, headers: [] } }],
    errorText: 'net::ERR_FAILED',
    startedAt,
  },
});
const EXCHANGES = [exchange('a', 3000, 1), exchange('b', 3001, 2), exchange('c', 3001, 3)];
const PORTS: Record<string, string> = { a: ':3000', b: ':3001', c: ':3001' };

/** A path's last segment (with its final slash), which a narrow row keeps in view. */
const lastSegment = (path: string): string => /[^/]*\/?$/.exec(path)![0];

// The demo's requests as `npm start` lists them: each endpoint broken and fixed, on the API but for
// a redirect to a third origin and a port where nothing listens.
const DEMO_API = 'http://127.0.0.1:37995';
const DEMO: CapturedExchange[] = GALLERY.flatMap((endpoint, i) =>
  (['broken', 'fixed'] as const).map((variant, j) => {
    const x = exchange(`${endpoint.id}-${variant}`, 0, i * 2 + j);
    const url = `${DEMO_API}/${variant}/${endpoint.id}`;
    const hops =
      endpoint.id === 'tainted-origin'
        ? [{ url, response: { status: 302, headers: [] } }, { url: `http://localhost:33131/${variant}/tainted-origin/final`, response: { status: 200, headers: [] } }]
        : endpoint.id === 'connection-refused' && variant === 'broken'
          ? [{ url: 'http://127.0.0.1:37501/broken/connection-refused', response: null }]
          : [{ url, response: { status: 200, headers: [] } }];
    return { ...x, exchange: { ...x.exchange, request: { ...x.exchange.request, method: endpoint.fetch.method ?? 'GET' }, hops } };
  }),
);

const DEMO_NAMES = GALLERY.map((endpoint) => endpoint.id);

/**
 * The shortest start of `name` that no other of `names` starts with (what tells it apart), of 6
 * characters at least, so as to be found only there in a row's text (`drawnInside` finds its last).
 */
function uniqueStart(name: string, names: string[]): string {
  let length = 6;
  while (names.some((other) => other !== name && other.startsWith(name.slice(0, length)))) length++;
  return name.slice(0, length);
}

let plain: PlainPage;
beforeAll(async () => {
  plain = await startPlainPage();
});
afterAll(async () => {
  await plain?.close();
});

async function listing(width: number, exchanges = EXCHANGES, height = 600): Promise<Page> {
  const page = await plain.open('theme=light', { width, height });
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.evaluate((exchanges) => window.corsInspectorPlain!.capture.upsert(exchanges), exchanges);
  await expect(page.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option')).toHaveCount(exchanges.length);
  return page;
}

/**
 * Where the last occurrence of `text` is drawn in `container` (by the text's own box, which a cut
 * with an ellipsis leaves where the text would be), against the container's box: inside or not.
 */
function drawnInside(page: Page, selector: string, text: string): Promise<{ found: boolean; inside: boolean; cut: boolean }> {
  return page.evaluate(
    ([selector, text]) => {
      const container = document.querySelector(selector)!;
      const box = container.getBoundingClientRect();
      // The text may run over several nodes (a host is drawn in two halves).
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; at: number }[] = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node as Text, at: all.length });
        all += node.textContent!;
      }
      const at = all.lastIndexOf(text);
      let range: Range | null = null;
      if (at >= 0) {
        const place = (offset: number, end: boolean): [Text, number] => {
          let i = nodes.length - 1;
          while (i > 0 && (end ? nodes[i]!.at >= offset : nodes[i]!.at > offset)) i--;
          return [nodes[i]!.node, offset - nodes[i]!.at];
        };
        range = document.createRange();
        range.setStart(...place(at, false));
        range.setEnd(...place(at + text.length, true));
      }
      // Something in the container is cut: the test is about a column too narrow for its text.
      const cut = [container, ...container.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth + 1);
      if (!range) return { found: false, inside: false, cut };
      const drawn = range.getBoundingClientRect();
      return { found: true, inside: drawn.left >= box.left - 0.5 && drawn.right <= box.right + 0.5, cut };
    },
    [selector, text] as const,
  );
}

describe('the port of a target, in a list too narrow for its origins', () => {
  it('at mid width (the table), the origins are cut before their port, never through it', async () => {
    const page = await listing(760);
    for (const [id, port] of Object.entries(PORTS)) {
      const shown = await drawnInside(page, `#cp-row-${id} .cp-col-origins`, port);
      vexpect(shown.cut).toBe(true);
      vexpect(shown).toMatchObject({ found: true, inside: true });
    }
    await page.context().close();
  });

  it('narrow (one line a row, no origins column): the target host and port lead the path', async () => {
    // Two rows, one to each server: neither is most of the list, and each row names its own.
    const page = await listing(400, EXCHANGES.slice(0, 2));
    await expect(page.locator('.cp-list-head')).toHaveCount(0);
    await expect(page.locator('.cp-list-target')).toHaveCount(0);
    for (const [id, port] of Object.entries(PORTS).slice(0, 2)) {
      await expect(page.locator(`#cp-row-${id} .cp-url`)).toHaveText(`127.0.0.1${port}/api/items`);
      vexpect(await drawnInside(page, `#cp-row-${id} .cp-url`, port)).toMatchObject({ found: true, inside: true });
    }
    vexpect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.context().close();
  });

  it('narrow, most rows to one server: its port is in the line above the rows, the other port on its own row', async () => {
    const page = await listing(400);
    const target = page.locator('.cp-list-target');
    await expect(target).toHaveText('2 of 3 requests went to 127.0.0.1:3001 — the other names its server');
    vexpect(await drawnInside(page, '.cp-list-target', ':3001')).toMatchObject({ found: true, inside: true });
    await expect(page.locator('#cp-row-a .cp-url')).toHaveText('127.0.0.1:3000/api/items');
    vexpect(await drawnInside(page, '#cp-row-a .cp-url', ':3000')).toMatchObject({ found: true, inside: true });
    for (const id of ['b', 'c']) await expect(page.locator(`#cp-row-${id} .cp-url`)).toHaveText('/api/items');
    vexpect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.context().close();
  });
});

// The first run: DevTools docked at its default width (a list about 555 px wide) over the demo, whose
// requests all go to one server, 127.0.0.1:46067. Host and path gave way alike, so each row cut the
// host by its path's length: "1", "1..", "1..." or "12...", read as a host named "1".
describe('the target of rows in a narrow list', () => {
  const API = 'http://127.0.0.1:46067';
  const PATHS = ['/broken/missing-allow-origin', '/broken/wrong-origin', '/broken/localhost-vs-127', '/broken/origin-list?x=1', '/ok/simple'];
  const toOne = PATHS.map((path, i) => ({ ...exchange(`p${i}`, 0, i + 1), exchange: { ...exchange(`p${i}`, 0, i + 1).exchange, hops: [{ url: `${API}${path}`, response: { status: 200, headers: [] } }] } }));

  /** What each row draws of its target's origin: the visible width of its host and whether it is cut. */
  function originsDrawn(page: Page): Promise<{ id: string; width: number; cut: boolean }[]> {
    return page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.cp-row')].flatMap((row) => {
        const host = row.querySelector<HTMLElement>('.cp-url .cp-host');
        return host ? [{ id: row.id, width: host.getBoundingClientRect().width, cut: host.scrollWidth > host.clientWidth + 1 }] : [];
      }),
    );
  }

  it('all to one server: it is named once, whole, above the rows, which show their paths', async () => {
    const page = await listing(555, toOne);
    const target = page.locator('.cp-list-target');
    await expect(target).toBeVisible();
    await expect(target).toHaveText('All listed requests went to 127.0.0.1:46067');
    for (const part of ['127.0.0.1', ':46067']) vexpect(await drawnInside(page, '.cp-list-target', part)).toMatchObject({ found: true, inside: true, cut: false });
    vexpect(await originsDrawn(page)).toEqual([]);
    for (const [i, path] of PATHS.entries()) {
      await expect(page.locator(`#cp-row-p${i} .cp-url`)).toHaveText(path);
      // What tells the rows apart is in view: their last segment, the folders before it cut first.
      vexpect(await drawnInside(page, `#cp-row-p${i} .cp-url`, lastSegment(path).slice(0, 12))).toMatchObject({ found: true, inside: true });
    }
    vexpect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(555);
    await page.context().close();
  });

  it('to several servers: each row names its own, cut the same way on every row whatever its path, never through the port', async () => {
    // Methods of different lengths too: each leaves the rest of its row a different width.
    const methods = ['GET', 'DELETE', 'POST', 'OPTIONS', 'PUT'];
    const withMethods = toOne.map((x, i) => ({ ...x, exchange: { ...x.exchange, request: { ...x.exchange.request, method: methods[i]! } } }));
    // As many to another server: neither is most of the list, so each row names its own.
    const mixed = [...withMethods, ...PATHS.map((_, i) => exchange(`other${i}`, 3000, 10 + i))];
    const page = await listing(555, mixed);
    await expect(page.locator('.cp-list-target')).toHaveCount(0);
    const drawn = await originsDrawn(page);
    vexpect(drawn).toHaveLength(mixed.length);
    const toApi = drawn.filter((d) => !d.id.startsWith('cp-row-other'));
    vexpect(new Set(toApi.map((d) => Math.round(d.width))).size).toBe(1);
    vexpect(new Set(toApi.map((d) => d.cut)).size).toBe(1);
    for (const [i] of PATHS.entries()) vexpect(await drawnInside(page, `#cp-row-p${i} .cp-url`, ':46067')).toMatchObject({ found: true, inside: true });
    await page.context().close();
  });

  // The first screen of `npm start`: the demo's 34 requests, all but a few to its API. Each row read
  // `1….1:37995/broken/…`: the API's host cut on every row, and the path cut before what tells the
  // endpoints apart. The API is named once above the rows, which show their paths, cut in their middle.
  it("the demo's list at DevTools' default width: the API named once, each row's endpoint in view, the others' servers on their rows", async () => {
    const page = await listing(554, DEMO, 1100);
    if (shots) await page.screenshot({ path: join(shots, 'origins narrow 554, the demo.png') });
    const others = DEMO.filter((x) => !x.exchange.hops.at(-1)!.url.startsWith(DEMO_API));
    await expect(page.locator('.cp-list-target')).toHaveText(`${DEMO.length - others.length} of ${DEMO.length} requests went to 127.0.0.1:37995 — the other ${others.length} name their servers`);
    vexpect(await drawnInside(page, '.cp-list-target', '127.0.0.1:37995')).toMatchObject({ found: true, inside: true });
    vexpect((await originsDrawn(page)).map((d) => d.id).sort()).toEqual(others.map((x) => `cp-row-${x.id}`).sort());
    for (const x of DEMO) {
      const url = `#cp-row-${x.id} .cp-url`;
      const path = new URL(x.exchange.hops[0]!.url).pathname;
      const elsewhere = others.includes(x) ? hostAndPort(new URL(x.exchange.hops.at(-1)!.url).origin) : null;
      await expect(page.locator(url)).toHaveText(`${elsewhere ? elsewhere.host + elsewhere.port : ''}${path}`);
      // The endpoint's name starts in view, as far as tells it from the others (`missing-allow-o` of
      // `missing-allow-origin` and `-credentials`); on a row to another server, that server whole,
      // then the name's start.
      const name = elsewhere ? lastSegment(path).slice(0, 3) : uniqueStart(lastSegment(path), DEMO_NAMES);
      vexpect(await drawnInside(page, url, name), x.id).toMatchObject({ found: true, inside: true });
      if (elsewhere) vexpect(await drawnInside(page, url, `${elsewhere.host}${elsewhere.port}`), x.id).toMatchObject({ found: true, inside: true });
    }
    vexpect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(554);
    await page.context().close();
  });

  // Widened, the line naming the target gives way to the table's head. Unkeyed, Preact built the
  // listbox anew in the head's place; its ResizeObserver watched the old one, and the rows drawn
  // stayed those of the old size: End then selected a row never drawn.
  it('widened and shortened, the listbox is the same element and draws the rows its new size shows', async () => {
    const page = await listing(554, DEMO, 1100);
    await expect(page.locator('.cp-list-target')).toBeVisible();
    const list = page.getByRole('listbox', { name: 'Cross-origin requests' });
    await list.evaluate((el) => el.setAttribute('data-test-mark', 'first'));
    await page.setViewportSize({ width: 1280, height: 400 });
    await expect(page.locator('.cp-list-head')).toBeVisible();
    await expect(list).toHaveAttribute('data-test-mark', 'first');
    await list.focus();
    await page.keyboard.press('End');
    await expect(page.locator(`[role="option"][aria-posinset="${DEMO.length}"]`)).toHaveAttribute('aria-selected', 'true');
    await page.context().close();
  });

  // Endpoints deep in one API share a long start, which filled the cell: the rows read alike.
  it('paths that share their folders: the last segment of each is in view, the folders cut first, their start kept', async () => {
    const folders = '/api/v2/organizations/northwind-traders/projects/4242/';
    const names = ['members', 'invitations', 'settings?tab=cors', 'audit-log'];
    const deep = names.map((name, i) => {
      const x = exchange(`deep${i}`, 0, i + 1);
      return { ...x, exchange: { ...x.exchange, hops: [{ url: `${API}${folders}${name}`, response: { status: 200, headers: [] } }] } };
    });
    for (const width of [554, 400]) {
      const page = await listing(width, deep);
      await expect(page.locator('.cp-list-target')).toHaveText('All listed requests went to 127.0.0.1:46067');
      for (const [i, name] of names.entries()) {
        const url = `#cp-row-deep${i} .cp-url`;
        await expect(page.locator(url)).toHaveText(`${folders}${name}`);
        vexpect(await drawnInside(page, url, name.slice(0, 7)), `${width}: ${name}`).toMatchObject({ found: true, inside: true, cut: true });
        vexpect(await startDrawn(page, url, '/a'), `${width}: ${name}, the path's start`).toBe(true);
      }
      await page.context().close();
    }
  });

  // Two servers whose hosts differ at their end alone: cut at its end, each host read "api.acme…".
  // The cut is in the middle of the host: its start and its end stay in view, and its port.
  it('to servers whose hosts differ at their end only: the end of each host stays in view, as its start does', async () => {
    const to = (id: string, url: string, i: number): CapturedExchange => {
      const x = exchange(id, 0, i);
      return { ...x, exchange: { ...x.exchange, hops: [{ url, response: { status: 200, headers: [] } }] } };
    };
    // What tells each apart from the others.
    const ENDS: Record<string, string[]> = { dev: ['.dev'], io: ['.io'], port: ['.dev', ':8443'] };
    const mixed = [
      to('dev', 'https://api.northwind-traders.dev/v1/catalog/products?page=2', 1),
      to('io', 'https://api.northwind-traders.io/v1/catalog/products?page=2', 2),
      to('port', 'https://api.northwind-traders.dev:8443/v1/catalog/products?page=2', 3),
    ];
    for (const width of [555, 400]) {
      const page = await listing(width, mixed);
      if (shots) await page.screenshot({ path: join(shots, `origins narrow ${width}, hosts that differ at their end.png`) });
      await expect(page.locator('.cp-list-target')).toHaveCount(0);
      for (const [id, ends] of Object.entries(ENDS)) {
        const origin = `#cp-row-${id} .cp-url .cp-origin`;
        // Cut (else the test would prove nothing), and what tells it apart drawn whole, after the host's first letter.
        for (const end of ends) vexpect(await drawnInside(page, origin, end), `${width}: ${id}, ${end}`).toMatchObject({ found: true, inside: true, cut: true });
        vexpect(await startDrawn(page, origin, 'a'), `${width}: ${id}, its start`).toBe(true);
      }
      await page.context().close();
    }
  });
});

/** Whether the first occurrence of `text` in `container` is drawn inside the box of every element it is in, up to the container. */
function startDrawn(page: Page, selector: string, text: string): Promise<boolean> {
  return page.evaluate(
    ([selector, text]) => {
      const container = document.querySelector(selector)!;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const drawn = range.getBoundingClientRect();
        for (let el = node.parentElement; el && container.contains(el); el = el.parentElement) {
          const box = el.getBoundingClientRect();
          if (drawn.left < box.left - 0.5 || drawn.right > box.right + 0.5) return false;
        }
        return true;
      }
      return false;
    },
    [selector, text] as const,
  );
}
