// `--browser chromium|firefox`: whose rules the engine applies.

import { CliError } from './command.ts';
import { BROWSERS, type Browser } from './report.ts';

/**
 * The `--browser` value (Chromium when not given); anything else is a usage error (the CLI puts the
 * command's name before the message).
 */
export function browserOption(values: ReadonlyMap<string, string>): Browser {
  const value = values.get('browser');
  if (value === undefined) return 'chromium';
  const browser = BROWSERS.find((b) => b === value);
  if (browser === undefined) throw new CliError('usage', `--browser must be ${BROWSERS.join(' or ')}, not ${JSON.stringify(value.slice(0, 40))}`);
  return browser;
}
