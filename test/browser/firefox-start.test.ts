// `npm start -- --firefox` as a user meets it, headless (no display): Firefox with the extension,
// the toolbox's CORS panel in front listing the demo's requests (read from the toolbox's panel
// itself, by start-firefox.mjs: a second WebDriver session cannot attach); what is printed lets a server
// read them (a HAR `cors-inspector explain` reads) and reach the browser; Ctrl-C stops the
// browser and the servers, exit status 0. Runs on the suite's build (`--no-build`).

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { GALLERY } from '../../demo/gallery.ts';
import { listening } from './helpers/net.ts';
import { npmStart, type NpmStart } from './helpers/npm-start.ts';

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
  const har = (await printed(/cors-inspector explain (\S+\.har)/, 'the HAR'))[1]!;
  const summary = (await printed(/summary \(cors-inspector explain\): (.*)/, 'the summary'))[1]!;
  const bidi = (await printed(/over WebDriver BiDi: +(ws:\/\/127\.0\.0\.1:(\d+)\S*)/, 'the BiDi address'))!;
  await printed(/Ctrl-C to stop\./, 'the last line');

  // The HAR holds every request of the demo as the extension captured them in Firefox (a
  // redirect's hops are entries of their own), and the CLI reads it back as the demo's requests.
  const entries = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { request: { url: string } }[] } }).log.entries;
  expect(entries.length).toBeGreaterThanOrEqual(runs);
  expect(summary).toMatch(new RegExp(`^${runs} cross-origin requests: \\d+ blocked, 1 network error`));
  expect(await listening(Number(bidi[2]))).toBe(true);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(start.stderr()).toBe('');
  expect(existsSync(har)).toBe(false);
  expect(await listening(apiPort)).toBe(false);
});
