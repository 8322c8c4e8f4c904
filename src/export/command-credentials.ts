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

// MySQL's and MariaDB's clients take the password glued to `-p` (`mysql -uroot -pS3cret db`); a blank
// after `-p` makes them ask for it, and the next word is the database's name. Other tools' `-p` is a
// port (`ssh -p2222`) or a flag (`mkdir -p`), so the glued value goes only when the text names one
// of these clients (whose port is `-P`): a digits-only password goes too. Trade-off: another tool's
// glued `-p` in the same text as a MySQL client goes with it. Session 45.
// https://dev.mysql.com/doc/refman/8.4/en/connection-options.html#option_general_password
const MYSQL_CLIENT = /(?:^|[^A-Za-z0-9_-])(?:mysql|mariadb)[A-Za-z-]*(?:\.exe)?(?![A-Za-z0-9_])/i;

// An option where an argument starts (a blank, a quote or bracket of a logged argv, or the text's
// start), then its value: after `=`, after blanks, after `","` (an argv joined as JSON), or right
// after a short option (`-ualice:pw`). The value is quoted or runs to a blank.
const OPTION = /(?<=^|[\s"'[(,])(-[uUp]|--[A-Za-z][A-Za-z0-9_-]{0,63})(=|[ \t]+|["'][ \t]*,[ \t]*(?=["'])|(?=[^\s"'=-]))(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s"',\]]+))/g;

/** The kind of secret an option's value is, or null: `-u` and `--user` when the value holds a colon. */
export function optionValueKind(option: string, value: string): SecretKind | null {
  if (USER_OPTIONS.has(option)) return value.includes(':') ? 'authorization' : null;
  if (!option.startsWith('--')) return null;
  // A value that is itself an option (`--password --verbose`) is no value.
  if (value.startsWith('-')) return null;
  return sensitiveNameKind(option.slice(2));
}

/** Whether `text` names a MySQL or MariaDB client (`mysql`, `mysqldump`, `mariadb.exe`), whose glued `-p` is a password. */
export function namesMysqlClient(text: string): boolean {
  return MYSQL_CLIENT.test(text);
}

/** `-pS3cret` as one argument of a MySQL client's argv: the password glued to `-p`. */
export function isGluedMysqlPassword(argument: string): boolean {
  return argument.length > 2 && argument.startsWith('-p') && !/[\s"'=-]/.test(argument[2]!) && !isPlaceholder(argument.slice(2));
}

/** Cheap test before the scan: an option needs a `-` after a blank, a quote or the start. */
export const MAY_HOLD_OPTION = /(?:^|[\s"'[(,])-/;

/**
 * `text` with each credential given on a command line replaced by `replacement(kind, option)`,
 * the option and any quotes kept.
 */
export function replaceCommandCredentials(text: string, replacement: (kind: SecretKind, option: string) => string): string {
  if (!MAY_HOLD_OPTION.test(text)) return text;
  let mysql: boolean | undefined;
  return text.replace(OPTION, (match: string, option: string, separator: string, doubled?: string, single?: string, bare?: string) => {
    const value = doubled ?? single ?? bare ?? '';
    if (option === '-p') {
      if (separator !== '' || value === '' || isPlaceholder(value)) return match;
      // Asked once per text, at its first glued `-p`: one more pass over it.
      if (!(mysql ??= MYSQL_CLIENT.test(text))) return match;
      return `-p${quoteOf(doubled, single)}${replacement('password', option)}${quoteOf(doubled, single)}`;
    }
    // `-uX` attached: only curl's short options take a value that way.
    if (separator === '' && !USER_OPTIONS.has(option)) return match;
    const kind = optionValueKind(option, value);
    if (kind === null || value === '' || isPlaceholder(value)) return match;
    const quote = quoteOf(doubled, single);
    return `${option}${separator}${quote}${replacement(kind, option)}${quote}`;
  });
}

function quoteOf(doubled: string | undefined, single: string | undefined): string {
  return doubled !== undefined ? '"' : single !== undefined ? "'" : '';
}
