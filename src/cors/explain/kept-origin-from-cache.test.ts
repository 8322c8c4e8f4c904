// Session 39's second read (M2 #5): a response the browser's own HTTP cache gave (`fromCache`) may be
// a copy stored for a request from another origin (an echo of that origin), not the server's fixed
// Access-Control-Allow-Origin: serverOriginsAt reads no fixed origin from it, and no fix keeps it.

import { describe, expect, it } from 'vitest';
import { keptOrigins, serverOriginsAt } from './kept-origin.ts';
import { neededPolicy } from './policy.ts';
import { diagnosed, PAGE, simpleGet } from './test-diagnosis.ts';

const SIBLING = 'https://admin.example.com';

describe('a response from the browser cache is not the server fixed answer', () => {
  const fromCache = (cached: boolean) => {
    const exchange = simpleGet([['Access-Control-Allow-Origin', SIBLING]]);
    if (cached) exchange.hops[0]!.response!.fromCache = true;
    return exchange;
  };
  it('from the network: kept; from the browser cache: nothing kept', () => {
    expect(keptOrigins(serverOriginsAt(fromCache(false), 0), [PAGE], false)).toEqual([SIBLING]);
    expect(serverOriginsAt(fromCache(true), 0)).toEqual({ fixed: [], echoed: false });
  });
  it('the fix lists the page origin alone', () => {
    const { diagnosis, exchange } = diagnosed(fromCache(true));
    expect(neededPolicy(diagnosis, exchange).keptOrigins).toBeUndefined();
  });
});
