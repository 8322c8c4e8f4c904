// `explain` for people: the failures by cause, what passed as a count, and the server configuration
// each API origin needs; colours only for a terminal.

import { adviseText, afterRedirectSuffix, otherBrowsersCachedPreflight, fixTrapBesideTraps, keptFromServerNote, keptFromServerWords, leftOutFromServerNote, localNetworkNeedWords, shouldSendWords, stackNames, trapsBesideExplanation, type StackReading, type Verdict } from '../cors/index.ts';
import { answerKindsNote, apiOriginWords, type CauseGroup, CauseGroups, fixOnLine, groupLine, headerNameSources, type HostSecretWords, probeCommandLines, probeLineText, pageOriginsNote, probeShellsLabel, SecretNameNumbers, type ServerConfig, showControls, taintedNeedNote } from '../export/index.ts';
import { consoleMessageFor, firefoxErrorText, VERDICT_ORDER, reportExchange, type Browser, type Report, type ReportedExchange } from './report.ts';

export interface TextStyle {
  color: boolean;
  /** Wrap prose at this many columns. */
  width: number;
  /** Whose rules (`--browser`); Chromium's when left out. */
  browser?: Browser;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m' } as const;

const VERDICT_LABEL: Record<Verdict, { text: string; color: keyof typeof ANSI }> = {
  blocked: { text: 'BLOCKED', color: 'red' },
  'network-error': { text: 'NETWORK ERROR', color: 'yellow' },
  uncertain: { text: 'UNCERTAIN', color: 'yellow' },
  allowed: { text: 'ALLOWED', color: 'green' },
  'not-cors': { text: 'NOT CORS', color: 'dim' },
};

export function formatText(report: Report, style: TextStyle, hosts?: HostSecretWords): string {
  const counts = new Map<Verdict, number>();
  const grouping = new CauseGroups();
  for (const { exchange, diagnosis } of report.exchanges) {
    counts.set(diagnosis.verdict, (counts.get(diagnosis.verdict) ?? 0) + 1);
    grouping.add(exchange, diagnosis);
  }
  const names = new SecretNameNumbers(headerNameSources(report.exchanges.map((reported) => reported.exchange)));
  return [...textChunks(summaryLine(counts, report), grouping, style, names, hosts)].join('');
}

/**
 * The text in pieces: the summary; one block per cause of failure, explained by its first request,
 * with its requests listed compactly; what passed as a count; then one merged server
 * configuration per API origin. `names`: the output's one numbering of header names shaped like
 * secrets (`secret-name-numbers.ts`), made from all its exchanges, so that a placeholder in a probe
 * line means the same header in every line.
 */
export function* textChunks(summary: string, grouping: CauseGroups, style: TextStyle, names: SecretNameNumbers, hosts?: HostSecretWords): Generator<string> {
  const chunks = causeChunks(summary, grouping, style, names);
  // The parts of hosts shaped like secrets, masked in the words only (`masked-hosts.ts`); none in most runs.
  if (hosts?.any !== true) return yield* chunks;
  const { value: first } = chunks.next();
  yield `${hosts.words(first ?? '')}${HOST_NOTE}`;
  for (const chunk of chunks) yield hosts.words(chunk);
}

/**
 * Under the counts, when a part of a host or port is masked: what the placeholders stand for, and
 * what to write where a fix holds one (an allow-list's origin).
 */
const HOST_NOTE =
  'Masked hosts: a part of a host or port shaped like a secret (a card number, a key, a token) is\n' +
  '  printed as REDACTED-HOST-1 (each such part under its own number, the same wherever it shows).\n' +
  '  In a fix (an allowed origin) or a command, write the real host in its place: the server must\n' +
  '  allow the origin as the browser sends it (--include-secrets prints it; keep that out of CI logs).\n';

function* causeChunks(summary: string, grouping: CauseGroups, style: TextStyle, names: SecretNameNumbers): Generator<string> {
  const paint = (color: keyof typeof ANSI, text: string): string => (style.color ? `${ANSI[color]}${text}${ANSI.reset}` : text);
  yield `${summary}\n`;
  for (const group of grouping.groups(style.browser)) yield `\n${groupLines(group, style, paint, names).join('\n')}\n`;
  const passed = [...grouping.passed].map(([verdict, n]) => `${n} ${VERDICT_LABEL[verdict].text.toLowerCase()}`);
  if (passed.length > 0) yield `\n${paint('green', paint('bold', 'PASSED'))}  ${passed.join(', ')} (not listed)\n${passedAdviceLines(grouping, style, paint).join('')}`;
  for (const config of grouping.serverConfigs()) yield `\n${serverConfigLines(config, style, paint).join('\n')}\n`;
}

/**
 * Under PASSED, what passed but should change (`CauseGroups.passedAdvice`): one paragraph per kind
 * and API origin, with its count. Empty when there is none. Each line ends in a newline.
 */
function passedAdviceLines(grouping: CauseGroups, style: TextStyle, paint: (color: keyof typeof ANSI, text: string) => string): string[] {
  const advice = grouping.passedAdvice();
  if (advice.length === 0) return [];
  const lines = [`  ${paint('bold', 'Advised, though they passed:')}`];
  for (const { advisory, apiOrigin, count } of advice) {
    const color = advisory.severity === 'high' ? 'red' : 'yellow';
    const requests = `${count} request${count === 1 ? '' : 's'}`;
    lines.push(...wrap(`${paint(color, `[${advisory.severity}]`)} ${clean(apiOrigin)}, ${requests}: ${clean(adviseText(advisory, style.browser))}`, style.width, '    ', '      '));
  }
  const omitted = grouping.passedAdviceOmitted;
  if (omitted > 0) lines.push(`    ${paint('dim', `and ${omitted} more on other servers (--json lists every request's advisories)`)}`);
  return lines.map((line) => `${line}\n`);
}

/** `33 cross-origin requests: 18 blocked, 1 network error, ...`. */
export function summaryLine(counts: ReadonlyMap<Verdict, number>, report: { sameOrigin: number; skippedEntries: number }): string {
  const parts = (Object.keys(VERDICT_ORDER) as Verdict[])
    .filter((verdict) => counts.has(verdict))
    .map((verdict) => `${counts.get(verdict)} ${VERDICT_LABEL[verdict].text.toLowerCase()}`);
  let total = 0;
  for (const n of counts.values()) total += n;
  let line = `${total} cross-origin request${total === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
  if (report.sameOrigin > 0) line += ` (${report.sameOrigin} same-origin left out)`;
  if (report.skippedEntries > 0) line += ` (${report.skippedEntries} unreadable entr${report.skippedEntries === 1 ? 'y' : 'ies'} skipped)`;
  // A HAR saved before the page made any request (or from another tab) reads as empty: say so
  // rather than let "0 cross-origin requests" pass for a clean bill.
  if (total === 0 && report.sameOrigin === 0 && report.skippedEntries === 0) line += ' (the file holds no requests to explain)';
  return line;
}

function groupLines(group: CauseGroup, style: TextStyle, paint: (color: keyof typeof ANSI, text: string) => string, names: SecretNameNumbers): string[] {
  const label = VERDICT_LABEL[group.verdict];
  const lines = [`${paint(label.color, paint('bold', label.text))}  ${paint('bold', clean(groupLine(group)))}`];
  lines.push(`  ${paint('dim', 'API origin:')} ${clean(apiOriginWords(group))}`);
  const fixOn = fixOnLine(group);
  if (fixOn !== null) lines.push(`  ${paint('dim', 'Fix on:')} ${clean(fixOn)}`);
  lines.push(...exchangeLines(reportExchange(group.first.exchange, style.browser), style, paint, names));
  lines.push('');
  lines.push(`  ${paint('bold', 'Requests:')}`);
  for (const { method, url } of group.requests) lines.push(`    ${clean(method)} ${clean(url)}`);
  const more = group.count - group.requests.length;
  if (more > 0) lines.push(`    + ${more} more`);
  const kinds = answerKindsNote(group);
  if (kinds !== null) lines.push(...wrap(kinds, style.width, '  ', '    '));
  return lines;
}

/** What one request of a cause shows: Chromium's error, the preflight, the wording and the fix. */
function exchangeLines(
  reported: ReportedExchange,
  style: TextStyle,
  paint: (color: keyof typeof ANSI, text: string) => string,
  names: SecretNameNumbers,
): string[] {
  const { exchange, diagnosis, explanation, stack } = reported;
  const lines: string[] = [];
  const hops = exchange.hops;
  lines.push(`  ${paint('dim', 'Example:')} ${clean(exchange.request.method)} ${clean(hops[0]!.url)}`);
  for (let i = 1; i < hops.length; i++) lines.push(`  ${paint('dim', '-> redirected to')} ${clean(hops[i]!.url)}`);

  const oneOf = diagnosis.cachedCopyBlocked?.oneOf;
  const chromium =
    diagnosis.corsError === null
      ? 'no CORS error'
      : oneOf !== undefined
        ? `${oneOf.join(' or ')}, the capture does not show which`
        : `${diagnosis.corsError}${diagnosis.failedParameter ? `, failedParameter ${JSON.stringify(diagnosis.failedParameter)}` : ''}`;
  if (reported.browser === 'chromium') lines.push(`  ${paint('dim', 'Chromium:')} ${clean(chromium)}${exchange.errorText ? paint('dim', ` (${clean(exchange.errorText)})`) : ''}`);
  else {
    // Firefox's words only: a Chromium capture's net::ERR_FAILED is Chromium's, and Firefox never prints it.
    const errorText = firefoxErrorText(exchange.errorText);
    lines.push(`  ${paint('dim', 'Firefox:')} ${reported.firefoxVerdict.outcome}${reported.firefoxVerdict.reason === null ? '' : `, ${reported.firefoxVerdict.reason}`}${errorText ? paint('dim', ` (${clean(errorText)})`) : ''}`);
  }
  const difference = reported.browserDifference;
  if (difference !== null) lines.push(...wrap(`Browsers differ: ${clean(difference)}`, style.width, '  ', '    '));
  const preflightHop = hops.find((hop) => hop.preflight !== undefined);
  const elsewhere = preflightHop === undefined && diagnosis.preflight.observed === 'cached' ? otherBrowsersCachedPreflight(diagnosis.preflight, reported.browser) : null;
  const preflight = preflightHop?.preflight
    ? `OPTIONS -> ${preflightHop.preflight.response?.status ?? 'no response'}`
    : diagnosis.preflight.observed === 'cached'
      ? 'answered from the preflight cache'
      : diagnosis.preflight.observed === 'missing'
        ? 'needed but not in the log'
        : 'not needed';
  // Another browser's cache answered it: why the judged one would not have, in a sentence.
  if (elsewhere === null) lines.push(`  ${paint('dim', 'Preflight:')} ${preflight}`);
  else lines.push(...wrap(`Preflight: ${clean(elsewhere)}`, style.width, '  ', '    '));
  const server = serverLine(explanation.stack, stack);
  if (server !== null) lines.push(`  ${paint('dim', 'Server:')} ${clean(server)}`);
  const consoleMessage = consoleMessageFor(reported, explanation.consoleMessage);
  if (consoleMessage !== null) lines.push(...wrap(`Console: ${clean(consoleMessage, true)}`, style.width, '  ', '    '));

  lines.push('');
  lines.push(...wrap(clean(explanation.explanation, true), style.width, '  ', '  '));
  // What the explanation does not say: which layers each sent Access-Control-Allow-Origin.
  for (const trap of trapsBesideExplanation(explanation.traps)) {
    lines.push('');
    lines.push(...wrap(clean(trap.text), style.width, '  ', '  '));
  }

  if (explanation.serverMustSend.length > 0) {
    lines.push('');
    lines.push(`  ${paint('bold', 'The server must send:')}`);
    for (const need of explanation.serverMustSend) {
      lines.push(`    ${paint('cyan', `${clean(need.header)}: ${clean(need.value)}`)}  ${paint('dim', `(on the ${need.on}${afterRedirectSuffix(need.hop)})`)}`);
    }
    // Why a line this request does not need is there (the server's own Allow-Credentials, kept).
    const kept = keptFromServerNote(explanation.serverMustSend);
    if (kept !== null) lines.push(...wrap(kept, style.width, '    ', '    '));
    // What a placeholder among the names stands for, as the fix's note says.
    const leftOut = leftOutFromServerNote(explanation.serverMustSend);
    if (leftOut !== null) lines.push(...wrap(clean(leftOut), style.width, '    ', '    '));
  }
  // Apart from the must: what no browser checks (Vary: Origin), with why the server should send it.
  const advised = explanation.serverShouldSend ?? [];
  if (advised.length > 0) {
    lines.push('');
    lines.push(`  ${paint('bold', 'Also advised:')}`);
    for (const advice of advised) {
      lines.push(`    ${paint('cyan', `${clean(advice.header)}: ${clean(advice.value)}`)}  ${paint('dim', `(on the ${advice.on}${afterRedirectSuffix(advice.hop)})`)}`);
    }
    for (const kind of new Set(advised.map((advice) => advice.advice))) lines.push(...wrap(shouldSendWords(kind), style.width, '    ', '    '));
  }
  const fix = explanation.fixes[0];
  if (fix !== undefined && diagnosis.verdict !== 'allowed' && diagnosis.verdict !== 'not-cors') {
    lines.push('');
    lines.push(`  ${paint('bold', `Fix (${fix.target}${guessWords(fix.target, explanation.stack?.undecided ?? [])}):`)} ${clean(fix.title)}`);
    for (const line of clean(fix.snippet, true).split('\n')) lines.push(line.trim() === '' ? '' : `    ${line}`);
    // Without the words the traps above said already.
    const trap = fixTrapBesideTraps(fix, explanation.traps, explanation.stack);
    if (trap !== undefined) lines.push(...wrap(`Watch out: ${clean(trap)}`, style.width, '  ', '    '));
  }
  if (explanation.advisories.length > 0) {
    lines.push('');
    lines.push(`  ${paint('bold', 'Advisories:')}`);
    for (const advisory of explanation.advisories) {
      const color = advisory.severity === 'high' ? 'red' : advisory.severity === 'medium' ? 'yellow' : 'dim';
      lines.push(...wrap(`${paint(color, `[${advisory.severity}]`)} ${clean(advisory.text)}`, style.width, '    ', '      '));
      // The command on one line, unwrapped, so it can be copied as it is.
      // Each line names the shells it is for: one line for all of them when the values allow it.
      if (advisory.probe !== undefined) {
        const probes = probeCommandLines(advisory.probe, { names });
        for (const [i, probe] of probes.entries())
          lines.push(`      ${i === 0 ? 'To find out' : 'Or'} (${probeShellsLabel(probe.shells)}): ${clean(probeLineText(probe), true)}`);
        // What the lines leave out of the probe's header names, so they are not taken for all of them.
        if (probes[0]?.leftOut !== undefined) lines.push(...wrap(`Left out of the line: ${clean(probes[0].leftOut)}.`, style.width, '      ', '        '));
      }
    }
  }
  if (explanation.assumptions.length > 0) {
    lines.push('');
    lines.push(`  ${paint('bold', 'Assumed:')}`);
    for (const note of explanation.assumptions) lines.push(...wrap(`- ${clean(note)}`, style.width, '    ', '      '));
  }
  return lines;
}

/**
 * Text that comes from the HAR, with control characters shown as escapes (`\x1b`), so that a
 * crafted file cannot drive the terminal. `keepLayout` keeps line feeds and tabs, for the engine's
 * multi-line text (a snippet, the explanation, a console line); a single value (a URL, a header) and
 * the one-paragraph notes that quote values (an advisory, an assumption, a trap, the browsers'
 * difference) keep nothing: a line feed there was a captured value's, and started a line of its own.
 */
function clean(text: string, keepLayout = false): string {
  return showControls(text, { keepLayout });
}

/** Word-wraps one paragraph (or several, split on newlines). */
function wrap(text: string, width: number, firstIndent: string, nextIndent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? firstIndent : nextIndent;
    let empty = true;
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      // Escape sequences take no columns; count only what shows.
      const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;
      if (!empty && visible(line) + 1 + visible(word) > width) {
        lines.push(line);
        line = nextIndent + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines;
}

function valueList(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.map((value) => clean(value)).join(', ');
}

/**
 * The layers the fix below was chosen from, outermost first (`nginx in front of express`), as
 * `--json`'s `stack` lists them: the last response's server alone named the app where the fix was
 * for the proxy that set the preflight's headers. Without a reading, the last response's server.
 */
function serverLine(reading: StackReading | undefined, lastResponseServer: string | null): string | null {
  const names = reading === undefined ? [] : stackNames(reading).map((layer) => layer.split('|').map((name) => (name === 'unknown' ? 'an unnamed layer' : name)).join(' or '));
  return names.length > 0 ? names.join(' in front of ') : lastResponseServer;
}

/**
 * When the headers fit several layers alike and the fix is for one of them: say it is a guess, and
 * which others they fit (`unknown` is a layer that names nothing, most often the app behind).
 */
function guessWords(target: string, undecided: readonly string[]): string {
  if (undecided.length < 2 || !undecided.includes(target)) return '';
  // Beside a layer the headers do not name, the named one is no guess: its fix keeps one copy of
  // each line whoever behind it sends them too (the panel's tab says "detected" for the same).
  if (undecided.every((n) => n === target || n === 'unknown')) return ', named by the headers; an unnamed layer behind it may send the same lines';
  const others = undecided.filter((n) => n !== target).map((n) => (n === 'unknown' ? 'an unnamed layer behind it' : n));
  return `, a guess: ${others.join(' or ')} ${others.length === 1 ? 'fits' : 'fit'} the headers as well`;
}

/** One API origin's merged configuration: what the page needs of it, for its recognised stack. */
function serverConfigLines(config: ServerConfig, style: TextStyle, paint: (color: keyof typeof ANSI, text: string) => string): string[] {
  const { need, fix } = config;
  const lines = [
    `${paint('cyan', paint('bold', 'SERVER CONFIGURATION'))}  ${clean(config.apiOrigin)}  ${paint('dim', `(${config.stack ?? 'server not recognised'}; ${config.requests} request${config.requests === 1 ? '' : 's'}, ${config.blocked} blocked)`)}`,
  ];
  // Reached only through a redirect from another origin: the browser named no page origin to it.
  const origins = need.origins.length === 0 && need.originTainted ? 'none (each came with Origin: null, below)' : valueList(need.origins);
  const needs = `Every request the page made to it needs: page origins ${origins}; methods beyond GET, HEAD, POST: ${valueList(need.methods)}; request headers: ${valueList(need.headers)}; credentials: ${need.credentials ? 'yes' : 'no'}.`;
  lines.push(...wrap(needs, style.width, '  ', '    '));
  const originsNote = pageOriginsNote(need, config.apiOrigin);
  if (originsNote !== null) lines.push(...wrap(originsNote, style.width, '  ', '    '));
  const kept = keptFromServerWords(need, config.stack);
  if (kept !== null) lines.push(...wrap(`Kept from what the server already answered (the snippet replaces its CORS settings, so it carries them): ${kept}.`, style.width, '  ', '    '));
  if (need.originTainted) lines.push(...wrap(taintedNeedNote(need, config.stack, 'explain-json', config.apiOrigin), style.width, '  ', '    '));
  for (const words of localNetworkNeedWords(need)) lines.push(...wrap(words, style.width, '  ', '    '));
  if (need.omitted > 0) lines.push(`  ${need.omitted} more value${need.omitted === 1 ? '' : 's'} left out (too many of a kind to list): allow them too.`);
  lines.push('');
  lines.push(`  ${paint('bold', `${clean(fix.title)}:`)}`);
  for (const line of clean(fix.snippet, true).split('\n')) lines.push(line.trim() === '' ? '' : `    ${line}`);
  if (fix.trap !== undefined) lines.push(...wrap(`Watch out: ${clean(fix.trap)}`, style.width, '  ', '    '));
  return lines;
}
