// A Markdown report ready to paste into a GitHub or GitLab issue: per exchange what the browser
// said, which check failed, the headers that went back and forth, what the server must send, and a
// curl pair that reproduces it. Every value from the exchange goes through `markdown.ts`, and every
// exchange is redacted first unless secrets were asked for.

import {
  diagnose,
  type Check,
  type Diagnosis,
  type Verdict,
  type HeaderList,
  type ObservedExchange,
  explain,
  type Explanation,
  type Fix,
  type ServerMustSend,
} from '../cors/index.ts';
import type { BundleNote } from './bundle-schema.ts';
import { curlScript } from './curl.ts';
import { curlPair } from './curl-requests.ts';
import { codeBlock, codeSpan, prose, quotedProse, tableCell, tableCode } from './markdown.ts';
import { redactText, type Redaction } from './redact.ts';
import { distinctRedactions, redactExchange } from './redact-exchange.ts';

export interface ReportItem {
  exchange: ObservedExchange;
  notes?: readonly Pick<BundleNote, 'text' | 'target' | 'author' | 'createdAt'>[];
}

export interface MarkdownReportOptions {
  /** Keep cookies, tokens and keys as captured. Off by default. */
  includeSecrets?: boolean;
  /** Named in the footer, e.g. `0.1.0`. */
  engineVersion?: string;
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
}

/** `cookie` (cookie), `query:api_key` (query-secret): names and kinds only. */
function redactionList(redactions: readonly Redaction[]): string {
  return redactions.map(({ kind, where }) => `${codeSpan(where)} (${kind})`).join(', ');
}

function requestLine(exchange: ObservedExchange): string {
  return `${codeSpan(exchange.request.method)} ${codeSpan(exchange.hops[0]?.url ?? '')}`;
}

/** Header values on one line each: a line break inside a value is shown, not obeyed. */
function headerLines(headers: HeaderList): string[] {
  return headers.map(([name, value]) => `${name}: ${value}`.replace(/\r\n|\r|\n/g, '␤'));
}

function wire(exchange: ObservedExchange): string {
  const out: string[] = [];
  exchange.hops.forEach((hop, i) => {
    const where = exchange.hops.length > 1 ? ` (hop ${i})` : '';
    if (hop.preflight) {
      out.push(`# Preflight sent${where}`, `OPTIONS ${hop.preflight.url}`, ...headerLines(hop.preflight.requestHeaders), '');
      if (hop.preflight.response) out.push(`# Preflight response${where}`, `HTTP ${hop.preflight.response.status}`, ...headerLines(hop.preflight.response.headers), '');
      else out.push(`# No preflight response${where}${hop.preflight.networkError ? `: ${hop.preflight.networkError}` : ''}`, '');
    } else if (hop.preflightFromCache) {
      out.push(`# Preflight${where}: answered from the browser's preflight cache`, '');
    }
    out.push(`# Request sent${where}`, `${exchange.request.method} ${hop.url}`, ...headerLines(i === 0 ? exchange.request.headers : []));
    if (i > 0) out.push('(same request headers, Origin as the browser set it for this hop)');
    out.push('');
    if (hop.response) out.push(`# Response received${where}`, `HTTP ${hop.response.status}`, ...headerLines(hop.response.headers), '');
    else out.push(`# No response${where}${exchange.errorText ? `: ${exchange.errorText}` : ''}`, '');
  });
  return out.join('\n').replace(/\s+$/, '');
}

function failedCheckLine(check: Check): string {
  const parts = [`${codeSpan(check.name)} on ${PHASE_WORDS[check.phase]} (hop ${check.hop})`];
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

function renderSection(section: Section, index: number, includeSecrets: boolean): string {
  const { exchange, diagnosis, explanation } = section;
  const out: string[] = [];
  out.push(`### ${index}. ${requestLine(exchange)}: ${prose(VERDICT_WORDS[diagnosis.verdict])}`, '');
  out.push(`- **Verdict:** ${prose(VERDICT_WORDS[diagnosis.verdict])}: ${prose(explanation.headline)}`);
  if (diagnosis.corsError !== null) {
    const parameter = diagnosis.failedParameter === null || diagnosis.failedParameter === '' ? 'none' : codeSpan(diagnosis.failedParameter);
    out.push(`- **Chromium:** corsError ${codeSpan(diagnosis.corsError)}, failedParameter ${parameter}`);
  }
  if (exchange.browserVerdict) {
    out.push(`- **Chromium reported:** ${codeSpan(exchange.browserVerdict.corsError)}, failedParameter ${codeSpan(exchange.browserVerdict.failedParameter)}`);
  }
  const failed = diagnosis.checks.find((check) => check.outcome === 'failed');
  if (failed) out.push(failedCheckLine(failed));
  if (diagnosis.networkFailure) out.push(`- **Network failure:** ${codeSpan(diagnosis.networkFailure.errorText)} on ${prose(diagnosis.networkFailure.phase)} (hop ${diagnosis.networkFailure.hop})`);
  out.push(`- **Page origin:** ${exchange.request.initiatorOrigin === undefined ? 'unknown' : codeSpan(String(exchange.request.initiatorOrigin))}; credentials mode ${codeSpan(diagnosis.credentialsMode)}, request mode ${codeSpan(diagnosis.mode)}`);
  if (section.redactions.length > 0) out.push(`- **Redacted (values removed):** ${redactionList(section.redactions)}`);
  out.push('', `**What happened:** ${prose(explanation.explanation)}`);
  if (explanation.consoleMessage !== null) out.push('', '**Console message (Chromium):**', '', codeBlock(explanation.consoleMessage, 'text'));
  out.push('', `**Headers sent and received**${includeSecrets ? '' : ' (secrets replaced by REDACTED placeholders)'}:`, '', codeBlock(wire(exchange), 'http'));

  const failing = diagnosis.verdict !== 'allowed' && diagnosis.verdict !== 'not-cors';
  if (explanation.serverMustSend.length > 0) {
    out.push('', '**The fix: the server must send**', '');
    for (const line of explanation.serverMustSend) {
      const what = line.kind === 'status' ? `status ${codeSpan(line.value)}` : codeSpan(`${line.header}: ${line.value}`);
      out.push(`- on ${MUST_SEND_ON[line.on]} (hop ${line.hop}): ${what}`);
    }
  }
  const fix = chosenFix(explanation.fixes);
  if (fix) {
    out.push('', `**${prose(fix.title)}**`, '', codeBlock(fix.snippet, fix.language));
    if (fix.trap !== undefined) out.push('', `Watch out: ${prose(fix.trap)}`);
  }
  for (const advisory of explanation.advisories) out.push('', `**Advisory (${advisory.severity}):** ${prose(advisory.text)}`);
  if (failing) {
    const pair = curlPair(section.captured, diagnosis, explanation, { includeSecrets });
    out.push('', '**Reproduce with curl** (bash):', '', codeBlock(curlScript('bash', pair, { title: curlTitle(section) }), 'bash'));
  }
  if (section.notes.length > 0) {
    out.push('', '**Notes:**');
    for (const note of section.notes) {
      const target = note.target.kind === 'header' ? ` on header ${codeSpan(note.target.name)} (${note.target.on}, hop ${note.target.hop})` : '';
      const by = note.author ? ` by ${prose(note.author.name)}` : '';
      out.push('', `Note${by}${target}, ${prose(note.createdAt)}:`, '', quotedProse(note.text));
    }
  }
  return out.join('\n');
}

/** The report for these exchanges, in the order given. */
export function markdownReport(items: readonly ReportItem[], options: MarkdownReportOptions = {}): string {
  return [...markdownReportChunks(items, options)].join('');
}

/**
 * The same report in pieces, for a caller that writes it out as it goes: a report of a big HAR is
 * longer than a string can be. Nothing is kept per exchange but its table row: each section is
 * redacted, diagnosed and worded again when its turn comes.
 */
export function* markdownReportChunks(items: readonly ReportItem[], options: MarkdownReportOptions = {}): Generator<string> {
  const includeSecrets = options.includeSecrets === true;
  // Worded from the redacted exchange: whatever the wording quotes is already clean.
  const prepare = (item: ReportItem): { exchange: ObservedExchange; diagnosis: Diagnosis; found: Redaction[] } => {
    const found: Redaction[] = [];
    const exchange = includeSecrets ? item.exchange : redactExchange(item.exchange, found);
    return { exchange, diagnosis: diagnose(exchange), found };
  };

  const counts = new Map<Verdict, number>();
  const rows: string[] = [];
  items.forEach((item, i) => {
    const { exchange, diagnosis } = prepare(item);
    counts.set(diagnosis.verdict, (counts.get(diagnosis.verdict) ?? 0) + 1);
    if (items.length < 2) return;
    const request = `${tableCode(exchange.request.method)} ${tableCode(exchange.hops[0]?.url ?? '')}`;
    rows.push(`\n| ${i + 1} | ${request} | ${tableCell(VERDICT_WORDS[diagnosis.verdict])} | ${diagnosis.corsError === null ? '' : tableCode(diagnosis.corsError)} |`);
  });

  const out: string[] = ['## CORS Inspector report', ''];
  const summary = [...counts].map(([verdict, n]) => `${n} ${VERDICT_WORDS[verdict]}`).join(', ');
  out.push(items.length === 0 ? 'No cross-origin requests to report.' : `${items.length} cross-origin request${items.length === 1 ? '' : 's'}: ${summary}.`);
  if (!includeSecrets) {
    out.push('', 'Cookies, tokens, keys, passwords, JWTs and other secrets were replaced by `REDACTED-...` placeholders; each request lists the names they were taken from.');
  }
  if (items.length > 1) out.push('', '| # | Request | Verdict | Chromium error |', '| --- | --- | --- | --- |');
  yield out.join('\n');
  yield* rows;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const { exchange, diagnosis, found } = prepare(item);
    // Notes are free text someone typed, often with a pasted header or URL: the same policy.
    const notes = (item.notes ?? []).map((note) => (includeSecrets ? note : { ...note, text: redactText(note.text, found, 'note') }));
    const explanation = explain(diagnosis, exchange);
    const section: Section = { captured: item.exchange, exchange, diagnosis, explanation, notes, redactions: distinctRedactions(found) };
    yield `\n\n${renderSection(section, i + 1, includeSecrets)}`;
  }
  yield `\n\n*Generated by CORS Inspector${options.engineVersion ? ` ${prose(options.engineVersion)}` : ''}.*\n`;
}
