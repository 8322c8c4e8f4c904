// Command lines written in text (a logged curl in a JSON body, a debug header, a note): curl takes a
// password on its command line, `-u user:password` (also `--user`, `--user=`, `-uuser:password`,
// and `-U`/`--proxy-user` for the proxy's), and tools take secrets as `--password x`, `--api-key x`.
// Neither is a `name=value` pair, so the pair rule (`redact-text.ts`) does not see them.
// https://curl.se/docs/manpage.html#-u
//
// curl reads `-u alice` (no colon) as a user name and asks for the password: nothing secret is on the
// line, and `sort -u file` is no credential. An API key given as the user name keeps its colon
// (`-u sk_test_abc:`), so it goes.

import { isPlaceholder, type SecretKind } from './redaction.ts';
import { sensitiveNameKind } from './sensitive-name.ts';

// curl's options whose value is `user:password`.
const USER_OPTIONS = new Set(['-u', '--user', '-U', '--proxy-user']);

// An option where an argument starts (a blank, a quote or bracket of a logged argv, or the text's
// start), then its value: after `=`, after blanks, after `","` (an argv joined as JSON), or right
// after a short option (`-ualice:pw`). The value is quoted or runs to a blank.
const OPTION = /(?<=^|[\s"'[(,])(-[uU]|--[A-Za-z][A-Za-z0-9_-]{0,63})(=|[ \t]+|["'][ \t]*,[ \t]*(?=["'])|(?=[^\s"'=-]))(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s"',\]]+))/g;

/** The kind of secret an option's value is, or null: `-u` and `--user` when the value holds a colon. */
export function optionValueKind(option: string, value: string): SecretKind | null {
  if (USER_OPTIONS.has(option)) return value.includes(':') ? 'authorization' : null;
  if (!option.startsWith('--')) return null;
  // A value that is itself an option (`--password --verbose`) is no value.
  if (value.startsWith('-')) return null;
  return sensitiveNameKind(option.slice(2));
}

/** Cheap test before the scan: an option needs a `-` after a blank, a quote or the start. */
export const MAY_HOLD_OPTION = /(?:^|[\s"'[(,])-/;

/**
 * `text` with each credential given on a command line replaced by `replacement(kind, option)`,
 * the option and any quotes kept.
 */
export function replaceCommandCredentials(text: string, replacement: (kind: SecretKind, option: string) => string): string {
  if (!MAY_HOLD_OPTION.test(text)) return text;
  return text.replace(OPTION, (match: string, option: string, separator: string, doubled?: string, single?: string, bare?: string) => {
    const value = doubled ?? single ?? bare ?? '';
    // `-uX` attached: only curl's short options take a value that way.
    if (separator === '' && !USER_OPTIONS.has(option)) return match;
    const kind = optionValueKind(option, value);
    if (kind === null || value === '' || isPlaceholder(value)) return match;
    const quote = doubled !== undefined ? '"' : single !== undefined ? "'" : '';
    return `${option}${separator}${quote}${replacement(kind, option)}${quote}`;
  });
}
