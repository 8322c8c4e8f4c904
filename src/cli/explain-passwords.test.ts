// `explain` prints no password a captured URL holds (its output goes into CI logs), in its text and
// its JSON (`checks[].found` printed a refused Location's `user:password@` as captured), while the
// fact that the URL has credentials stays readable.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { Collected } from './testing-streams.ts';

function entry(url: string, location: string): unknown {
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: { method: 'GET', url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Origin', value: 'https://app.example' }, { name: 'Sec-Fetch-Mode', value: 'cors' }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: {
      status: 302, statusText: '', httpVersion: 'HTTP/1.1', cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: location, headersSize: -1, bodySize: 0,
      headers: [{ name: 'Location', value: location }, { name: 'Access-Control-Allow-Origin', value: 'https://app.example' }],
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    _resourceType: 'fetch',
  };
}
const har = JSON.stringify({ log: { version: '1.2', entries: [entry('https://api.example/start', 'https://ana:s3cretpw@api2.example/next'), entry('https://bob:hunter2x@api.example/other', '/same')] } });

async function explain(...args: string[]): Promise<string> {
  const out = new Collected();
  await main(['explain', '-', ...args], out, new Collected(), {}, Readable.from([Buffer.from(har)]));
  return out.text;
}

describe('explain and captured passwords', () => {
  it.each([[[]], [['--json']], [['--browser', 'firefox']], [['--json', '--browser', 'firefox']]])('%j prints none', async (args) => {
    const text = await explain(...args);
    expect(text).toContain('api.example/start');
    expect(text).not.toMatch(/s3cretpw|hunter2x/);
  });
  it('--json keeps the fact: the refused Location has credentials', async () => {
    const lines = (await explain('--json')).split('\n').filter((line) => line.startsWith('{"url"'));
    const found = lines.flatMap((line) => (JSON.parse(line.replace(/,$/, '')) as { checks: { name: string; found?: string }[] }).checks.filter((c) => c.name === 'redirect-location' && c.found?.includes('@') === true).map((c) => c.found));
    expect(found).toEqual(['https://ana:REDACTED-PASSWORD@api2.example/next']);
  });
});
