// The one header lookup the capture mappers need: the first value of a name, any case.

import { isRequestMode, nameIs, type HeaderList, type RequestMode } from '../cors/index.ts';

/** The first value of `lowerName` (given lower-case), or undefined when absent or no headers were seen. */
export function firstHeader(headers: HeaderList | null, lowerName: string): string | undefined {
  if (headers === null) return undefined;
  // By index rather than `for (const [name, value] of headers)`: asked several times of every entry
  // of a log (Origin, Cookie, Sec-Fetch-Mode), mostly while the code still runs cold, where each
  // destructuring goes through the iterator protocol.
  for (let i = 0; i < headers.length; i++) {
    const line = headers[i]!;
    if (nameIs(line[0], lowerName)) return line[1];
  }
  return undefined;
}

/**
 * The request's mode as the browser stated it on the wire: `Sec-Fetch-Mode`
 * (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-mode-header). Undefined when absent,
 * or for a mode the engine has no rules for (`websocket`, `webtransport`).
 */
export function statedRequestMode(headers: HeaderList | null): RequestMode | undefined {
  const mode = firstHeader(headers, 'sec-fetch-mode');
  return mode !== undefined && isRequestMode(mode) ? mode : undefined;
}
