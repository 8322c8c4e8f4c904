// `--browser chromium|firefox`: whose rules the engine applies.

import { quoted } from '../export/index.ts';
import { CliError } from './command.ts';
import type { Input } from './input.ts';
import { BROWSERS, type Browser } from './report.ts';

/**
 * The `--browser` value, undefined when not given; anything else is a usage error (the CLI puts
 * the command's name before the message). Checked before the input is read.
 */
export function browserOption(values: ReadonlyMap<string, string>): Browser | undefined {
  const value = values.get('browser');
  if (value === undefined) return undefined;
  const browser = BROWSERS.find((b) => b === value);
  if (browser === undefined) throw new CliError('usage', `--browser must be ${BROWSERS.join(' or ')}, not ${quoted(value, 40)}`);
  return browser;
}

/**
 * Whose rules judge the input: `--browser` where given; else Firefox's for a HAR Firefox wrote (its
 * requests were made under them) or a bundle judged by them (its `browser`), as the panel and the
 * viewer judge both (`ui/share/import-rules.ts`); else Chromium's.
 */
export function inputBrowser(given: Browser | undefined, input: Pick<Input, 'judgedByFirefoxRules'>): Browser {
  return given ?? (input.judgedByFirefoxRules === true ? 'firefox' : 'chromium');
}
