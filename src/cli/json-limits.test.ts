// `explain --json` at its size limits, end to end in-process (docs/cli.md, "Input that is not quite a
// HAR" and "Exit status"). A HAR entry past a limit (a header line over 256 KiB, a URL over 2 MiB, a
// method or error text over 256 KiB) is left out with one line on stderr naming it and the limit,
// counted in `skippedEntries`, status 0; the same values one character shorter are read. A bundle
// past the importer's limits is refused: status 3, one line, nothing on stdout. Never a stack trace.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_HEADER_LINE_LENGTH, MAX_URL_LENGTH } from '../capture/index.ts';
import { EXIT } from './command.ts';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-json-limits-'));
const API = 'http://api.test';

async function explainJson(name: string, text: string): Promise<{ status: number; out: string; err: string }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const out = new Collected();
  const err = new Collected();
  const status = await main(['explain', '--json', path], out, err, {}, Readable.from([]));
  return { status, out: out.text, err: err.text.replaceAll(path, name) };
}

/** A GET from http://page.test, blocked for want of Access-Control-Allow-Origin; `over` replaces parts. */
function entry(over: { method?: string; url?: string; header?: [string, string]; error?: string } = {}): unknown {
  const [name, value] = over.header ?? ['Content-Type', 'text/plain'];
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    request: { method: over.method ?? 'GET', url: over.url ?? `${API}/x`, headers: [{ name: 'Origin', value: 'http://page.test' }] },
    response: { status: 200, headers: [{ name, value }], _error: over.error ?? 'net::ERR_FAILED' },
  };
}
const harOf = (...entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', entries } });

const NO_STACK = /\n\s+at |Error:/;
const headerOf = (length: number): [string, string] => ['X-Big', 'v'.repeat(length - 'X-Big'.length)];
const urlOf = (length: number): string => `${API}/${'p'.repeat(length - `${API}/`.length)}`;
const methodOf = (length: number): string => 'M'.repeat(length);

describe('explain --json at the HAR reader\'s limits', () => {
  it.each<[string, unknown, unknown, string]>([
    ['a header line (name and value)', entry({ header: headerOf(MAX_HEADER_LINE_LENGTH) }), entry({ header: headerOf(MAX_HEADER_LINE_LENGTH + 1) }), 'entries[1].response.headers[0]: 262,145 characters, more than the 262,144'],
    ['a URL', entry({ url: urlOf(MAX_URL_LENGTH) }), entry({ url: urlOf(MAX_URL_LENGTH + 1) }), 'entries[1].request.url: 2,097,153 characters, more than the 2,097,152'],
    ['a method', entry({ method: methodOf(MAX_HEADER_LINE_LENGTH) }), entry({ method: methodOf(MAX_HEADER_LINE_LENGTH + 1) }), 'entries[1].request.method: 262,145 characters, more than the 262,144'],
    ['an error text', entry({ error: 'e'.repeat(MAX_HEADER_LINE_LENGTH) }), entry({ error: 'e'.repeat(MAX_HEADER_LINE_LENGTH + 1) }), 'entries[1].response._error: 262,145 characters, more than the 262,144'],
  ])('%s at the limit is read; one character more, the entry is left out with one line, status 0', async (what, atLimit, overLimit, named) => {
    const result = await explainJson(`${what.replace(/\W+/g, '-')}.har`, harOf(atLimit, overLimit));
    expect(result.status).toBe(EXIT.ok);
    expect(result.err).toBe(
      `cors-inspector explain: ${what.replace(/\W+/g, '-')}.har: skipped 1 unreadable entry (first: ${named} a browser sends or accepts)\n`,
    );
    expect(result.err).not.toMatch(NO_STACK);
    const document = JSON.parse(result.out) as { exchanges: unknown[]; skippedEntries: number };
    expect(document.skippedEntries).toBe(1);
    // The entry at the limit is explained: one line of output for it, the one past the limit none.
    expect(document.exchanges).toHaveLength(1);
  });

  it('--fail-on-blocked counts only what was read: the skipped entry neither blocks nor hides a block', async () => {
    const path = join(dir, 'fail-on-blocked.har');
    writeFileSync(path, harOf(entry(), entry({ header: headerOf(MAX_HEADER_LINE_LENGTH + 1) })));
    const out = new Collected();
    const err = new Collected();
    const status = await main(['explain', '--json', '--fail-on-blocked', path], out, err, {}, Readable.from([]));
    expect(status).toBe(EXIT.blocked);
    expect(err.text.split('\n')).toHaveLength(2);
  });
});

describe('explain --json on a bundle past the importer\'s limits', () => {
  /** A bundle of one exchange whose response carries `headers`. */
  const bundleWith = (headers: [string, string][], url = `${API}/x`): string =>
    JSON.stringify({
      format: 'cors-inspector-bundle',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      engine: { name: 'cors-inspector', version: '0.1.0' },
      exchanges: [
        {
          id: 'exchange-1',
          exchange: { request: { method: 'GET', headers: [['Origin', 'http://page.test']], initiatorOrigin: 'http://page.test' }, hops: [{ url, response: { status: 200, headers } }], errorText: 'net::ERR_FAILED' },
          diagnosis: { verdict: 'blocked', corsError: 'MissingAllowOriginHeader', failedParameter: '', failedAt: { hop: 0, phase: 'response' }, headline: 'No Access-Control-Allow-Origin' },
          notes: [],
        },
      ],
      redactions: [],
    });

  it('within every limit: explained, status 0 (the shape the cases below break)', async () => {
    const result = await explainJson('fine.json', bundleWith(Array.from({ length: 2_000 }, (_, i): [string, string] => [`X-${i}`, 'v']), urlOf(MAX_URL_LENGTH)));
    expect([result.status, result.err]).toEqual([EXIT.ok, '']);
    expect((JSON.parse(result.out) as { exchanges: unknown[] }).exchanges).toHaveLength(1);
  });

  it.each<[string, string, RegExp]>([
    ['a header line over 256 KiB', bundleWith([headerOf(MAX_HEADER_LINE_LENGTH + 1)]), /^cors-inspector explain: big-line\.json: not a valid bundle: exchanges\[0\]\.exchange\.hops\[0\]\.response\.headers\[0\]: 262,145 characters, more than the 262,144 a bundle holds here\n$/],
    ['2,001 header lines in one list', bundleWith(Array.from({ length: 2_001 }, (_, i): [string, string] => [`X-${i}`, 'v'])), /^cors-inspector explain: many-lines\.json: not a valid bundle: exchanges\[0\]\.exchange\.hops\[0\]\.response\.headers: 2001 header lines, more than the 2000 a bundle may hold\n$/],
    ['a URL over 2 MiB', bundleWith([], urlOf(MAX_URL_LENGTH + 1)), /^cors-inspector explain: long-url\.json: not a valid bundle: exchanges\[0\]\.exchange\.hops\[0\]\.url: 2,097,153 characters, more than the 2,097,152 a bundle holds here\n$/],
  ])('%s: status 3, one line naming where, nothing on stdout', async (_what, text, message) => {
    const name = message.source.match(/explain: ([\w-]+)\\\.json/)![1]! + '.json';
    const result = await explainJson(name, text);
    expect(result.status).toBe(EXIT.input);
    expect(result.out).toBe('');
    expect(result.err).toMatch(message);
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
    expect(result.err).not.toMatch(NO_STACK);
  });
});
