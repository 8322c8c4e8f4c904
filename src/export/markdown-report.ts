// A Markdown report ready to paste into a GitHub or GitLab issue: the failures grouped by cause,
// and per cause, from its first request, what the browser said, which check failed, the headers
// that went back and forth, what the server must send, and a curl pair that reproduces it; then one
// merged server configuration per API origin. Requests that passed are only counted. Every value from the exchange goes through `markdown.ts`, and every
// exchange is redacted first unless secrets were asked for.

import {
  afterRedirect,
  afterRedirectSuffix,
  browserDifference,
  type BrowserRules,
  diagnose,
  diagnoseInFirefox,
  firefoxConsoleLine,
  firefoxVerdict,
  type FirefoxVerdict,
  type Check,
  type Diagnosis,
  type Verdict,
  type HeaderList,
  type ObservedExchange,
  explain,
  type Explanation,
  type Fix,
  type ServerMustSend,
  keptFromServerNote,
  leftOutFromServerNote,
  shouldSendWords,
  fixTrapBesideTraps,
  nameIs,
  otherBrowsersCachedPreflight,
  trapsBesideExplanation,
} from '../cors/index.ts';
import type { BundleNote } from './bundle-schema.ts';
import { type CauseGroup, CauseGroups, type LayersShownIn } from './cause-groups.ts';
import { curlScript } from './curl.ts';
import { curlPair } from './curl-requests.ts';
import { probeCommandLines, probeShellsLabel, type ProbeShell } from './probe-command.ts';
import { SecretNameNumbers, headerNameSources } from './secret-name-numbers.ts';
import { codeBlock, codeSpan, prose, quotedProse } from './markdown.ts';
import { escapeShown } from './visible-text.ts';
import {
  Budget,
  causeHeading,
  causeRow,
  causeTableHead,
  moreCausesLine,
  omittedConfigsLine,
  passedAdviceLines,
  passedLine,
  REPORT_LIMIT,
  serverConfigSection,
  UNSECTIONED_LINE_MAX,
  unsectionedLine,
} from './markdown-causes.ts';
import { redactText, type Redaction } from './redact.ts';
import { distinctRedactions, redactExchange } from './redact-exchange.ts';
import { redactNoteTarget } from './redact-note-target.ts';
import { HostSecretWords } from './masked-hosts.ts';
import { withUrlSecretsMasked } from './masked-url-secrets.ts';

export interface ReportItem {
  exchange: ObservedExchange;
  notes?: readonly Pick<BundleNote, 'text' | 'target' | 'author' | 'createdAt'>[];
}

export interface MarkdownReportOptions {
  /** Keep cookies, tokens and keys as captured. Off by default. */
  includeSecrets?: boolean;
  /** Named in the footer, e.g. `0.1.0`. */
  engineVersion?: string;
  /** Every cause in full and every request listed, however long. Off by default: see REPORT_LIMIT. */
  full?: boolean;
  /** Whose rules judge the requests (`--browser`); Chromium's when left out. */
  rules?: BrowserRules;
  /**
   * Where the report's reader can see the layers each request's answers revealed, for the server
   * configuration's note to point to: `panel-detail` for a report copied from the panel or
   * diagnosis.html. Left out, the note points nowhere (a report may be read where no tool is at hand).
   */
  layersShownIn?: LayersShownIn;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  allowed: 'allowed',
  blocked: 'blocked by CORS',
  'network-error': 'network error (not CORS)',
  'not-cors': 'not a CORS request',
  uncertain: 'uncertain',
};

const PHASE_WORDS: Record<Check['phase'], string> = {
  request: 'the request',
  preflight: 'the preflight',
  redirect: 'the redirect',
  response: 'the response',
};

const MUST_SEND_ON: Record<ServerMustSend['on'], string> = {
  preflight: 'the preflight (OPTIONS) response',
  response: 'the actual response',
  redirect: 'the redirect response',
};

// Only the engine's own spec links become links; nothing from the exchange ever does.
/** The code block's language for a probe line: bash's for a line that serves every shell. */
const PROBE_LANGUAGE: Record<ProbeShell, string> = { bash: 'bash', zsh: 'bash', powershell: 'powershell', cmd: 'bat' };

const SPEC_LINK = /^https:\/\/fetch\.spec\.whatwg\.org\/#[A-Za-z0-9-]+$/;

interface Section {
  /** As captured: what the curl pair starts from (it redacts by itself, and lists what it took). */
  captured: ObservedExchange;
  /** What the report shows: redacted unless secrets were asked for. */
  exchange: ObservedExchange;
  diagnosis: Diagnosis;
  explanation: Explanation;
  notes: NonNullable<ReportItem['notes']>;
  /** What was taken from the exchange and its notes, once each, never the value. */
  redactions: Redaction[];
  /** "works in Chromium, blocked in Firefox because …", when the browsers disagree. */
  browserDifference?: string | null;
  /** Firefox's verdict, when Firefox's rules judge (`--browser firefox`, the Firefox build): its words replace Chromium's. */
  firefox: FirefoxVerdict | null;
  /** The report's numbering of header names shaped like a secret: the probe and curl lines name them as the report's lines do. */
  names: SecretNameNumbers;
}

/** `cookie` (cookie), `query:api_key` (query-secret): names and kinds only. */
function redactionList(redactions: readonly Redaction[]): string {
  return redactions.map(({ kind, where }) => `${codeSpan(where)} (${kind})`).join(', ');
}

function requestLine(exchange: ObservedExchange): string {
  return `${codeSpan(exchange.request.method)} ${codeSpan(exchange.hops[0]?.url ?? '')}`;
}

const LINE_BREAK_CHAR = /[\r\n]/g;

/**
 * Captured text as one line of the headers block, a line break inside it shown, not obeyed: each
 * CR and LF written as its escape, `\x0d` and `\x0a` (as `explain` shows the same header, and
 * ASCII, as the report is), and a comment line below that counts them. A value can hold the text
 * `\x0a` itself; the count tells a reader which it is (the block is code: nothing in it can be
 * set apart by its type, as a code span's `*(line break)*` is).
 */
function oneLine(text: string): string[] {
  let cr = 0;
  let lf = 0;
  const shown = text.replace(LINE_BREAK_CHAR, (char) => {
    if (char === '\r') cr++;
    else lf++;
    return escapeShown(char);
  });
  if (cr + lf === 0) return [text];
  const counted = [...(cr > 0 ? [`${cr} carriage return${cr === 1 ? '' : 's'} \\x0d`] : []), ...(lf > 0 ? [`${lf} line feed${lf === 1 ? '' : 's'} \\x0a`] : [])];
  return [shown, `# (the line above held line breaks, written as escapes: ${counted.join(', ')})`];
}

/** Header values on one line each. */
function headerLines(headers: HeaderList): string[] {
  return headers.flatMap(([name, value]) => oneLine(`${name}: ${value}`));
}

function wire(exchange: ObservedExchange): string {
  const out: string[] = [];
  exchange.hops.forEach((hop, i) => {
    const where = afterRedirectSuffix(i);
    if (hop.preflight) {
      out.push(`# Preflight sent${where}`, ...oneLine(`OPTIONS ${hop.preflight.url}`), ...headerLines(hop.preflight.requestHeaders), '');
      if (hop.preflight.response) out.push(`# Preflight response${where}`, `HTTP ${hop.preflight.response.status}`, ...headerLines(hop.preflight.response.headers), '');
      else out.push(...oneLine(`# No preflight response${where}${hop.preflight.networkError ? `: ${hop.preflight.networkError}` : ''}`), '');
    } else if (hop.preflightFromCache) {
      out.push(`# Preflight${where}: answered from the browser's preflight cache`, '');
    }
    // The request line too (session 30: a line break in a hand-made HAR's URL wrote a line of its own,
    // after a blank one, inside the block of headers).
    out.push(`# Request sent${where}`, ...oneLine(`${exchange.request.method} ${hop.url}`), ...headerLines(i === 0 ? exchange.request.headers : []));
    if (i > 0) out.push('(same request headers, Origin as the browser set it after the redirect)');
    out.push('');
    if (hop.response) out.push(`# Response received${where}`, `HTTP ${hop.response.status}`, ...headerLines(hop.response.headers), '');
    else out.push(...oneLine(`# No response${where}${exchange.errorText ? `: ${exchange.errorText}` : ''}`), '');
  });
  return out.join('\n').replace(/\s+$/, '');
}

function failedCheckLine(check: Check): string {
  const parts = [`${codeSpan(check.name)} on ${PHASE_WORDS[check.phase]}${afterRedirectSuffix(check.hop)}`];
  if (check.header !== undefined) parts.push(`header ${codeSpan(check.header)}`);
  if (check.expected !== undefined) parts.push(`expected ${codeSpan(check.expected)}`);
  if (check.found !== undefined) parts.push(check.found === null ? 'found nothing' : `found ${codeSpan(check.found)}`);
  const spec = SPEC_LINK.test(check.spec) ? ` ([Fetch Standard](${check.spec}))` : '';
  return `- **Failing check:** ${parts.join(', ')}${spec}`;
}

/** The detected stack's fix when there is one, else the generic headers. */
function chosenFix(fixes: readonly Fix[]): Fix | undefined {
  return fixes.find((fix) => fix.target !== 'generic' && fix.target !== 'vite-proxy' && fix.target !== 'webpack-proxy') ?? fixes.find((fix) => fix.target === 'generic') ?? fixes[0];
}

function curlTitle(section: Section): string {
  const { exchange, diagnosis } = section;
  const origin = exchange.request.initiatorOrigin ?? 'an unknown origin';
  const why = diagnosis.corsError ? `: ${diagnosis.corsError}` : '';
  return `${exchange.request.method} ${exchange.hops[0]?.url ?? ''} from ${origin} (${diagnosis.verdict}${why})`;
}

/** A cause's section: what one of its requests shows, in full. `heading` comes first. */
function renderSection(section: Section, heading: string[], includeSecrets: boolean): string {
  const { exchange, diagnosis, explanation } = section;
  const out: string[] = [...heading];
  out.push(`- **Example:** ${requestLine(exchange)}`);
  out.push(`- **Verdict:** ${prose(VERDICT_WORDS[diagnosis.verdict])}: ${prose(explanation.headline)}`);
  if (section.browserDifference) out.push(`- **Browsers differ:** ${prose(section.browserDifference)}`);
  if (section.firefox !== null) {
    // Firefox's verdict and reason as its console names them: Chromium's corsError is no word of Firefox's.
    const { outcome, reason } = section.firefox;
    out.push(`- **Firefox:** ${outcome}${reason === null ? '' : `, ${codeSpan(reason)}`}`);
  } else if (diagnosis.corsError !== null) {
    const parameter = diagnosis.failedParameter === null || diagnosis.failedParameter === '' ? 'none' : codeSpan(diagnosis.failedParameter);
    out.push(`- **Chromium:** corsError ${codeSpan(diagnosis.corsError)}, failedParameter ${parameter}`);
  }
  if (exchange.browserVerdict) {
    out.push(`- **Chromium reported:** ${codeSpan(exchange.browserVerdict.corsError)}, failedParameter ${codeSpan(exchange.browserVerdict.failedParameter)}`);
  }
  // Judged as the other browser: a cache hit the judged one would not have had, in explain's words
  // (its Max-Age from the redacted exchange). The headers below still say the cache answered.
  const cacheMiss = otherBrowsersCachedPreflight(diagnosis.preflight, section.firefox === null ? 'chromium' : 'firefox');
  if (cacheMiss !== null) out.push(`- **Preflight:** ${prose(cacheMiss)}`);
  const failed = diagnosis.checks.find((check) => check.outcome === 'failed');
  if (failed) out.push(failedCheckLine(failed));
  if (diagnosis.networkFailure) out.push(`- **Network failure:** ${codeSpan(diagnosis.networkFailure.errorText)} on ${prose(diagnosis.networkFailure.phase)}${afterRedirectSuffix(diagnosis.networkFailure.hop)}`);
  out.push(`- **Page origin:** ${exchange.request.initiatorOrigin === undefined ? 'unknown' : codeSpan(String(exchange.request.initiatorOrigin))}; credentials mode ${codeSpan(diagnosis.credentialsMode)}${assumedMark(diagnosis, 'credentials-mode')}, request mode ${codeSpan(diagnosis.mode)}${assumedMark(diagnosis, 'request-mode')}`);
  // What the capture does not record is marked above; explain's "Assumed:" notes only where another
  // reading would change the outcome (they say how), so a long report keeps its room for causes.
  const credentialsHint = allowCredentialsHint(diagnosis, exchange);
  if (diagnosis.alternatives.length > 0) for (const note of explanation.assumptions) out.push(`- **Assumed:** ${prose(note)}`);
  if (credentialsHint !== null) out.push(`- **Hint:** ${prose(credentialsHint)}`);
  if (section.redactions.length > 0) out.push(`- **Redacted (values removed):** ${redactionList(section.redactions)}`);
  out.push('', `**What happened:** ${prose(explanation.explanation)}`);
  // What the explanation does not say: which layers each sent Access-Control-Allow-Origin.
  for (const trap of trapsBesideExplanation(explanation.traps)) out.push('', `**Two layers:** ${prose(trap.text)}`);
  const reason = section.firefox?.reason ?? null;
  const consoleLine = section.firefox === null ? explanation.consoleMessage : reason === null ? null : firefoxConsoleLine(reason, diagnosis, exchange);
  if (consoleLine !== null) out.push('', `**Console message (${section.firefox === null ? 'Chromium' : 'Firefox'}):**`, '', codeBlock(consoleLine, 'text'));
  // Said only where redaction changed what the block shows (a body's secret is no header's).
  const shownWire = wire(exchange);
  const replaced = !includeSecrets && shownWire !== wire(section.captured);
  out.push('', `**Headers sent and received**${replaced ? ' (secrets replaced by REDACTED placeholders)' : ''}:`, '', codeBlock(shownWire, 'http'));

  const failing = diagnosis.verdict !== 'allowed' && diagnosis.verdict !== 'not-cors';
  if (explanation.serverMustSend.length > 0) {
    out.push('', '**The fix: the server must send**', '');
    for (const line of explanation.serverMustSend) {
      const what = line.kind === 'status' ? `status ${codeSpan(line.value)}` : codeSpan(`${line.header}: ${line.value}`);
      out.push(`- on ${MUST_SEND_ON[line.on]}${afterRedirectSuffix(line.hop)}: ${what}`);
    }
    // Why a line this request does not need is there (the server's own Allow-Credentials, kept).
    const kept = keptFromServerNote(explanation.serverMustSend);
    if (kept !== null) out.push('', prose(kept));
    // What a placeholder among the names stands for, as the fix's note says.
    const leftOut = leftOutFromServerNote(explanation.serverMustSend);
    if (leftOut !== null) out.push('', prose(leftOut));
  }
  // Apart from the must: what no browser checks, with why the server should send it all the same.
  const advised = explanation.serverShouldSend ?? [];
  if (advised.length > 0) {
    // One line: a report has a size budget, and this is advice beside the fix, not a section of its own.
    const what = advised.map((line) => `${codeSpan(`${line.header}: ${line.value}`)} on ${MUST_SEND_ON[line.on]}${afterRedirectSuffix(line.hop)}`).join(', ');
    const why = [...new Set(advised.map((line) => line.advice))].map((advice) => prose(shouldSendWords(advice))).join(' ');
    out.push('', `**Also advised:** ${what}. ${why}`);
  }
  const fix = chosenFix(explanation.fixes);
  if (fix) {
    out.push('', `**${prose(fix.title)}**`, '', codeBlock(fix.snippet, fix.language));
    const trap = fixTrapBesideTraps(fix, explanation.traps, explanation.stack);
    if (trap !== undefined) out.push('', `Watch out: ${prose(trap)}`);
  }
  for (const advisory of explanation.advisories) {
    out.push('', `**Advisory (${advisory.severity}):** ${prose(advisory.text)}`);
    // Each line says which shells it is for; a shell that cannot carry the values gets the reason.
    if (advisory.probe !== undefined) {
      const probes = probeCommandLines(advisory.probe, { includeSecrets, names: section.names });
      for (const probe of probes) {
        const shells = probeShellsLabel(probe.shells);
        if (probe.command === null) out.push('', `To find out (${shells}): no line, the values hold ${prose(probe.cannot ?? '')}.`);
        else out.push('', `To find out (${shells}):`, '', codeBlock(probe.command, PROBE_LANGUAGE[probe.shells.length === 1 ? probe.shells[0]! : 'bash']));
      }
      if (probes[0]?.leftOut !== undefined) out.push('', `Left out of the line: ${prose(probes[0].leftOut)}.`);
    }
  }
  if (failing) {
    // Under Firefox's rules, the requests as Firefox sends them (its Sec-Fetch-Site after a redirect).
    const pair = curlPair(section.captured, diagnosis, explanation, { includeSecrets, names: section.names, ...(section.firefox === null ? {} : { browser: 'firefox' as const }) });
    out.push('', '**Reproduce with curl** (bash):', '', codeBlock(curlScript('bash', pair, { title: curlTitle(section) }), 'bash'));
  }
  if (section.notes.length > 0) {
    out.push('', '**Notes:**');
    for (const note of section.notes) {
      // Which line of that name, past the first (a second Set-Cookie, a second name cut to the same one).
      const nth = note.target.kind === 'header' && note.target.index ? ` #${note.target.index + 1}` : '';
      const target = note.target.kind === 'header' ? ` on header ${codeSpan(note.target.name)}${nth} (${note.target.on}${note.target.hop > 0 ? `, ${afterRedirect(note.target.hop)}` : ''})` : '';
      const by = note.author ? ` by ${prose(note.author.name)}` : '';
      out.push('', `Note${by}${target}, ${prose(note.createdAt)}:`, '', quotedProse(note.text));
    }
  }
  return out.join('\n');
}

/** The report for these exchanges: failures by cause, most requests first. */
export function markdownReport(items: readonly ReportItem[], options: MarkdownReportOptions = {}): string {
  return [...markdownReportChunks(items, options)].join('');
}

/**
 * The same report in pieces, for a caller that writes it out as it goes. One pass groups the
 * requests by cause (holding a few example URLs per cause); then each cause is worded from its
 * first request, redacted and diagnosed again when its turn comes.
 *
 * Unless `full`, the report stays under REPORT_LIMIT characters whatever the input: the summary,
 * the table of causes, the server configurations and then the causes' sections are taken in that
 * order while they fit, and what does not is counted ("and 12 more causes").
 */
export function* markdownReportChunks(items: readonly ReportItem[], options: MarkdownReportOptions = {}): Generator<string> {
  // A part of a host or port shaped like a secret, masked in the words only, as `explain` does
  // (`masked-hosts.ts`): the report decides on the hosts its exchanges keep. Seen in the first
  // pass, before the first chunk.
  const hosts = new HostSecretWords();
  for (const chunk of reportChunks(items, options, hosts)) yield hosts.any ? hosts.words(chunk) : chunk;
}

function* reportChunks(items: readonly ReportItem[], options: MarkdownReportOptions, hosts: HostSecretWords): Generator<string> {
  const includeSecrets = options.includeSecrets === true;
  const full = options.full === true;
  const browser = options.rules?.browser ?? 'chromium';
  const inFirefox = browser === 'firefox';
  // One numbering for the report, first met in the requests' order (the counting pass): a header name
  // shaped like a secret is the same placeholder in every section, however often one is redacted again.
  const names = new SecretNameNumbers(headerNameSources(items.map((item) => item.exchange)));
  // Worded from the redacted exchange: whatever the wording quotes is already clean.
  const prepare = (item: ReportItem): { exchange: ObservedExchange; diagnosis: Diagnosis; found: Redaction[] } => {
    const found: Redaction[] = [];
    const exchange = includeSecrets ? item.exchange : redactExchange(item.exchange, found, names);
    // Under Firefox's rules as `explain --browser firefox` judges: a Chromium capture's net::ERR_FAILED still says it failed.
    return { exchange, diagnosis: inFirefox ? diagnoseInFirefox(exchange) : diagnose(exchange, options.rules), found };
  };

  const grouping = new CauseGroups({ examples: full ? Infinity : 5 });
  const counts = new Map<Verdict, number>();
  let replaced = false;
  for (const item of items) {
    const { exchange, diagnosis, found } = prepare(item);
    // A note's secret too (its section redacts it as it is written).
    if (!replaced && !includeSecrets) replaced = found.length > 0 || (item.notes ?? []).some((note) => redactText(note.text, [], 'note') !== note.text);
    if (!includeSecrets) withUrlSecretsMasked(item.exchange, hosts.see);
    counts.set(diagnosis.verdict, (counts.get(diagnosis.verdict) ?? 0) + 1);
    grouping.add(exchange, diagnosis);
  }
  const causes = grouping.groups(browser);
  // The table's last column: Chromium's corsError, or under Firefox's rules the reason Firefox logs
  // for the cause's first request (diagnosed again, as its section is).
  const errorOf = (group: CauseGroup): string | null | undefined => {
    if (!inFirefox) return undefined;
    const { exchange, diagnosis } = prepare(items[group.first.index]!);
    return firefoxVerdict(diagnosis, exchange).reason;
  };
  const configs = grouping.serverConfigs();
  const layersShownIn = options.layersShownIn ?? 'none';

  const head: string[] = ['## CORS Inspector report', ''];
  const summary = [...counts].map(([verdict, n]) => `${n} ${VERDICT_WORDS[verdict]}`).join(', ');
  head.push(items.length === 0 ? 'No cross-origin requests to report.' : `${items.length} cross-origin request${items.length === 1 ? '' : 's'}: ${summary}.`);
  if (!includeSecrets && replaced) {
    head.push('', 'Cookies, tokens, keys, passwords, JWTs and other secrets were replaced by `REDACTED-...` placeholders; each request lists the names they were taken from.');
  } else if (!includeSecrets && items.length > 0 && !hosts.any) {
    head.push('', 'No secret (cookie, token, key, password, JWT) was found to replace.');
  }
  if (!includeSecrets && hosts.any) {
    head.push(
      '',
      'A part of a host or port shaped like a secret (a card number, a key, a token) is written as `REDACTED-HOST-1` (each such part under its own number, the same wherever it shows). In a fix or a command, write the real host in its place: the server must allow the origin as the browser sends it.',
    );
  }
  const passed = passedLine(grouping.passed);
  if (passed !== null) head.push('', passed, ...passedAdviceLines(grouping, browser));
  const footer = `\n\n*Generated by CORS Inspector${options.engineVersion ? ` ${prose(options.engineVersion)}` : ''}.*\n`;

  const section = (group: CauseGroup, n: number): string => {
    const item = items[group.first.index]!;
    const { exchange, diagnosis, found } = prepare(item);
    // Notes are free text someone typed, often with a pasted header or URL: the same policy.
    const notes = (item.notes ?? []).map((note) => (includeSecrets ? note : { ...note, text: redactText(note.text, found, 'note'), target: redactNoteTarget(note.target, item.exchange, names) }));
    const explanation = explain(diagnosis, exchange, { browser });
    const firefox = inFirefox ? firefoxVerdict(diagnosis, exchange) : null;
    const worded: Section = { captured: item.exchange, exchange, diagnosis, explanation, notes, redactions: distinctRedactions(found), firefox, names };
    worded.browserDifference = browserDifference(exchange, options.rules?.browser === 'firefox' ? undefined : diagnosis);
    return `\n\n${renderSection(worded, causeHeading(group, n), includeSecrets)}`;
  };

  if (full) {
    yield head.join('\n');
    if (causes.length > 1) yield causeTableHead(causes.length, browser);
    if (causes.length > 1) for (let i = 0; i < causes.length; i++) yield causeRow(causes[i]!, i + 1, Infinity, errorOf(causes[i]!))!;
    for (let i = 0; i < causes.length; i++) yield section(causes[i]!, i + 1);
    for (const config of configs) yield serverConfigSection(config, layersShownIn);
    yield footer;
    return;
  }

  // What is always written, and the room for the "and N more" lines, are set aside first.
  const budget = new Budget(
    REPORT_LIMIT - footer.length - moreCausesLine(causes.length).length - omittedConfigsLine(configs.length).length - UNSECTIONED_LINE_MAX,
  );
  const headText = head.join('\n');
  if (!budget.take(headText)) throw new Error('the report head outgrew its limit');
  // The table names every cause while it fits in two thirds of the report: the sections may not.
  const table = new Budget(Math.floor((REPORT_LIMIT * 2) / 3));
  const rows: string[] = [];
  /** The indexes of the causes with a row. */
  const tabled: number[] = [];
  if (causes.length > 1 && budget.take(causeTableHead(causes.length, browser))) {
    for (let i = 0; i < causes.length; i++) {
      const row = causeRow(causes[i]!, i + 1, undefined, errorOf(causes[i]!));
      if (row !== null && table.take(row) && budget.take(row)) {
        rows.push(row);
        tabled.push(i);
      }
    }
  }
  const shownConfigs: string[] = [];
  for (const config of configs) {
    const text = serverConfigSection(config, layersShownIn);
    if (budget.take(text)) shownConfigs.push(text);
  }
  // Sections are the costly part to build: once a few in a row did not fit, the rest are not tried.
  const sections: string[] = [];
  const sectioned = new Set<number>();
  for (let i = 0, misses = 0; i < causes.length && misses < 3; i++) {
    const text = section(causes[i]!, i + 1);
    if (budget.take(text)) {
      sections.push(text);
      sectioned.add(i);
    } else misses++;
  }

  yield headText;
  if (rows.length > 0) yield causeTableHead(causes.length, browser);
  yield* rows;
  // Every cause is named in the table or in a section of its own; the rest are counted.
  const named = Math.max(rows.length, sections.length);
  if (rows.length > 0 && rows.length < causes.length) yield moreCausesLine(causes.length - rows.length);
  yield* sections;
  if (rows.length === 0 && sections.length < causes.length) yield moreCausesLine(causes.length - named);
  // A cause the table names without a section of its own is said to be so, with how to get it.
  if (rows.length > 0 && sections.length < causes.length) {
    const unsectioned = tabled.filter((i) => !sectioned.has(i)).map((i) => i + 1);
    if (unsectioned.length > 0) yield unsectionedLine(unsectioned);
  }
  yield* shownConfigs;
  if (shownConfigs.length < configs.length) yield omittedConfigsLine(configs.length - shownConfigs.length);
  yield footer;
}

/** " (assumed)" beside a value the capture does not record (`Diagnosis.assumptions`), "" for one it records. */
function assumedMark(diagnosis: Diagnosis, about: 'credentials-mode' | 'request-mode'): string {
  const assumption = diagnosis.assumptions.find((a) => a.about === about);
  return assumption === undefined || assumption.because === 'known' ? '' : assumption.because === 'default' ? ' (assumed)' : ' (inferred)';
}

/**
 * The credentials mode was assumed without them, but a server the request reached answered
 * Access-Control-Allow-Credentials: true: a hint (not proof) that the page sends credentials. Null
 * otherwise.
 */
function allowCredentialsHint(diagnosis: Diagnosis, exchange: ObservedExchange): string | null {
  const assumption = diagnosis.assumptions.find((a) => a.about === 'credentials-mode');
  if (assumption === undefined || assumption.because !== 'default' || diagnosis.credentialsMode === 'include') return null;
  const allowsCredentials = (headers: HeaderList | undefined): boolean => (headers ?? []).some(([name, value]) => nameIs(name, 'access-control-allow-credentials') && value.trim() === 'true');
  if (!exchange.hops.some((hop) => allowsCredentials(hop.preflight?.response?.headers) || allowsCredentials(hop.response?.headers))) return null;
  return "The server answered Access-Control-Allow-Credentials: true, which hints that the page sends credentials (credentials: 'include'); the capture does not say, so check the page's fetch() call.";
}
