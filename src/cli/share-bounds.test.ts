// Session 36: `share` of a bundle (a bundle is an input too) redacts its notes again, and a
// placeholder is longer than most secrets it replaces: a note at the bound a bundle holds (100,000
// characters) grew past it, and a note's header name that is no token grew by the marker its cut
// part ends with. `share` wrote these bundles, and its own reader refused them. It now refuses to
// write them, naming the request and the field, before anything is written.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle, DEFAULT_BUNDLE_LIMITS, importBundle, serializeBundle } from '../export/index.ts';
import { canaryExchange } from '../export/testing-exchanges.ts';
import { runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

const dir = mkdtempSync(join(tmpdir(), 'cors-share-bounds-'));

/** A bundle, secrets kept, of one exchange with one note: the input `share` is given. */
function inputBundle(name: string, note: { text: string; target?: { kind: 'header'; on: 'request'; hop: number; name: string } }): string {
  const bundle = createBundle({ exchanges: [{ exchange: canaryExchange(), notes: [{ ...note, createdAt: '2026-12-06T12:00:00.000Z' }] }], engineVersion: '0', includeSecrets: true });
  const text = serializeBundle(bundle);
  // The input itself is one the reader takes.
  expect(importBundle(text, { engineVersion: '0' }).ok).toBe(true);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function share(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out = new Collected();
  const err = new Collected();
  const status = await runShare(args, out, err);
  return { status, out: out.text, err: err.text };
}

describe('share never writes a bundle its own reader refuses', () => {
  it('refuses a note that redaction makes longer than a bundle holds, naming it, and writes nothing', async () => {
    const pairs = 'password=hunter2 '.repeat(1_000);
    const text = pairs + '.'.repeat(DEFAULT_BUNDLE_LIMITS.maxNoteLength - pairs.length);
    const input = inputBundle('long-note.json', { text });
    const target = join(dir, 'long-note-out.json');
    const result = await share([input, '--out', target]);
    expect(result.status).not.toBe(0);
    // Named by its URL as the bundle would hold it: the query's API key is no more in the message than in the bundle.
    expect(result.err).toContain('cannot share PUT https://api.example/v1/items?api_key=REDACTED-QUERY-SECRET&page=2: ');
    expect(result.err).toMatch(/cannot share PUT .*: its note 1 text \(with its REDACTED placeholders\) is 1\d\d,\d{3} characters, more than the 100,000 a bundle holds/);
    expect(() => readFileSync(target)).toThrow();
    // With the secrets kept the note is as long as it was, and shares.
    const kept = await share([input, '--out', '-', '--include-secrets']);
    expect(kept.status).toBe(0);
    expect(importBundle(kept.out, { engineVersion: '0' }).ok).toBe(true);
  });

  it("refuses a note's header name that redaction makes longer than a header line, naming it", async () => {
    const name = `${'x'.repeat(DEFAULT_BUNDLE_LIMITS.maxHeaderLineLength - 3)} yz`;
    const input = inputBundle('long-target.json', { text: 'on that line', target: { kind: 'header', on: 'request', hop: 0, name } });
    const result = await share([input, '--out', '-']);
    expect(result.status).not.toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toContain('its note 1 header name is 262,163 characters, more than the 262,144 a bundle holds');
  });

  it('shares a note within the bound once redacted, and the bundle imports', async () => {
    const input = inputBundle('short-note.json', { text: 'password=hunter2 '.repeat(1_000) });
    const result = await share([input, '--out', '-']);
    expect(result.status).toBe(0);
    const imported = importBundle(result.out, { engineVersion: '0' });
    if (!imported.ok) throw new Error(imported.errors[0]!.message);
    expect(imported.exchanges[0]!.notes[0]!.text).toContain('password=REDACTED-PASSWORD');
  });
});
