// From the demo to a terminal: the extension captures a failing exchange in real Chromium, it is
// exported as curl with the function the panel's Export menu uses, and the bash script, run with
// the real curl against the demo API, shows the same failure (the header the browser needed is
// missing) next to the line saying what the server must send.

import { execFile } from 'node:child_process';
import type { Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DemoServers } from '../../demo/server.ts';
import { openDemoTab, type DemoTab } from './helpers/demo-tab.ts';
import { curlScriptFor } from '../../src/export/index.ts';
import type { CapturedExchange } from '../../src/ui/protocol.ts';
import { openPanelTab, storedExchanges, waitFor, type ExtensionBrowser } from './helpers/launch.ts';

let setup: DemoTab;
let demo: DemoServers;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

beforeAll(async () => {
  setup = await openDemoTab();
  ({ demo, browser, page, tabId } = setup);
  await openPanelTab(browser, tabId);
  await waitFor(async () => ((await storedExchanges(browser, tabId)) ? true : undefined), 'the subscription');
});

afterAll(() => setup?.close());

function runBash(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('bash', ['-s'], { timeout: 20_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(script);
  });
}

async function captured(id: string): Promise<CapturedExchange> {
  const outcome = await page.evaluate((endpoint) => (window as unknown as { demo: { run(id: string, variant: string): Promise<unknown> } }).demo.run(endpoint, 'broken'), id);
  expect(outcome).toBeTruthy();
  return waitFor(async () => {
    const all = await storedExchanges(browser, tabId);
    return all.find((x) => !x.pending && x.exchange.hops[0]!.url.includes(`/broken/${id}`));
  }, `the ${id} exchange`);
}

it('a preflight that does not allow the header: the exported curl pair shows it in a terminal', async () => {
  const exchange = (await captured('header-not-allowed')).exchange;
  const script = curlScriptFor(exchange, 'bash');
  if (process.env['SHOW_SCRIPT']) console.log(script);
  expect(script).toContain('# 1. The preflight the browser sent:');
  expect(script).toMatch(/# Expected in the response: Access-Control-Allow-Headers: Content-Type, x-trace-id/i);

  const output = await runBash(script);
  // Two responses: the preflight's and the actual request's (sent from a terminal, no browser stops it).
  const responses = output.split(/\r?\n(?=HTTP\/)/);
  expect(responses).toHaveLength(2);
  const preflight = responses[0]!;
  expect(preflight).toMatch(/^HTTP\/1\.1 204/);
  expect(preflight).toMatch(/access-control-allow-origin: http:\/\/127\.0\.0\.1:\d+/i);
  // The failure, reproduced: the preflight answer does not list the header the page sent.
  const allowHeaders = /access-control-allow-headers: *([^\r\n]*)/i.exec(preflight)?.[1] ?? '';
  expect(allowHeaders.toLowerCase()).not.toContain('x-trace-id');
});

it('a response without Access-Control-Allow-Origin: the exported curl shows it missing', async () => {
  const exchange = (await captured('missing-allow-origin')).exchange;
  const script = curlScriptFor(exchange, 'bash');
  expect(script).not.toContain('The preflight');
  expect(script).toMatch(/# Expected in the response: Access-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+/);
  const output = await runBash(script);
  expect(output).toMatch(/^HTTP\/1\.1 200/);
  expect(output).not.toMatch(/access-control-allow-origin/i);
});
