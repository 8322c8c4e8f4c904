import { describe, expect, it } from 'vitest';
import { parseDebugPort } from './debug-port.ts';

describe('parseDebugPort (REMOTE_DEBUGGING_PORT for npm start)', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['0', 0],
    ['9222', 9222],
    [' 9222 ', 9222],
    ['65535', 65535],
  ])('%j is port %i', (value, port) => expect(parseDebugPort(value)).toEqual({ port }));

  // Number() reads these as NaN, a fraction, a negative, hex or a port out of range: Chromium was
  // given `--remote-debugging-port=NaN`.
  it.each(['abc', '92a2', '9222.5', '-1', '0x2406', '1e4', '65536', '999999', '+9222'])('%j is refused in one line that names it', (value) => {
    const parsed = parseDebugPort(value);
    expect(parsed).toEqual({ error: expect.stringContaining(JSON.stringify(value)) });
    expect('error' in parsed && parsed.error).toMatch(/^REMOTE_DEBUGGING_PORT must be a port number from 0 to 65535[^\n]*$/);
  });
});
