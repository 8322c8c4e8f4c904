// `cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME]… [--credentials]`, from the
// engine's `ProbeTarget`, for whichever shell its reader pastes it into: bash, zsh, PowerShell or
// cmd.exe (a developer on Windows is as likely to paste it into cmd as into PowerShell). The values
// come from a capture and are hostile: a URL such as `https://x/?a=1&calc` must reach the probe as
// text in every shell, never run. Where the values allow it, one line serves all four shells (bare
// words and double quotes that none of them reads into); where they do not, a line per shell, each
// quoted by the curl export's quoting for that shell, and for a shell that cannot carry a value
// exactly, no line but the reason. A line never changes a value to fit a shell. The URL's secrets
// (query tokens, user:password) become placeholders unless asked for, as in every export. Only header
// names go on the line: the probe sends its own values. What the probe would refuse is left out, so
// that the line runs as printed: the URL's user name and password (browsers refuse such URLs in
// fetch()), and header names that are not HTTP tokens or that a page cannot set. A name left out is
// said (`leftOut`), so that the line is not taken for the probe of every name `probe.headers` lists.

import { isForbiddenRequestHeader, type ProbeTarget } from '../cors/index.ts';
import { quoteEveryShell } from './every-shell-quote.ts';
import { placeholdersInCapitals } from './redact-exchange.ts';
import { redactHeaderName } from './redact-header.ts';
import { redactUrl } from './redact-text.ts';
import { SecretNameNumbers } from './secret-name-numbers.ts';
import { quoted } from './visible-text.ts';
import { cmdCannotCarry, quoteBash, quoteCmd, quotePowerShell, type Shell } from './shell-quote.ts';

/** A shell a probe line is for: zsh reads it as bash does, and the tests run it in both. */
export type ProbeShell = Shell | 'zsh';

export interface ProbeLine {
  /** The shells the line is for: all four when one line serves them all. */
  shells: readonly ProbeShell[];
  /** The command, or null when the values cannot be written exactly for these shells. */
  command: string | null;
  /** Why there is no command (when `command` is null): what the values hold that the shell cannot carry. */
  cannot?: string;
  /** The header names of the target the line leaves out, and why (the probe would refuse them); absent when none is. */
  leftOut?: string;
}

/**
 * One word of the command: `--name=value` is written `prefix` `--name=` and `value`. The program's own
 * words (`probe`, `--origin`, ...) are `own`: plain in every shell, never quoted.
 */
interface Word {
  prefix: string;
  value: string;
  own?: true;
}

const word = (value: string, prefix = ''): Word => ({ prefix, value });
const own = (value: string): Word => ({ prefix: '', value, own: true });

/** `--name value`, or `--name=value` for a value starting with `-` (which would read as an option). */
function option(name: string, value: string): Word[] {
  return value.startsWith('-') ? [word(value, `--${name}=`)] : [own(`--${name}`), word(value)];
}

/** RFC 9110 `token`: what a header name may be. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The URL without its user name and password. */
function withoutUserinfo(url: string): string {
  // The URL parser sets a user name or password only on reading an `@` (its authority state):
  // without one there is nothing to take out, and no URL to parse for every advisory of a log.
  if (!url.includes('@')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** Why the probe would refuse the header name, or null when it would send it. */
function whyLeftOut(name: string): string | null {
  if (!TOKEN.test(name)) return 'not an HTTP token';
  return isForbiddenRequestHeader(name, '') ? 'a header the browser sets, not a page' : null;
}

/** Options of the probe lines: secrets as captured, or the export's numbering of secret-shaped names. */
export interface ProbeLineOptions {
  includeSecrets?: boolean;
  /** The export's (`secret-name-numbers.ts`), so the line names a header as the export's other parts do; the line's own when left out. */
  names?: SecretNameNumbers;
}

/** A header name as the line writes it: as the exports write it (`redactHeaderName`) unless secrets were asked for. */
type ShownName = (name: string) => string;

function shownNames(target: ProbeTarget, options: ProbeLineOptions): ShownName {
  if (options.includeSecrets === true) return (name) => name;
  const numbers = options.names ?? new SecretNameNumbers(target.headers);
  // A name explain masked before the engine read it comes lower-cased (`redacted-token-1`): in capitals, as the exports write it.
  return (name) => placeholdersInCapitals(redactHeaderName(name, numbers));
}

/**
 * The names of `headers` the line leaves out, in words: `header "x-$(id)" (not an HTTP token), which
 * the probe would refuse`, each name quoted with its controls shown (`quoted`), as it is hostile,
 * and written as the exports write a header name (`redactHeaderName`: a hand-made `x-k sk_live_…`
 * is cut where a value could begin) unless secrets were asked for.
 * Null when the line has every name.
 */
function leftOutWords(headers: readonly string[], shown: ShownName): string | null {
  const names: string[] = [];
  for (const name of headers) {
    const why = whyLeftOut(name);
    if (why !== null) names.push(`${quoted(shown(name))} (${why})`);
  }
  return names.length === 0 ? null : `${names.length === 1 ? 'header' : 'headers'} ${names.join(', ')}, which the probe would refuse`;
}

/** The longest line cmd.exe reads (a longer one is cut, and the probe would get another URL). */
const CMD_LINE_MAX = 8191;

/** The program's words after `cors-inspector`, as values (unquoted). */
function probeWords(target: ProbeTarget, includeSecrets: boolean, shown: ShownName): Word[] {
  const bare = withoutUserinfo(target.url);
  const url = includeSecrets ? bare : redactUrl(bare);
  const flags = option('origin', target.origin);
  if (target.method !== 'GET') flags.push(...option('method', target.method));
  // A name shaped like a credential (`ghp_...`, a JWT: HTTP tokens both) written as the exports write
  // it, as `leftOut` and `probe.headers` are: the line then probes the placeholder, not the secret.
  for (const name of target.headers) if (whyLeftOut(name) === null) flags.push(...option('header', shown(name)));
  if (target.credentials) flags.push(own('--credentials'));
  // A URL that could read as an option goes after `--`, where nothing is one.
  return [own('probe'), ...(url.startsWith('-') ? [...flags, own('--'), word(url)] : [word(url), ...flags])];
}

const line = (quoted: readonly string[]): string => ['cors-inspector', ...quoted].join(' ');

/** What no shell can pass, or what one shell cannot: the reason, worded for a person. */
function nulInside(words: readonly Word[]): string | null {
  return words.some((w) => w.value.includes('\0')) ? 'a NUL character (no command-line argument can hold one)' : null;
}

function bashLine(words: readonly Word[]): string {
  return line(words.map((w) => w.prefix + quoteBash(w.value)));
}

function powerShellCannot(words: readonly Word[]): string | null {
  const values = words.map((w) => w.prefix + w.value);
  // `--%` (quoted or not) switches PowerShell to passing the rest of the line verbatim.
  if (values.includes('--%')) return 'an argument "--%" (PowerShell\'s stop-parsing token)';
  // Windows PowerShell 5.1 (still the one Windows starts) passes an empty argument as nothing, a `"`
  // unescaped, and a value with a space and a final `\` in quotes that the `\` escapes, so the probe
  // would get other words: only 7.3+ passes them exactly, and a line must be right in both.
  if (values.includes('')) return 'an empty value (Windows PowerShell 5.1 passes it as nothing)';
  if (values.some((v) => v.includes('"'))) return 'a double quote (Windows PowerShell 5.1 passes it on unescaped, and the probe would get other words)';
  if (values.some((v) => v.endsWith('\\') && /\s/.test(v))) return 'a value with a space and a final backslash (Windows PowerShell 5.1 passes it on changed)';
  return null;
}

function cmdCannot(words: readonly Word[]): string | null {
  for (const w of words) {
    const reason = cmdCannotCarry(w.value);
    if (reason !== null) return reason;
    // npm's `cors-inspector.cmd` hands its arguments to cmd again (`%*`): only text inside quotes
    // that cmd saw open and close is safe there, and a `"` inside a value would close them.
    if (w.value.includes('"')) return 'a double quote (npm\'s cors-inspector.cmd reads its arguments again, and the quote would end their quoting there)';
  }
  return null;
}

/**
 * The probe command, as one line for every shell when the values allow it, else as a line for bash
 * and zsh, one for PowerShell and one for cmd.exe, each line null with the reason when its shell
 * cannot carry the values exactly. Each line says which of the target's header names it leaves out
 * (`leftOut`), where it leaves out any.
 */
export function probeCommandLines(target: ProbeTarget, options: ProbeLineOptions = {}): ProbeLine[] {
  const shown = shownNames(target, options);
  const lines = linesFor(target, options.includeSecrets === true, shown);
  const leftOut = leftOutWords(target.headers, shown);
  return leftOut === null ? lines : lines.map((probeLine) => ({ ...probeLine, leftOut }));
}

function linesFor(target: ProbeTarget, includeSecrets: boolean, shown: ShownName): ProbeLine[] {
  const words = probeWords(target, includeSecrets, shown);
  const nul = nulInside(words);
  if (nul !== null) return [{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: null, cannot: nul }];
  // PowerShell passes a bare `--` to a script (npm's cors-inspector.ps1) as nothing: it is quoted.
  const every = words.map((w) => (w.own !== true ? quoteEveryShell(w.prefix + w.value) : w.value === '--' ? '"--"' : w.value));
  const everyLine = every.every((q) => q !== null) ? line(every as string[]) : null;
  if (everyLine !== null && everyLine.length <= CMD_LINE_MAX) return [{ shells: ['bash', 'zsh', 'powershell', 'cmd'], command: everyLine }];
  const lines: ProbeLine[] = [{ shells: ['bash', 'zsh'], command: bashLine(words) }];
  const ps = powerShellCannot(words);
  lines.push(ps === null ? { shells: ['powershell'], command: line(words.map((w) => quotePowerShell(w.prefix + w.value))) } : { shells: ['powershell'], command: null, cannot: ps });
  const cmd = cmdCannot(words);
  const cmdLine = cmd === null ? line(words.map((w) => quoteCmd(w.prefix + w.value))) : null;
  if (cmdLine === null) lines.push({ shells: ['cmd'], command: null, cannot: cmd! });
  else if (cmdLine.length > CMD_LINE_MAX) lines.push({ shells: ['cmd'], command: null, cannot: `more than the ${CMD_LINE_MAX.toLocaleString('en-US')} characters cmd reads on a line (${cmdLine.length.toLocaleString('en-US')})` });
  else lines.push({ shells: ['cmd'], command: cmdLine });
  return lines;
}

/** The first line to show: the one for every shell, or the one for bash and zsh (null only for a value with a NUL). */
export function probeCommand(target: ProbeTarget, options: ProbeLineOptions = {}): string | null {
  return probeCommandLines(target, options)[0]!.command;
}

const SHELL_NAMES: Record<ProbeShell, string> = { bash: 'bash', zsh: 'zsh', powershell: 'PowerShell', cmd: 'cmd' };

/** "bash, zsh, PowerShell or cmd": whom a line is for, in words (bash and zsh alone: "bash, zsh"). */
export function probeShellsLabel(shells: readonly ProbeShell[]): string {
  const names = shells.map((s) => SHELL_NAMES[s]);
  if (names.length === 2 && shells[0] === 'bash' && shells[1] === 'zsh') return 'bash, zsh';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
}

/** The line as shown: the command, or why there is none. */
export function probeLineText(probeLine: ProbeLine): string {
  return probeLine.command ?? `no line: the values hold ${probeLine.cannot ?? 'what it cannot carry'}`;
}
