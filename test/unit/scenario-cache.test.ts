// `fetch.cache` in scenario files (the project's extension of cors-scenarios/1): the file check
// accepts exactly the Fetch Standard's cache modes, and the conformance page passes the mode of the
// scenario it runs to its fetch(). The page's script is run here against a stub `fetch`: the real
// effect (Chromium adding `Cache-Control`/`Pragma`) is what test/scenarios/cache-modes.json records.

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile, ScenarioFileError, type Scenario } from '../conformance/scenario-file.ts';
import { cacheModesOf, pageHtml } from '../conformance/servers.ts';

function fileWithFetch(fetch: unknown): unknown {
  return {
    format: 'cors-scenarios/1',
    scenarios: [{ id: 'c', fetch, hops: [{ host: 'api', response: { status: 200, headers: [] } }], expect: { outcome: 'allowed' } }],
  };
}

describe('fetch.cache in a scenario file', () => {
  it.each(['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'])('accepts %s', (cache) => {
    expect(parseScenarioFile(fileWithFetch({ method: 'PUT', cache })).scenarios[0]!.fetch?.cache).toBe(cache);
  });

  it.each<unknown>(['no_store', 'NO-STORE', '', 42, null, ['no-store']])('rejects %j', (cache) => {
    expect(() => parseScenarioFile(fileWithFetch({ cache }))).toThrow(ScenarioFileError);
    expect(() => parseScenarioFile(fileWithFetch({ cache }))).toThrow(/fetch\.cache/);
  });

  it('leaves a fetch without cache alone', () => {
    expect(parseScenarioFile(fileWithFetch({ method: 'GET' })).scenarios[0]!.fetch?.cache).toBeUndefined();
  });
});

describe("the conformance page's fetch", () => {
  const scenarios = [
    { id: 'with-cache', fetch: { cache: 'no-store' }, hops: [], expect: { outcome: 'allowed' } },
    { id: 'without', fetch: { method: 'PUT' }, hops: [], expect: { outcome: 'allowed' } },
  ] as unknown as Scenario[];

  /** Runs the page's script with a stub fetch; returns what `runScenario(url, init)` passed on. */
  async function initSeenByFetch(html: string, url: string, init: Record<string, unknown>): Promise<unknown> {
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1];
    if (script === undefined) throw new Error('no script in the page');
    let seen: unknown = 'fetch not called';
    const window: Record<string, unknown> = {};
    const fetch = async (_url: string, passed: unknown): Promise<unknown> => {
      seen = passed;
      return { type: 'cors', status: 200, text: async () => 'ok' };
    };
    runInNewContext(script, { window, document: {}, fetch, URL });
    await (window['runScenario'] as (u: string, i: unknown) => Promise<unknown>)(url, init);
    return seen;
  }

  it('maps scenario ids to their cache mode', () => {
    expect(cacheModesOf(scenarios)).toEqual({ 'with-cache': 'no-store' });
  });

  it.each<{ about: string; url: string; init: Record<string, unknown>; cache: unknown }>([
    { about: 'hop 0 of a scenario with a cache mode', url: 'http://127.0.0.1:1/s/with-cache/0', init: { method: 'GET' }, cache: 'no-store' },
    { about: 'a scenario without one', url: 'http://127.0.0.1:1/s/without/0', init: { method: 'PUT' }, cache: undefined },
    { about: 'a cache mode the harness passed itself wins', url: 'http://127.0.0.1:1/s/with-cache/0', init: { cache: 'reload' }, cache: 'reload' },
    { about: 'a URL that is no scenario hop', url: 'http://127.0.0.1:1/with-cache/0', init: {}, cache: undefined },
  ])('$about', async ({ url, init, cache }) => {
    const passed = (await initSeenByFetch(pageHtml(cacheModesOf(scenarios)), url, init)) as Record<string, unknown>;
    expect(passed['cache']).toBe(cache);
  });
});
