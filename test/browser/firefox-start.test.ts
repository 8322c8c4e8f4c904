// `npm start -- --firefox` as a user meets it, headless (no display): Firefox with the extension,
// the toolbox's CORS panel in front listing the demo's requests (read from the toolbox's panel
// itself, by start-firefox.mjs: a second WebDriver session cannot attach); what is printed lets a server
// read them (a HAR `cors-inspector explain` reads) and reach the browser; Ctrl-C stops the
// browser and the servers, exit status 0. Runs on the suite's build (`--no-build`).

import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { GALLERY } from '../../demo/gallery.ts';
import { waitFor } from '../../scripts/devtools-frontend.ts';
import { listening } from './helpers/net.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let start: ChildProcessWithoutNullStreams | undefined;

afterAll(() => {
  // Only if a check failed before Ctrl-C was sent.
  if (start && start.exitCode === null) start.kill('SIGKILL');
});

it('captures the demo in Firefox with the CORS panel in front, and stops cleanly on Ctrl-C', { timeout: 240_000 }, async () => {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--firefox', '--no-build', '--headless'], {
    cwd: ROOT,
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  start = child;
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // 'close' comes after the child's output has all arrived ('exit' may come before its last lines).
  const closed = new Promise<string>((done) => child.once('close', (code, signal) => done(signal ? `signal ${signal}` : `status ${code}`)));
  // What start printed goes into any failure: a step that failed early exits with its reason on
  // stderr, and the test says so at once rather than waiting out its 150 s.
  const output = () => `\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const printed = (pattern: RegExp, what: string): Promise<RegExpMatchArray> =>
    Promise.race([
      waitFor(async () => stdout.match(pattern) ?? undefined, what, 150_000).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}${output()}`);
      }),
      closed.then((how) => {
        const match = stdout.match(pattern);
        if (match) return match;
        throw new Error(`npm start ended (${how}) before printing ${what}${output()}`);
      }),
    ]);

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
  expect(stderr).toBe('');
  expect(existsSync(har)).toBe(false);
  expect(existsSync(screenshot)).toBe(false);
  expect(await listening(apiPort)).toBe(false);
});
