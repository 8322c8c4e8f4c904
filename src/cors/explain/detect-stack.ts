// Server software recognised from response headers: the layers (src/cors/explain/layers/) read
// from one response, as the list of stacks whose fixes apply, the most likely first.

import type { HeaderList } from '../exchange.ts';
import type { ServerStack } from './explanation.ts';
import { fixOrder, readStack } from './layers/stack-reading.ts';

/** Every stack recognised in these headers: the one that set the CORS headers (else the app) first. */
export function detectStacks(headers: HeaderList): ServerStack[] {
  if (headers.length === 0) return [];
  return fixOrder(readStack([{ on: 'response', headers, status: null }], 'access-control-allow-origin'));
}

/** The simple primary name: null when nothing, or nothing decided, was recognised. */
export function detectStack(headers: HeaderList): ServerStack | null {
  if (headers.length === 0) return null;
  return readStack([{ on: 'response', headers, status: null }], 'access-control-allow-origin').primary;
}
