// The HAR built from protocol events has the shape of Chrome DevTools' own export: the recorded
// events of public.json against the HAR that Chromium 156's DevTools exported for the same file
// (another run, so other ports and dates).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CdpEvent } from '../../src/capture/devtools-protocol.ts';
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
