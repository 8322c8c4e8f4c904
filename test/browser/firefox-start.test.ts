// `npm start -- --firefox` as a user meets it, headless (no display): Firefox with the extension,
// the toolbox's CORS panel in front listing the demo's requests (read from the toolbox's panel
// itself, by start-firefox.mjs: a second WebDriver session cannot attach); what is printed lets a server
// read them (a HAR `cors-inspector explain` reads) and reach the browser; Ctrl-C stops the
// browser and the servers, exit status 0. Runs on the suite's build (`--no-build`).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { GALLERY } from '../../demo/gallery.ts';
import { listening } from './helpers/net.ts';
import { npmStart, type NpmStart } from './helpers/npm-start.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let start: NpmStart | undefined;

afterAll(() => start?.killIfRunning());

it('captures the demo in Firefox with the CORS panel in front, and stops cleanly on Ctrl-C', { timeout: 240_000 }, async () => {
  start = npmStart(['--firefox']);
  const { child, exited, printed } = start;

  const ready = await printed(/✔ CORS panel in front in Firefox's toolbox, listing (\d+) requests of the demo \((\d+) made, (\d+) failed\)/, 'the "panel in front" line');
  const runs = GALLERY.length * 2;
  expect(Number(ready[1])).toBe(runs);
  expect(Number(ready[2])).toBe(runs);
  expect(Number(ready[3])).toBe(GALLERY.filter((e) => e.expect.broken === 'failed').length + GALLERY.filter((e) => e.expect.fixed === 'failed').length);
  const apiPort = Number((await printed(/api: +http:\/\/127\.0\.0\.1:(\d+)/, 'the API origin'))[1]);
  const screenshot = (await printed(/toolbox's CORS panel, as it is now: +(\S+\.png)/, 'the screenshot'))[1]!;
  const har = (await printed(/cors-inspector explain (\S+\.har)/, 'the HAR'))[1]!;
  const summary = (await printed(/summary \(cors-inspector explain\): (.*)/, 'the summary'))[1]!;
  const bidi = (await printed(/over WebDriver BiDi: +(ws:\/\/127\.0\.0\.1:(\d+)\S*)/, 'the BiDi address'))!;
  await printed(/Ctrl-C to stop\./, 'the last line');

  // The HAR holds every request of the demo as the extension captured them in Firefox (a
  // redirect's hops are entries of their own), and the CLI reads it back as the demo's requests.
  const { log } = JSON.parse(readFileSync(har, 'utf8')) as { log: { creator: Record<string, unknown>; entries: { request: { url: string } }[] } };
  expect(log.entries.length).toBeGreaterThanOrEqual(runs);
  expect(summary).toMatch(new RegExp(`^${runs} cross-origin requests: \\d+ blocked, 1 network error`));
  // Firefox sent them, and the HAR says so: the explain command printed for it speaks to the
  // Firefox user in Firefox's terms (its reason code and console line), not Chromium's.
  expect(log.creator['_browser']).toBe('firefox');
  const explained = execFileSync(process.execPath, ['bin/cors-inspector.mjs', 'explain', har], { cwd: ROOT, encoding: 'utf8' });
  expect(explained).toContain('Firefox: blocked, CORSMissingAllowOrigin');
  expect(explained).toContain('Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote');
  expect(explained).not.toMatch(/Chromium: |blocked by CORS policy/);
  expect(await listening(Number(bidi[2]))).toBe(true);
  // A PNG of the whole window (the tab and the toolbox below it), not of the page alone.
  const png = readFileSync(screenshot);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
  expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(500);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(start.stderr()).toBe('');
  // What it printed for use after the stop is still there (the printed explain command works).
  expect(existsSync(har)).toBe(true);
  expect(existsSync(screenshot)).toBe(true);
  rmSync(dirname(har), { recursive: true, force: true });
  expect(await listening(apiPort)).toBe(false);
});
