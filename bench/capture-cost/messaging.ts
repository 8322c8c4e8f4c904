// The port's share of the capture's cost (session 26): one load's panel deliveries (recorded from
// the replay, bench/capture-cost/replay.ts: the JSON text the worker posts) sent from an extension's
// service worker to an extension page over a `runtime.Port`, which parses each as the panel's port
// does. Two throwaway extensions alike but for manifest.json's `message_serialization` (JSON, the
// default, or structured clones), in fresh browsers, interleaved; the extension process's CPU by
// thread (bench/browser-cpu.ts) over `--loads` loads' worth of messages.
//
//   npx tsx bench/capture-cost/messaging.ts --messages=FILE [--rounds=N] [--loads=N]
//
// FILE: a JSON array of the messages' texts, in order.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../../test/browser/helpers/launch.ts';
import { browserCpu } from '../browser-cpu.ts';

const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const file = option('messages');
if (file === undefined) throw new Error('--messages=FILE (see the first lines of bench/capture-cost/messaging.ts)');
const rounds = Number(option('rounds') ?? 4);
const loads = Number(option('loads') ?? 10);
const messages = readFileSync(file, 'utf8');

const WORKER = `
let texts = null;
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener(async (request) => {
    texts ??= await (await fetch(chrome.runtime.getURL('messages.json'))).json();
    for (let load = 0; load < request.loads; load++) for (const text of texts) port.postMessage(text);
    port.postMessage('"end"');
  });
});`;
const PAGE = `
const port = chrome.runtime.connect({ name: 'bench' });
let received = 0;
port.onMessage.addListener((message) => {
  // As the panel's port does (extension/port-transport.ts).
  const parsed = typeof message === 'string' ? JSON.parse(message) : message;
  if (parsed === 'end') globalThis.done?.(received);
  else received++;
});
globalThis.run = (loads) => new Promise((resolve) => { globalThis.done = resolve; port.postMessage({ loads }); });`;

function extension(serialization: 'json' | 'structured_clone'): string {
  const dir = mkdtempSync(join(tmpdir(), `cors-inspector-messaging-${serialization}-`));
  const manifest = { manifest_version: 3, name: 'messaging', version: '1', background: { service_worker: 'worker.js' }, ...(serialization === 'json' ? {} : { message_serialization: serialization }) };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'worker.js'), WORKER);
  writeFileSync(join(dir, 'page.html'), '<!doctype html><script src="page.js"></script>');
  writeFileSync(join(dir, 'page.js'), PAGE);
  writeFileSync(join(dir, 'messages.json'), messages);
  return dir;
}

const variants = { json: extension('json'), structured_clone: extension('structured_clone') } as const;
const results: Record<string, Record<string, number>[]> = { json: [], structured_clone: [] };
try {
  for (let round = 0; round < rounds; round++) {
    for (const name of (round % 2 === 0 ? ['json', 'structured_clone'] : ['structured_clone', 'json']) as (keyof typeof variants)[]) {
      const browser = await launchWithExtension({ dist: variants[name] });
      try {
        const cpu = browserCpu(browser.userDataDir, { threadNames: true })!;
        const page = await browser.context.newPage();
        await page.goto(`chrome-extension://${browser.extensionId}/page.html`);
        await page.evaluate((n) => (globalThis as unknown as { run(n: number): Promise<number> }).run(n), 1); // warm-up
        await new Promise((done) => setTimeout(done, 1000));
        const before = cpu();
        const started = Date.now();
        const received = await page.evaluate((n) => (globalThis as unknown as { run(n: number): Promise<number> }).run(n), loads);
        const wallMs = Date.now() - started;
        const after = cpu();
        const pick = (k: string): number => (after.byKind[k] ?? 0) - (before.byKind[k] ?? 0);
        const row = { wallMs, received, extension: pick('extension'), worker: pick('extension:worker'), main: pick('extension:main'), other: pick('extension:other'), browser: pick('browser') };
        results[name]!.push(row);
        console.log(`round ${round + 1} ${name.padEnd(16)} ${JSON.stringify(row)}`);
      } finally {
        await browser.close();
      }
    }
  }
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  for (const [name, rows] of Object.entries(results)) {
    const cells = ['wallMs', 'extension', 'worker', 'main', 'other', 'browser'].map((k) => `${k} ${(median(rows.map((r) => r[k]!)) / loads).toFixed(1)}`);
    console.log(`${name}: per load's messages (median of ${rows.length} browsers): ${cells.join(', ')} ms`);
  }
} finally {
  for (const dir of Object.values(variants)) rmSync(dir, { recursive: true, force: true });
}
