import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../src/ui/protocol.ts';
import { missedByCapture, START_SKEW_MS } from './earlier-exchanges.ts';

const SINCE = 1_700_000_000_000;
const API = 'http://127.0.0.1:6000';

function exchange(source: CapturedExchange['source'], id: string, path: string, startedAt: number | undefined, method = 'GET'): CapturedExchange {
  return {
    id,
    source,
    exchange: { request: { method, headers: [] }, hops: [{ url: `${API}${path}`, response: null }], ...(startedAt === undefined ? {} : { startedAt }) },
  } as CapturedExchange;
}
const fromLog = (path: string, startedAt: number | undefined, method?: string) => exchange('devtools-network', `log:${path}:${startedAt}`, path, startedAt, method);
const captured = (path: string, startedAt: number, method?: string) => exchange('webRequest', `wr:${path}:${startedAt}`, path, startedAt, method);
const ids = (list: CapturedExchange[]) => list.map((x) => x.id);

describe('missedByCapture', () => {
  it('takes from the log what started before the capture and the capture lacks', () => {
    const log = [fromLog('/before', SINCE - 300), fromLog('/after', SINCE + 5)];
    expect(ids(missedByCapture(log, [captured('/after', SINCE + 4)], SINCE))).toEqual([`log:/before:${SINCE - 300}`]);
  });

  it('never takes a request still in flight when the panel opened, even before webRequest delivered it', () => {
    // In the log (pending), started after the capture; the capture's exchange of it is not here yet.
    const inFlight = { ...fromLog('/slow', SINCE + 2_000), pending: true };
    expect(missedByCapture([inFlight], [], SINCE)).toEqual([]);
  });

  it('takes a request once when both saw it start around the capture start', () => {
    // The log's clock puts it just before the capture started, webRequest's just after.
    const log = [fromLog('/edge', SINCE - 10)];
    expect(missedByCapture(log, [captured('/edge', SINCE + 15)], SINCE)).toEqual([]);
    // Too far apart to be one request: another call to the same URL.
    expect(ids(missedByCapture(log, [captured('/edge', SINCE - 10 + START_SKEW_MS + 1)], SINCE))).toEqual([`log:/edge:${SINCE - 10}`]);
  });

  it('matches method and URL, and each captured exchange to one request of the log', () => {
    const log = [fromLog('/twice', SINCE - 40), fromLog('/twice', SINCE - 30), fromLog('/post', SINCE - 20, 'POST')];
    const found = missedByCapture(log, [captured('/twice', SINCE - 29), captured('/post', SINCE - 20, 'PUT')], SINCE);
    expect(ids(found)).toEqual([`log:/twice:${SINCE - 40}`, `log:/post:${SINCE - 20}`]);
  });

  it('does not count what the log itself gave earlier as captured, nor an entry with no start time', () => {
    const log = [fromLog('/a', SINCE - 50), fromLog('/b', undefined)];
    expect(ids(missedByCapture(log, [fromLog('/a', SINCE - 50)], SINCE))).toEqual([`log:/a:${SINCE - 50}`]);
  });
});
