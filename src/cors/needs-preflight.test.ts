import { describe, expect, it } from 'vitest';
import type { PreflightReason } from './diagnosis.ts';
import type { HeaderList } from './exchange.ts';
import { needsPreflight, preflightReasons } from './needs-preflight.ts';

const BROWSER: HeaderList = [['Origin', 'http://a'], ['User-Agent', 'x'], ['Accept', '*/*'], ['Sec-Fetch-Mode', 'cors'], ['Cookie', 'a=1']];

describe('preflightReasons', () => {
  it.each<[string, string, HeaderList, PreflightReason[]]>([
    ['simple GET', 'GET', BROWSER, []],
    ['form POST', 'POST', [...BROWSER, ['Content-Type', 'application/x-www-form-urlencoded']], []],
    ['PUT', 'PUT', BROWSER, [{ kind: 'method', method: 'PUT' }]],
    ['lower-case patch is not safelisted', 'patch', BROWSER, [{ kind: 'method', method: 'patch' }]],
    ['JSON POST', 'POST', [['Content-Type', 'application/json']], [{ kind: 'header', name: 'content-type', why: 'value', value: 'application/json' }]],
    ['custom header', 'GET', [['X-Trace', '1']], [{ kind: 'header', name: 'x-trace', why: 'name', value: '1' }]],
    ['browser-added forbidden headers never count', 'GET', [['Referer', 'x'], ['Accept-Encoding', 'gzip'], ['Connection', 'close']], []],
  ])('%s', (_d, method, headers, expected) => {
    expect(preflightReasons(method, headers)).toEqual(expected);
    expect(needsPreflight(method, headers)).toBe(expected.length > 0);
  });
});
