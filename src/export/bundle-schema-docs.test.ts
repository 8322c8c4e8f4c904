import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUNDLE_LIMITS } from './bundle-schema.ts';
import { renderSchemaDocs } from './bundle-schema-docs.ts';

const block = (title: string, body = ''): string => `<!-- schema: ${title} -->\n${body}<!-- /schema -->`;

const toy = (extra: Record<string, v.GenericSchema> = {}) =>
  v.pipe(
    v.object({
      id: v.pipe(v.string(), v.minLength(1), v.description('Unique.')),
      hops: v.array(v.pipe(v.object({ url: v.string() }), v.title('Hop'))),
      size: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9))),
      ...extra,
    }),
    v.title('Toy'),
    v.description('A toy bundle.'),
  );

describe('renderSchemaDocs', () => {
  it('writes a table of each named part from the schema: types, constraints, descriptions, links', () => {
    const doc = `# Toy\n\n${block('Toy')}\n\n## Hop\n\n${block('Hop')}\n\n${block('Limits')}\n`;
    const rendered = renderSchemaDocs(doc, toy());
    expect(rendered.slice(0, rendered.indexOf(block('Limits').split('\n')[0]!))).toBe(
      [
        '# Toy',
        '',
        '<!-- schema: Toy -->',
        'A toy bundle.',
        '',
        '| field | type | meaning |',
        '| --- | --- | --- |',
        '| `id` | string, non-empty | Unique. |',
        '| `hops` | array of [Hop](#hop) | |',
        '| `size` | integer 0–9 | |',
        '<!-- /schema -->',
        '',
        '## Hop',
        '',
        '<!-- schema: Hop -->',
        '| field | type | meaning |',
        '| --- | --- | --- |',
        '| `url` | string | |',
        '<!-- /schema -->',
        '',
        '',
      ].join('\n'),
    );
  });

  it('writes the limits table from the limits, each with what it bounds', () => {
    const doc = renderSchemaDocs(`${block('Toy')}\n${block('Hop')}\n${block('Limits')}\n`, toy(), { ...DEFAULT_BUNDLE_LIMITS, maxExchanges: 7, maxBytes: 3 * 1024 * 1024 });
    expect(doc).toContain('| exchanges | 7 |');
    expect(doc).toContain('| file size, checked before parsing | 3 MB |');
    expect(doc).toContain('| hops per exchange (Chromium follows at most 20 redirects) | 64 |');
  });

  it('adds a row for a field added to the schema, and drops a row the schema does not have', () => {
    const doc = renderSchemaDocs(`${block('Toy')}\n${block('Hop')}\n${block('Limits')}\n`, toy());
    expect(renderSchemaDocs(doc, toy({ note: v.pipe(v.string(), v.description('New.')) }))).toContain('| `note` | string | New. |');
    const stale = doc.replace('| `size` |', '| `gone` | string | Documented, not in the schema. |\n| `size` |');
    expect(renderSchemaDocs(stale, toy())).toBe(doc);
  });

  it('refuses a part with no block, and a block for no part', () => {
    expect(() => renderSchemaDocs(`${block('Toy')}${block('Limits')}`, toy())).toThrow('the schema\'s part "Hop" has no <!-- schema: Hop --> block');
    expect(() => renderSchemaDocs(`${block('Toy')}${block('Hop')}${block('Limits')}${block('Gone')}`, toy())).toThrow('<!-- schema: Gone --> names no part of the schema');
  });
});

describe('docs/bundle-schema.md', () => {
  it('has the tables the bundle schema gives (run `npm run docs:schema` after changing the schema)', () => {
    const doc = readFileSync(new URL('../../docs/bundle-schema.md', import.meta.url), 'utf8');
    expect(doc).toContain('<!-- schema: Top level -->');
    expect(renderSchemaDocs(doc)).toBe(doc);
  });
});
