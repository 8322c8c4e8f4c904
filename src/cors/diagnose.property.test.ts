// diagnose() never throws and is deterministic, whatever bytes the wire carried.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORS_ERRORS } from './cors-error.ts';
import { diagnose } from './diagnose.ts';
import { arbitraryExchange } from '../../test/unit/arbitrary-exchange.ts';

const exchange = arbitraryExchange;

describe('diagnose() on arbitrary input', () => {
  it('never throws, is deterministic, and only reports Chromium error codes', () => {
    fc.assert(
      fc.property(exchange, (ex) => {
        const first = diagnose(ex);
        const second = diagnose(structuredClone(ex));
        expect(second).toEqual(first);
        if (first.corsError !== null) {
          expect(CORS_ERRORS).toContain(first.corsError);
          expect(first.verdict).toBe('blocked');
          expect(typeof first.failedParameter).toBe('string');
        } else {
          expect(first.failedParameter).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
