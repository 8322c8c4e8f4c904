import { describe, expect, it } from 'vitest';
import type { HeaderList } from './exchange.ts';
import { getHeader, hasHeader, headerLines, headerLinesJoined, lowerHeaderName, trimHttpWhitespace } from './header-list.ts';

describe('getHeader (https://fetch.spec.whatwg.org/#concept-header-list-get)', () => {
  it.each<[string, HeaderList, string, string | null]>([
    ['absent', [['A', '1']], 'b', null],
    ['case-insensitive name', [['Access-Control-Allow-Origin', '*']], 'access-control-allow-origin', '*'],
    ['values trimmed', [['X', ' \t a \t']], 'x', 'a'],
    ['repeated lines joined with ", "', [['ACAO', 'http://a'], ['Other', 'z'], ['acao', 'http://b']], 'acao', 'http://a, http://b'],
    ['empty value kept', [['X', '']], 'x', ''],
  ])('%s', (_d, headers, name, expected) => {
    expect(getHeader(headers, name)).toBe(expected);
  });

  it('hasHeader matches any case', () => {
    expect(hasHeader([['Cookie', 'a=1']], 'cookie')).toBe(true);
    expect(hasHeader([['Cookies', 'a=1']], 'cookie')).toBe(false);
  });

  it('trims only HTTP whitespace', () => {
    expect(trimHttpWhitespace('\r\n x\u00a0 ')).toBe('x\u00a0');
  });

  it('lowerHeaderName lower-cases ASCII and is stable across calls', () => {
    expect(lowerHeaderName('Content-Type')).toBe('content-type');
    expect(lowerHeaderName('Content-Type')).toBe('content-type');
    expect(lowerHeaderName('x-a')).toBe('x-a');
  });
});

describe('headerLines: the lines as written, for the wording', () => {
  const h = [['Vary', 'Origin'], ['vary', 'Accept'], ['X-A', '1']] as const;
  it.each([
    ['vary', ['Origin', 'Accept'], 'Origin, Accept'],
    ['x-a', ['1'], '1'],
    ['absent', [], null],
  ] as const)('%s', (name, lines, value) => {
    expect(headerLines(h, name)).toEqual(lines);
    expect(headerLinesJoined(h, name)).toBe(value);
  });

  it('keeps each value as written (getHeader trims it), and asks for the name in any case', () => {
    const spaced: HeaderList = [['Location', ' /a '], ['LOCATION', '/b']];
    expect(headerLines(spaced, 'Location')).toEqual([' /a ', '/b']);
    expect(headerLinesJoined(spaced, 'location')).toBe(' /a , /b');
    expect(getHeader(spaced, 'location')).toBe('/a, /b');
    expect(headerLines(undefined, 'location')).toEqual([]);
  });
});
