import { describe, expect, it } from 'vitest';
import { startedInDocument } from './document-entries.ts';

describe('startedInDocument: the entries of the document shown now', () => {
  const documentStart = Date.parse('2026-12-07T14:00:00.250Z') + 0.731;
  it.each([
    ['the document’s own request, in the millisecond its navigation started', '2026-12-07T14:00:00.250Z', true],
    ['a request of the document, later', '2026-12-07T14:00:01.002Z', true],
    ['the document’s own request, seeming 2 ms earlier (a coarsened page clock)', '2026-12-07T14:00:00.248Z', true],
    ['a request of the page before, 3 ms earlier', '2026-12-07T14:00:00.247Z', false],
    ['a request of the page before, long before', '2026-12-07T13:59:00.000Z', false],
    ['a start written with an offset', '2026-12-07T15:00:00.300+01:00', true],
    ['a start that is no time', 'yesterday', false],
    ['no start', '', false],
  ])('%s', (_about, startedDateTime, expected) => expect(startedInDocument({ startedDateTime }, documentStart)).toBe(expected));
});
