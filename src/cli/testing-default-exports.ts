// For the CLI tests that feed a hostile HAR to every default export (`share`, `report`, `curl` in
// each shell) and check what each writes: the HAR written to a temporary folder, the table of
// exports, and a run that collects stdout and stderr.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { exchangesFromHar } from '../capture/index.ts';
import { harFromExchanges, serializeHar } from '../export/index.ts';
import { VIEWER_PAGE } from '../export/testing-viewer-page.ts';
import { runCurl } from './curl-command.ts';
import { main } from './main.ts';
import { runReport } from './report-command.ts';
import { runShare } from './share-command.ts';
import { Collected } from './testing-streams.ts';

export type Run = (args: string[], out: Collected, err: Collected) => Promise<number>;

/** `share`, with the viewer page at hand (no build needed). */
export const share: Run = (args, out, err) => runShare(args, out, err, undefined, undefined, async () => VIEWER_PAGE);

/** The text of a HAR of `entries`. */
export function harTextOf(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, pages: [], entries } });
}

/** A HAR of `entries` in a folder of its own; its path. */
export function writeHar(name: string, entries: unknown[]): string {
  const har = join(mkdtempSync(join(tmpdir(), 'cors-default-exports-')), name);
  writeFileSync(har, harTextOf(entries));
  return har;
}

/** One exchange of a HAR, as a test states it: header lines as `[name, value]`. */
export interface HarExchange {
  url: string;
  /** The request's header lines as sent. */
  headers: [string, string][];
  /** GET, or POST when there is a body. */
  method?: string;
  body?: { mimeType: string; text: string };
  status?: number;
  /** The response's header lines; none unless given. */
  response?: [string, string][];
  /** The browser's error text (HAR's `_error`). */
  error?: string;
}

/** A HAR entry for `exchange`, with the fields a HAR needs and no more (an OPTIONS is a preflight). */
export function harEntry({ url, headers, method, body, status = 200, response = [], error }: HarExchange): unknown {
  const lines = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
  const sent = method ?? (body === undefined ? 'GET' : 'POST');
  return {
    startedDateTime: '2026-12-06T12:00:00.000Z',
    time: 1,
    _resourceType: sent === 'OPTIONS' ? 'preflight' : 'fetch',
    request: {
      method: sent,
      url,
      httpVersion: 'HTTP/1.1',
      headers: lines(headers),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: body?.text.length ?? 0,
      ...(body === undefined ? {} : { postData: body }),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      headers: lines(response),
      cookies: [],
      content: { size: 0, mimeType: 'x' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      ...(error === undefined ? {} : { _error: error }),
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

/** What the command wrote, stdout then stderr; it must succeed. */
export async function run(command: Run, args: string[]): Promise<string> {
  const out = new Collected();
  const err = new Collected();
  expect(await command(args, out, err)).toBe(0);
  return out.text + err.text;
}

/** Every export a user gets without `--include-secrets`, each with its arguments for `har`. */
export function defaultExports(har: string): [string, Run, string[]][] {
  return [
    ['share --out', share, [har, '--out', '-']],
    ['share --html', share, [har, '--html', '-']],
    ['report', runReport, [har]],
    ['curl (bash)', runCurl, [har, '--url-contains', 'api.example']],
    ['curl (powershell)', runCurl, [har, '--url-contains', 'api.example', '--shell', 'powershell']],
    ['curl (cmd)', runCurl, [har, '--url-contains', 'api.example', '--shell', 'cmd']],
  ];
}

/** `explain` reading the HAR `text` from standard input. */
export function explainOf(text: string): Run {
  return (args, out, err) => main(['explain', ...args], out, err, {}, Readable.from([Buffer.from(text)]));
}

/**
 * Every output a user gets of the HAR `text` (written at `har`) without `--include-secrets`: explain
 * and its --json, the sanitized HAR the viewer's "Download HAR (sanitized)" writes (the same
 * writer), and `defaultExports`.
 */
export function everyDefaultOutput(text: string, har: string): [string, Run, string[]][] {
  const explain = explainOf(text);
  const sanitizedHar: Run = async (_args, out) => {
    out.write(serializeHar(harFromExchanges(exchangesFromHar(text))));
    return 0;
  };
  return [['explain', explain, ['-']], ['explain --json', explain, ['-', '--json']], ['sanitized HAR', sanitizedHar, []], ...defaultExports(har)];
}
