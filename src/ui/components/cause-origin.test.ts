// Session 42: the strip named the API origin of a request whose captured URL is no URL as `null`
// (in the line's tooltip, and beside its title when the page calls several origins), which reads as
// the opaque origin a sandboxed page sends; explain, the report and --json already said it has none.

import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../../cors/index.ts';
import { apiOriginWords } from '../../export/index.ts';
import { createAnalyzer } from '../analysis.ts';
import { engineFor } from '../engine.ts';
import { makeEntry } from '../store/entry.ts';
import { causeOrigin } from './cause-origin.ts';

/** The strip's group of one captured exchange, its cause as the panel works it out. */
function groupOf(url: string) {
  const exchange: ObservedExchange = {
    request: { method: 'GET', headers: [['Origin', 'https://app.example']], initiatorOrigin: 'https://app.example' },
    hops: [{ url, response: { status: 200, headers: [] } }],
    errorText: 'net::ERR_FAILED',
  };
  const first = makeEntry({ id: 'x', source: 'webRequest', exchange }, 1, 1);
  const cause = createAnalyzer(() => engineFor('chromium')).cause(first);
  if (cause === null) throw new Error('no cause');
  return { cause, first };
}

describe('causeOrigin', () => {
  it('a captured URL that is no URL: no API origin, in the words explain and the report use', () => {
    const group = groupOf('not a url');
    expect(group.cause.apiOrigin).toBe('null');
    expect(causeOrigin(group)).toBe('API origin: none (the captured URL is not a valid URL)');
    expect(causeOrigin(group)).toBe(`API origin: ${apiOriginWords({ apiOrigin: 'null', first: { exchange: group.first.captured.exchange } })}`);
  });

  it('the origin of a URL, as it is', () => {
    expect(causeOrigin(groupOf('https://api.example/items'))).toBe('https://api.example');
  });
});
