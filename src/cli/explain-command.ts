// `cors-inspector explain FILE.har`: every cross-origin request in a HAR, diagnosed and explained.

import { readFile } from 'node:fs/promises';
import { HarError, mapHar } from '../capture/har.ts';
import { formatJson } from './format-json.ts';
import { formatText } from './format-text.ts';
import { buildReport, type Report } from './report.ts';
import { UsageError, type CliContext, type Command } from './command.ts';

export interface ExplainOptions {
  json: boolean;
  failOnBlocked: boolean;
}

/** HAR text → the whole output, and the report it came from. Throws `HarError` for a non-HAR. */
export function explainHarText(text: string, options: { json: boolean; color?: boolean; width?: number }): { output: string; report: Report } {
  const { exchanges, skippedEntries } = mapHar(text);
  const report = buildReport(exchanges, skippedEntries);
  const output = options.json
    ? formatJson(report)
    : formatText(report, { color: options.color ?? false, width: options.width ?? 100 });
  return { output, report };
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'explain every cross-origin request in a HAR file',
  usage: `Usage: cors-inspector explain [--json] [--fail-on-blocked] FILE.har

Explains why the browser allowed or blocked each cross-origin request in FILE.har (as exported by
the DevTools Network panel), and what the server must send instead. Failures come first.

Options:
  --json             one JSON document, one object per request, in the order they were made
  --fail-on-blocked  exit with status 1 when any request was blocked by CORS (for CI)
  -h, --help         show this help`,

  async run(args: string[], context: CliContext): Promise<number> {
    const options: ExplainOptions = { json: false, failOnBlocked: false };
    const files: string[] = [];
    let optionsEnded = false; // After `--`, everything is a file name, even `-x.har`.
    for (const arg of args) {
      if (optionsEnded) files.push(arg);
      else if (arg === '--') optionsEnded = true;
      else if (arg === '--json') options.json = true;
      else if (arg === '--fail-on-blocked') options.failOnBlocked = true;
      else if (arg.startsWith('-')) throw new UsageError(`unknown option for explain: ${arg}`);
      else files.push(arg);
    }
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'explain needs a HAR file' : 'explain takes one HAR file');
    const file = files[0]!;

    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      context.stderr.write(`cors-inspector: cannot read ${file}: ${errorMessage(error)}\n`);
      return 2;
    }
    let result: ReturnType<typeof explainHarText>;
    try {
      result = explainHarText(text, { json: options.json, color: context.color, width: context.width });
    } catch (error) {
      if (!(error instanceof HarError)) throw error;
      context.stderr.write(`cors-inspector: ${file}: ${error.message}\n`);
      return 2;
    }
    context.stdout.write(result.output);
    if (options.failOnBlocked && result.report.exchanges.some(({ diagnosis }) => diagnosis.verdict === 'blocked')) return 1;
    return 0;
  },
};

function errorMessage(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!;
}
