import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../cors/index.ts';
import { firstHeader, statedRequestMode } from './header-lookup.ts';

describe('firstHeader', () => {
  const headers: HeaderList = [
    ['Origin', 'https://app.example'],
    ['ACCESS-CONTROL-REQUEST-METHOD', 'PUT'],
    ['origin', 'https://second.example'],
    ['X-Empty', ''],
  ];

  it.each<{ about: string; headers: HeaderList | null; name: string; value: string | undefined }>([
    { about: 'the first of repeated lines, whatever their case', headers, name: 'origin', value: 'https://app.example' },
    { about: 'an upper-case line', headers, name: 'access-control-request-method', value: 'PUT' },
    { about: 'an empty value is a value', headers, name: 'x-empty', value: '' },
    { about: 'an absent name', headers, name: 'cookie', value: undefined },
    { about: 'a name that is only a prefix of a line', headers, name: 'orig', value: undefined },
    { about: 'headers never seen', headers: null, name: 'origin', value: undefined },
  ])('$about', ({ headers, name, value }) => {
    expect(firstHeader(headers, name)).toBe(value);
  });
});

describe('statedRequestMode', () => {
  it.each<{ about: string; headers: HeaderList | null; mode: string | undefined }>([
    { about: 'cors', headers: [['Sec-Fetch-Mode', 'cors']], mode: 'cors' },
    { about: 'no-cors, lower-case name', headers: [['sec-fetch-mode', 'no-cors']], mode: 'no-cors' },
    { about: 'same-origin', headers: [['Sec-Fetch-Mode', 'same-origin']], mode: 'same-origin' },
    { about: 'navigate', headers: [['Sec-Fetch-Mode', 'navigate']], mode: 'navigate' },
    { about: 'websocket: no CORS rules for it', headers: [['Sec-Fetch-Mode', 'websocket']], mode: undefined },
    { about: 'a value in another case is not a mode', headers: [['Sec-Fetch-Mode', 'CORS']], mode: undefined },
    { about: 'the first line decides', headers: [['Sec-Fetch-Mode', 'bogus'], ['Sec-Fetch-Mode', 'cors']], mode: undefined },
    { about: 'absent', headers: [['Origin', 'https://app.example']], mode: undefined },
    { about: 'headers never seen', headers: null, mode: undefined },
  ])('$about', ({ headers, mode }) => {
    expect(statedRequestMode(headers)).toBe(mode);
  });
});
