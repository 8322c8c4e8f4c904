// Reading a HAR an entry at a time must read exactly what parsing it whole reads: the same
// exchanges, the same skipped entries, the same error. Checked against the whole-file reading on
// the recorded HAR, mutated, re-indented and rearranged.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { harSlice, mutatedDocumentArbitrary, mutatedText } from '../../test/unit/json-mutations.ts';
import { HarError, mapHar } from '../capture/index.ts';
import { createBundle, serializeBundle } from '../export/index.ts';
import { canaryExchange, RECORDED_HAR_PATH } from '../export/testing-exchanges.ts';
import { CliError } from './command.ts';
import { inputFromBytes, notJsonError, nothingReadableError, readInput, walkHar } from './input.ts';
import { JsonBytes, type ReadBytes } from './json-members.ts';

const recorded = readFileSync(RECORDED_HAR_PATH, 'utf8');
const har = JSON.parse(recorded) as { log: { entries: unknown[] } & Record<string, unknown> };

/**
 * The reading to agree with: the whole text parsed at once, its failures in the CLI's words (an
 * empty or cut-short text, every entry unreadable: `notJsonError`, `nothingReadableError`).
 */
function wholeReading(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const mapping = mapHar(body);
    const nothing = nothingReadableError('name', mapping);
    if (nothing !== null) return { error: nothing.message };
    return { exchanges: mapping.exchanges, skippedEntries: mapping.skippedEntries, firstSkipReason: mapping.firstSkipReason };
  } catch (error) {
    if (error instanceof HarError && error.code === 'not-json') return { error: notJsonError('name', body, /^not a HAR file: not JSON \((.*)\)$/.exec(error.message)![1]!, Buffer.byteLength(text)).message };
    if (error instanceof HarError) return { error: `name: ${error.message}` };
    throw error;
  }
}

function walkedReading(text: string): unknown {
  try {
    const input = inputFromBytes(Buffer.from(text, 'utf8'), 'name');
    return { exchanges: input.items.map((item) => item.exchange), skippedEntries: input.skippedEntries, firstSkipReason: input.firstSkipReason };
  } catch (error) {
    if (error instanceof CliError) return { error: error.message };
    throw error;
  }
}

/** The recorded HAR indented by 2, with entry `index`'s first nested object closing on a line indented as the entry. */
function closingAtEntryIndentation(index: number): string {
  const lines = JSON.stringify(har, null, 2).split('\n');
  const entryStarts = lines.flatMap((line, i) => (line === '      {' ? [i] : []));
  const start = entryStarts[index]!;
  const close = lines.findIndex((line, i) => i > start && /^ {8}\}/.test(line));
  lines[close] = lines[close]!.replace(/^ {8}/, '      ');
  return lines.join('\n');
}

const cases: { about: string; text: string }[] = [
  { about: 'the recorded HAR', text: recorded },
  { about: 'compact', text: JSON.stringify(har) },
  { about: 'with a byte-order mark', text: `\ufeff${recorded}` },
  { about: 'pages after entries', text: JSON.stringify({ log: { entries: har.log.entries, pages: [{ id: 'page_1', title: 'http://127.0.0.1:1/' }] } }) },
  { about: '"log" twice', text: `{"log": {"entries": []}, "log": ${JSON.stringify(har.log)}}` },
  { about: '"entries" twice', text: `{"log": {"entries": ${JSON.stringify(har.log.entries)}, "entries": []}}` },
  { about: 'whitespace everywhere', text: JSON.stringify(har, null, '\t').replace(/\n/g, '\r\n') },
  { about: 'trailing garbage', text: `${recorded} x` },
  { about: 'a trailing comma in entries', text: JSON.stringify(har).replace(/\]\}\}$/, ',]}}') },
  { about: 'an invalid value beside the log', text: `{"x": tru, "log": {"entries": []}}` },
  { about: 'a string with escaped quotes and backslashes', text: `{"log": {"comment": "a\\\\\\"b\\\\", "entries": [{"request": {"method": "GET", "url": "http://a/\\\\\\""}}]}}` },
  { about: 'no entries', text: '{"log": {"version": "1.2"}}' },
  { about: 'entries not a list', text: '{"log": {"entries": {}}}' },
  { about: 'log not an object', text: '{"log": [1]}' },
  { about: 'a top-level array', text: '[{"log": {"entries": []}}]' },
  { about: 'empty', text: '' },
  { about: 'not JSON', text: 'hello' },
  { about: 'truncated', text: recorded.slice(0, 5000) },
  { about: 'deeply nested', text: `{"log": {"entries": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}}` },
  // An indented entry is taken to end at the first `}` line of its indentation, until JSON.parse refuses that guess.
  { about: 'indented by four', text: JSON.stringify(har, null, 4) },
  { about: 'a nested object closing at its entry’s indentation', text: closingAtEntryIndentation(2) },
  { about: 'a later entry closing where the guess does not', text: closingAtEntryIndentation(Math.max(0, har.log.entries.length - 3)) },
  { about: 'entries on one line each, closing elsewhere', text: `{"log": {"entries": [\n  ${har.log.entries.map((entry) => JSON.stringify(entry)).join(',\n  ')},\n  {\n  "x": 1\n  }\n]}}` },
  { about: 'an entry-closing line inside a string, escaped', text: JSON.stringify({ log: { entries: [{ ...(har.log.entries[0] as object), comment: '\n      }\n      },' }, ...har.log.entries.slice(1)] } }, null, 2) },
  { about: 'not ASCII', text: JSON.stringify({ log: { entries: [{ ...(har.log.entries[0] as object), comment: 'é }\u2028 ✓ 😀' }, ...har.log.entries.slice(1)] } }, null, 2) },
  { about: 'not ASCII in the last entry only', text: JSON.stringify(har, null, 2).replace(/"value": "([^"]*)"(?![\s\S]*"value": ")/, '"value": "$1 é ✓ 😀"') },
  { about: 'an entry cut short where the guess ends', text: closingAtEntryIndentation(1).replace(/\n {6}\},\n {6}\{/, '\n      \n      {') },
];

describe('inputFromBytes reads a HAR as JSON.parse of the whole would', () => {
  it.each(cases)('$about', ({ text }) => {
    expect(walkedReading(text)).toEqual(wholeReading(text));
  });

  it('walks the usual HARs an entry at a time, and leaves only the odd ones to JSON.parse', () => {
    const walked = (text: string) => walkHar(Buffer.from(text, 'utf8'));
    // Escaped quotes and backslashes in values, brackets inside strings: still walked.
    const tricky = { log: { comment: 'a\\"}]', entries: [{ request: { method: 'GET', url: 'http://a/"\\', headers: [{ name: 'X', value: '\\\\"[{' }] } }] } };
    // An entry closing where its indentation does not say: walked all the same.
    const oddlyIndented = [closingAtEntryIndentation(0), closingAtEntryIndentation(2), JSON.stringify(har, null, 4)];
    for (const text of [recorded, JSON.stringify(har), `\ufeff${recorded}`, JSON.stringify(har, null, '\t'), JSON.stringify(tricky), ...oddlyIndented]) {
      expect(walked(text)).toMatchObject({ skippedEntries: 0 });
    }
    for (const text of ['{"log": {"entries": [], "pages": []}}', '{"log": {}, "log": {"entries": []}}', `${recorded} x`, 'hello', '[]']) {
      expect(walked(text)).toBeUndefined();
    }
    expect(walked(serializeBundle(createBundle({ exchanges: [], engineVersion: '1' })))).toBe('bundle');
  });

  // Entries each on one indented line, the lines closing the log less indented: no entry has a
  // closing line at its own indentation. Looking for one again for each entry scanned the rest of
  // the file each time (quadratic: hours on a big HAR); one miss turns the guess off.
  it('looks for closing lines once only in a file whose entries close on their own line', () => {
    const entries = Array.from({ length: 300 }, (_, i) => JSON.stringify({ ...(har.log.entries[i % har.log.entries.length] as object), comment: `${i}` }));
    const text = `{\n  "log": {\n    "entries": [\n      ${entries.join(',\n      ')}\n    ]\n  }\n}\n`;
    const closingBraces = text.split('}').length - 1;
    const indexOf = vi.spyOn(Buffer.prototype, 'indexOf');
    try {
      expect(walkedReading(text)).toEqual(wholeReading(text));
      // The one look, at the first entry, visits each `}` at most once.
      expect(indexOf.mock.calls.filter(([value]) => value === 0x7d).length).toBeLessThanOrEqual(closingBraces + 1);
    } finally {
      indexOf.mockRestore();
    }
  });

  it('on mutated HARs', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 6 }), mutatedDocumentArbitrary, (start, count, document) => {
        const text = mutatedText(harSlice(har, start, count), document);
        expect(walkedReading(text)).toEqual(wholeReading(text));
      }),
      { seed: 9, numRuns: 300 },
    );
  }, 60_000);
});

/** `bytes` read as a file is: from a position, into a window's storage; each read's storage size and span noted. */
function readsFrom(bytes: Buffer): { read: ReadBytes; reads: { storage: number; from: number; to: number }[] } {
  const reads: { storage: number; from: number; to: number }[] = [];
  const read: ReadBytes = (into, offset, length, position) => {
    const count = bytes.copy(into, offset, Math.min(position, bytes.length), Math.min(position + length, bytes.length));
    reads.push({ storage: into.length, from: position, to: position + count });
    return count;
  };
  return { read, reads };
}

describe('a HAR read through a window walks as one held whole', () => {
  // Windows of 1 and 7 bytes read on inside every string, key, separator and indentation.
  it.each(cases)('$about', ({ text }) => {
    const bytes = Buffer.from(text, 'utf8');
    const whole = walkHar(bytes);
    for (const windowBytes of [1, 7, 64, 4096]) expect(walkHar(new JsonBytes(readsFrom(bytes).read, windowBytes))).toEqual(whole);
  });

  it('on mutated HARs', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 6 }), mutatedDocumentArbitrary, fc.constantFrom(1, 5, 300), (start, count, document, windowBytes) => {
        const bytes = Buffer.from(mutatedText(harSlice(har, start, count), document), 'utf8');
        expect(walkHar(new JsonBytes(readsFrom(bytes).read, windowBytes))).toEqual(walkHar(bytes));
      }),
      { seed: 9, numRuns: 300 },
    );
  }, 60_000);

  it('reads each byte once, into a window no bigger than twice what one entry needs', () => {
    const bytes = Buffer.from(recorded, 'utf8');
    const { read, reads } = readsFrom(bytes);
    expect(walkHar(new JsonBytes(read, 1024))).toEqual(walkHar(bytes));
    // In order, each read where the last ended, up to the end.
    expect(reads.map((r) => r.from)).toEqual([0, ...reads.slice(0, -1).map((r) => r.to)]);
    expect(reads.at(-1)).toMatchObject({ from: bytes.length, to: bytes.length });
    const longestEntry = Math.max(...har.log.entries.map((entry) => Buffer.byteLength(JSON.stringify(entry, null, 2)) * 1.5));
    expect(Math.max(...reads.map((r) => r.storage))).toBeLessThanOrEqual(Math.max(1024, 4 * longestEntry));
  });
});

// Firefox writes `log.creator` first; another tool, or a hand, may move it after the entries. Read
// from a file through a window, an entry at a time, the entries are known to be Firefox's only once
// it comes: the HAR is still Firefox's (its no-response entries read as Firefox means them, its
// requests judged by Firefox's rules), as when read whole, and still walked once, not read again.
describe("a Firefox HAR with log.creator after its entries", () => {
  const firefoxText = readFileSync(new URL('../../test/fixtures/firefox-devtools/public.har', import.meta.url), 'utf8');
  const firefox = JSON.parse(firefoxText) as { log: Record<string, unknown> };
  const { creator, ...rest } = firefox.log;
  const creatorLast = JSON.stringify({ log: { ...rest, creator } }, null, 2);

  it('is read as the same HAR with it first, walked through a window', () => {
    expect(Object.keys(JSON.parse(creatorLast).log).at(-1)).toBe('creator');
    const first = walkHar(Buffer.from(firefoxText, 'utf8'));
    expect(first).toMatchObject({ writtenByFirefox: true });
    const bytes = Buffer.from(creatorLast, 'utf8');
    for (const windowBytes of [7, 4096]) {
      const { read, reads } = readsFrom(bytes);
      expect(walkHar(new JsonBytes(read, windowBytes))).toEqual(first);
      // Each byte read once, in order.
      expect(reads.map((r) => r.from)).toEqual([0, ...reads.slice(0, -1).map((r) => r.to)]);
    }
    // The entries read as a Firefox HAR's: a request never sent says so (it has no error field).
    expect((first as { entries: { errorText?: string }[] }).entries.filter((entry) => entry.errorText !== undefined).length).toBeGreaterThan(5);
  });

  it('is judged by Firefox\'s rules from a file, as from bytes read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-creator-'));
    try {
      const file = join(dir, 'creator-last.har');
      writeFileSync(file, creatorLast);
      const fromFile = await readInput(file, Readable.from([]));
      expect(fromFile.judgedByFirefoxRules).toBe(true);
      expect(fromFile).toEqual(inputFromBytes(Buffer.from(firefoxText, 'utf8'), file));
      // A creator that is not Firefox's, after the entries: not Firefox's.
      writeFileSync(file, JSON.stringify({ log: { ...rest, creator: { name: 'WebInspector', version: '537.36' } } }));
      expect((await readInput(file, Readable.from([]))).judgedByFirefoxRules).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A missing preflight is read as a hit in the cache of the browser that wrote the HAR, by its rules:
// Firefox keeps Access-Control-Max-Age 86400 for 86,400 s, Chromium for 7,200 s. Firefox's own HAR,
// its second preflight-cache-reuse PUT (answered from its cache) moved three hours later.
describe('a Firefox HAR: the preflight cache read by Firefox\'s rules', () => {
  const text = readFileSync(new URL('../../test/fixtures/firefox-devtools/public.har', import.meta.url), 'utf8');
  type Entry = { startedDateTime: string; request: { method: string; url: string }; response: { headers: { name: string; value: string }[] } };
  const later = (creator: string): Buffer => {
    const doc = JSON.parse(text) as { log: { creator: unknown; entries: Entry[] } };
    doc.log.creator = { name: creator, version: '1' };
    const reuse = doc.log.entries.filter((e) => e.request.url.includes('/s/preflight-cache-reuse/'));
    const [, preflight, second] = reuse;
    for (const header of preflight!.response.headers) if (header.name === 'Access-Control-Max-Age') header.value = '86400';
    second!.startedDateTime = new Date(Date.parse(second!.startedDateTime) + 3 * 3600_000).toISOString();
    return Buffer.from(JSON.stringify(doc), 'utf8');
  };
  const secondFromCache = (bytes: Buffer): boolean | undefined =>
    inputFromBytes(bytes, 'firefox.har').items.filter((item) => item.exchange.hops[0]!.url.includes('/s/preflight-cache-reuse/'))[1]?.exchange.hops[0]!.preflightFromCache;

  it('three hours after a preflight with Max-Age 86400: from Firefox\'s cache; past Chromium\'s', () => {
    expect(secondFromCache(later('Firefox'))).toBe(true);
    expect(secondFromCache(later('WebInspector'))).toBeUndefined();
  });
});

describe('readInput', () => {
  it('reads standard input for -', async () => {
    const input = await readInput('-', Readable.from([Buffer.from(recorded.slice(0, 1000)), Buffer.from(recorded.slice(1000))]));
    expect(input.name).toBe('standard input');
    expect(input.items.map((item) => item.exchange)).toEqual(mapHar(recorded).exchanges);
  });

  it('reads a file whole, and says why one cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-inspector-input-'));
    try {
      const file = join(dir, 'recorded.har');
      writeFileSync(file, recorded);
      const input = await readInput(file, Readable.from([]));
      expect(input.name).toBe(file);
      expect(input.items.map((item) => item.exchange)).toEqual(mapHar(recorded).exchanges);
      // Read through a window or, for what does not walk, whole: the same as from the bytes.
      for (const { about, text } of cases) {
        writeFileSync(file, text);
        const fromFile = await readInput(file, Readable.from([])).catch((error: unknown) => error);
        let fromBytes: unknown;
        try {
          fromBytes = inputFromBytes(Buffer.from(text, 'utf8'), file);
        } catch (error) {
          fromBytes = error;
        }
        expect(fromFile, about).toEqual(fromBytes);
      }
      const bundle = serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange(), notes: [{ text: 'look here' }] }], engineVersion: '1' }));
      writeFileSync(file, bundle);
      expect(await readInput(file, Readable.from([]))).toEqual(inputFromBytes(Buffer.from(bundle), file));
      // A directory, /dev/null and an empty file: each says why it is no input.
      await expect(readInput(dir, Readable.from([]))).rejects.toThrow(new CliError('input', `cannot read ${dir}: is a directory`));
      // (/dev/null reads empty; where something replaced it with a regular file, what it holds is no HAR either.)
      await expect(readInput('/dev/null', Readable.from([]))).rejects.toThrow(/^\/dev\/null( is empty: no HAR in it$|: not a HAR file: )/);
      const empty = join(dir, 'empty.har');
      writeFileSync(empty, '');
      await expect(readInput(empty, Readable.from([]))).rejects.toThrow(new CliError('input', `${empty} is empty: no HAR in it`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a bundle, with its notes', async () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange(), notes: [{ text: 'look here' }] }], engineVersion: '1' }));
    const input = inputFromBytes(Buffer.from(text), 'b.json');
    expect(input.kind).toBe('bundle');
    expect(input.items).toHaveLength(1);
    expect(input.items[0]!.notes!.map((note) => note.text)).toEqual(['look here']);
  });

  it('refuses an invalid bundle with the first problem and its path', () => {
    const text = serializeBundle(createBundle({ exchanges: [{ exchange: canaryExchange() }], engineVersion: '1' })).replace('"status": 204', '"status": 2040');
    expect(() => inputFromBytes(Buffer.from(text), 'b.json')).toThrow(/^b\.json: not a valid bundle: exchanges\[0\]\.exchange\.hops\[0\]\.preflight\.response\.status: expected an integer from 0 to 999, found 2040$/);
  });
});
