// The HAR built from protocol events has the shape of Chrome DevTools' own export: the recorded
// events of public.json against the HAR that Chromium 156's DevTools exported for the same file
// (another run, so other ports and dates).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
import { exchangesFromHar } from '../../src/capture/har.ts';
import { firefoxVerdictOf } from '../../src/cors/index.ts';
import { buildHar, type DevToolsEntry } from './har-builder.ts';

const events = (JSON.parse(readFileSync(new URL('./fixtures/public.cdp-events.json', import.meta.url), 'utf8')) as { events: CdpEvent[] }).events;
const devtools = JSON.parse(readFileSync(new URL('./fixtures/public.devtools.har', import.meta.url), 'utf8')) as { log: { entries: DevToolsEntry[] } };

const built = buildHar(events);

/** Ports and dates differ between the two runs; everything else should not. */
function normal(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/(127\.0\.0\.1|localhost):\d+/g, '$1:PORT'));
}

function scenarioEntries(entries: readonly DevToolsEntry[]): DevToolsEntry[] {
  return entries.filter((e) => /\/s\/[a-z0-9-]+\/\d+$/.test(e.request.url));
}

function view(e: DevToolsEntry): unknown {
  return normal({
    method: e.request.method,
    url: e.request.url,
    resourceType: e._resourceType,
    initiatorType: (e._initiator as { type?: string }).type,
    requestHttpVersion: e.request.httpVersion,
    requestHeaders: e.request.headers,
    postData: e.request.postData,
    status: e.response.status,
    statusText: e.response.statusText,
    responseHeaders: e.response.headers.filter((h) => h.name !== 'Date'),
    redirectURL: e.response.redirectURL,
    error: e.response._error,
  });
}

describe('buildHar', () => {
  it('has one entry per hop and per preflight, as DevTools exports them', () => {
    const key = (e: DevToolsEntry): string => `${e.request.method} ${String(normal(e.request.url))}`;
    expect(scenarioEntries(built.log.entries).map(key).sort()).toEqual(scenarioEntries(devtools.log.entries).map(key).sort());
  });

  it('gives each entry the headers, status, redirect and error DevTools gives it', () => {
    const ours = scenarioEntries(built.log.entries).map(view);
    const theirs = scenarioEntries(devtools.log.entries).map(view);
    const order = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect([...ours].sort(order)).toEqual([...theirs].sort(order));
  });

  it('links each preflight to its request, and orders entries by start time', () => {
    for (const e of built.log.entries.filter((x) => x._resourceType === 'preflight')) {
      expect(e._initiator).toMatchObject({ type: 'preflight', url: e.request.url });
      expect(typeof (e._initiator as { requestId?: unknown }).requestId).toBe('string');
    }
    const starts = built.log.entries.map((e) => Date.parse(e.startedDateTime));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});

// One run of redirect-from-page-put-307-no-options recorded with the cores busy, whose HAR once made
// firefox-profile-on-chromium.test.ts fail: each hop must start at its own wall time (har-builder.ts, hopStart).
describe('buildHar on a run recorded under load', () => {
  const loaded = (JSON.parse(readFileSync(new URL('./fixtures/put-307-no-options.under-load.cdp-events.json', import.meta.url), 'utf8')) as { events: CdpEvent[] }).events;
  const har = buildHar(loaded);
  type Sent = { request: { method: string; url: string }; timestamp: number; wallTime: number };
  const sent = (method: string, path: string): Sent =>
    loaded
      .filter((e) => e.method === 'Network.requestWillBeSent')
      .map((e) => e.params as Sent)
      .find((p) => p.request.method === method && p.request.url.endsWith(path))!;
  const entry = (method: string, path: string): DevToolsEntry => har.log.entries.find((e) => e.request.method === method && e.request.url.endsWith(path))!;

  it('starts a redirect hop at its own wall time, as DevTools does, not at the first hop\'s plus the time since', () => {
    const [hop0, hop1, preflight] = [sent('PUT', '/0'), sent('PUT', '/1'), sent('OPTIONS', '/1')];
    // The recording's point: hop 0's clocks drifted 13 ms from hop 1's, more than hop 1 led its preflight by.
    expect((hop0.wallTime - hop0.timestamp - (hop1.wallTime - hop1.timestamp)) * 1000).toBeGreaterThan(10);
    expect((preflight.timestamp - hop1.timestamp) * 1000).toBeLessThan(10);
    expect(entry('PUT', '/1').startedDateTime).toBe(new Date(hop1.wallTime * 1000).toISOString());
    expect(Date.parse(entry('OPTIONS', '/1').startedDateTime)).toBeGreaterThanOrEqual(Date.parse(entry('PUT', '/1').startedDateTime));
  });

  it('gives the engine the preflight of the redirect hop, so Firefox\'s profile blocks as Chromium did', () => {
    const exchange = exchangesFromHar(har).find((x) => x.hops[0]?.url.endsWith('/s/redirect-from-page-put-307-no-options/0'));
    expect(exchange?.hops.map((h) => h.preflight?.response?.status ?? 'none')).toEqual(['none', 405]);
    expect(firefoxVerdictOf(exchange!).outcome).toBe('blocked');
  });
});
