// A server reached both ways (directly with credentials, and with Origin: null after a redirect)
// whose answers tell no server software: the merged configuration is plain headers for the page's
// origin alone, and the note says for which stacks the one configuration exists. --json gives those
// stacks as data; each surface's words point to where that surface shows the layers seen.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../cors/index.ts';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { reachedBothWays } from '../export/testing-exchanges.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const STACKS = ['express', 'fastify', 'koa', 'flask', 'django', 'nginx', 'apache', 'caddy'];

async function run(command: 'explain' | 'report', exchanges: ObservedExchange[], args: string[] = []): Promise<string> {
  const out = new Collected();
  const err = new Collected();
  const har = serializeHar(harFromExchanges(exchanges, { includeSecrets: true }));
  const status = await main([command, ...args, '-'], out, err, {}, Readable.from([Buffer.from(har)]));
  expect([status, err.text]).toEqual([0, '']);
  return out.text;
}

interface JsonConfig {
  apiOrigin: string;
  stack: string | null;
  originNullAfterRedirect?: true;
  stacksAnsweringBoth?: string[];
}

async function configsOf(exchanges: ObservedExchange[]): Promise<JsonConfig[]> {
  return (JSON.parse(await run('explain', exchanges, ['--json'])) as { serverConfigs: JsonConfig[] }).serverConfigs;
}

describe('explain --json: stacksAnsweringBoth, the note as data', () => {
  it('where no stack was recognised and the server must answer both: the stacks whose configuration does', async () => {
    const b = (await configsOf(reachedBothWays())).find((config) => config.apiOrigin === 'https://b.example')!;
    expect(b).toMatchObject({ stack: null, originNullAfterRedirect: true, stacksAnsweringBoth: STACKS });
  });

  it('nowhere else: a recognised stack, requests that came only one way, a server no redirect reached', async () => {
    // Express names itself: its own snippet answers both kinds.
    const recognised = await configsOf(reachedBothWays([['X-Powered-By', 'Express']]));
    expect(recognised.find((config) => config.apiOrigin === 'https://b.example')).toMatchObject({ stack: 'express' });
    // Only the redirected request (no credentials anywhere): * serves it, which plain headers say.
    const [redirected, direct] = reachedBothWays();
    const onlyRedirected = await configsOf([redirected!]);
    // Only the direct one: no Origin: null to answer.
    const onlyDirect = await configsOf([direct!]);
    for (const config of [...recognised, ...onlyRedirected, ...onlyDirect]) expect(config).not.toHaveProperty('stacksAnsweringBoth');
    expect(onlyRedirected.map((config) => config.apiOrigin)).toContain('https://b.example');
    expect(onlyDirect.map((config) => config.apiOrigin)).toEqual(['https://b.example']);
  });
});

describe("the note's pointer to the layers seen, per surface", () => {
  const NOTE = /The one configuration that answers both is written for Express, Fastify, Koa, Flask, Django, nginx, Apache and Caddy: write it for the layer that adds your CORS headers \(the web server in front when its configuration adds them, else the app(?<pointer>[^)]*)\), not for a layer that only passes them on\./;
  const pointerIn = (text: string): string | undefined => NOTE.exec(text.replace(/\s+/g, ' '))?.groups?.['pointer'];

  it('explain (text): names the command, which is at hand', async () => {
    expect(pointerIn(await run('explain', reachedBothWays()))).toBe('; `cors-inspector explain --json` names the layers it saw under stack');
  });

  it('report: no pointer (the report is read where no tool may be at hand, and shows no layers)', async () => {
    const report = await run('report', reachedBothWays());
    expect(pointerIn(report)).toBe('');
    expect(report).not.toContain('explain --json');
  });
});
