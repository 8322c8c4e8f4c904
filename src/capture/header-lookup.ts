// The one header lookup the capture mappers need: the first value of a name, any case.

import type { HeaderList } from '../cors/index.ts';

/** The first value of `lowerName` (given lower-case), or undefined when absent. */
export function firstHeader(headers: HeaderList, lowerName: string): string | undefined {
  const length = lowerName.length;
  for (const [name, value] of headers) {
    if (name.length === length && equalsLowerCase(name, lowerName)) return value;
  }
  return undefined;
}

// ASCII case-insensitive comparison without allocating: this runs for every header of every entry.
function equalsLowerCase(name: string, lowerName: string): boolean {
  for (let i = 0; i < lowerName.length; i++) {
    let code = name.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}
