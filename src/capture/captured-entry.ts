// One request as a capture log lists it, before preflights are paired with their requests and
// redirect hops are chained: a HAR entry, or one DevTools network record. The pairing code works
// on this shape so that it does not depend on where the log came from.

import type { HeaderList, ObservedResponse } from '../cors/index.ts';

export interface CapturedEntry {
  /** Position in the source log: keeps the sort stable and names the entry in messages. */
  sourceIndex: number;
  /** An `OPTIONS` the browser sent on its own as a CORS preflight (not one the page made). */
  isPreflight: boolean;
  method: string;
  url: string;
  /** As listed: full headers when the request went out, provisional ones when it never did. */
  requestHeaders: HeaderList;
  /** null when no response arrived (HAR status 0). */
  response: ObservedResponse | null;
  /** The browser's error text (`net::ERR_FAILED`), when the entry failed. */
  errorText?: string;
  /** Start time, ms since the epoch. Always a finite number (see the mapper for missing times). */
  startedAt: number;
  /** How long the entry took, ms (0 when unknown). */
  durationMs: number;
  /** Where a 3xx sent the request next (HAR `redirectURL`, else `Location`), absolute. */
  redirectUrl?: string;
  /** The origin of the page the entry belongs to, when the log names it. */
  pageOrigin?: string;
  /**
   * The URL of what started the request (DevTools' `_initiator`: the document for a parser
   * request, the script at the top of the stack for a fetch), when the log has it.
   */
  initiatorUrl?: string;
  /** The browser's request id, when the log has it. */
  requestId?: string;
  /** For a preflight: the request id of the request it was sent for, when the log has it. */
  initiatorRequestId?: string;
  /** Request body size in bytes, when known. */
  bodySize?: number;
  /** The request body as text, when the log has it (HAR `postData`). */
  body?: string;
}
