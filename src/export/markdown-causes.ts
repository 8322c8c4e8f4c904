// The parts of the Markdown report that are about causes rather than one request: the table of
// causes, a cause's heading with its requests, the requests that passed (a count), and the merged
// server configuration per API origin. And the budget that keeps a report pasteable.

import { adviseText, keptFromServerWords, localNetworkNeedWords, type Verdict } from '../cors/index.ts';
import { answerKindsNote, apiOriginWords, type CauseGroup, type CauseGroups, fixOnLine, groupLine, type LayersShownIn, pageOriginsNote, type ServerConfig, taintedNeedNote } from './cause-groups.ts';
import { codeBlock, codeSpan, prose, tableCell, tableCode } from './markdown.ts';

/**
 * A report's length unless `--full`: under the 65,536 characters GitHub accepts in an issue body,
 * with room for a few words of one's own around it.
 */
export const REPORT_LIMIT = 60_000;

/** Characters a cause's line may take in the table (a hostile header name can be megabytes). */
const LINE_LIMIT = 400;

/** Lines are taken while they fit; what does not is counted, never cut in the middle. */
export class Budget {
  constructor(private left: number) {}

  /** Whether `text` fits, and if it does, takes its room. */
  take(text: string): boolean {
    if (text.length > this.left) return false;
    this.left -= text.length;
    return true;
  }
}

const PASSED_WORDS: Partial<Record<Verdict, [string, string]>> = {
  allowed: ['allowed', 'allowed'],
  'not-cors': ['not a CORS request', 'not CORS requests'],
};

/** `**Not listed:** 13 allowed, 1 not a CORS request.`, or nothing when every request failed. */
export function passedLine(passed: ReadonlyMap<Verdict, number>): string | null {
  const parts = [...passed].map(([verdict, n]) => {
    const [one, many] = PASSED_WORDS[verdict] ?? [verdict, verdict];
    return `${n} ${n === 1 ? one : many}`;
  });
  return parts.length === 0 ? null : `**Not listed, they passed:** ${parts.join(', ')}.`;
}

/**
 * What passed but should change (`CauseGroups.passedAdvice`), a bullet per kind and API origin,
 * after the passed line; nothing when there is none. Worded from redacted exchanges, as the
 * report's groups are, for the browser whose rules judged them.
 */
export function passedAdviceLines(grouping: CauseGroups, browser: 'chromium' | 'firefox' = 'chromium'): string[] {
  const advice = grouping.passedAdvice();
  if (advice.length === 0) return [];
  const lines = ['', '**Advised, though they passed:**', ''];
  for (const { advisory, apiOrigin, count } of advice) {
    lines.push(`- **${advisory.severity}**, ${tableCode(apiOrigin)}, ${count} request${count === 1 ? '' : 's'}: ${prose(adviseText(advisory, browser))}`);
  }
  const omitted = grouping.passedAdviceOmitted;
  if (omitted > 0) lines.push(`- and ${omitted} more on other servers.`);
  return lines;
}

/** The last column: Chromium's corsError, or the reason Firefox logs under Firefox's rules. */
export function causeTableHead(count: number, browser: 'chromium' | 'firefox' = 'chromium'): string {
  return `\n\n**${count} cause${count === 1 ? '' : 's'} of failure:**\n\n| # | Cause | Requests | API origin | ${browser === 'firefox' ? 'Firefox reason' : 'Chromium error'} |\n| --- | --- | --- | --- | --- |`;
}

/**
 * One row; null when even that row is too long to show (the cause is then counted as not shown).
 * `firefoxReason`, when given, fills the last column instead of Chromium's corsError (`null`: Firefox
 * logs no reason, and the verdict is shown).
 */
export function causeRow(group: CauseGroup, n: number, limit = LINE_LIMIT, firefoxReason?: string | null): string | null {
  const error = firefoxReason === undefined ? group.corsError : firefoxReason;
  // Chromium's code on a cached copy the capture does not hold: one of several, as the section says.
  const oneOf = firefoxReason === undefined ? group.first.diagnosis.cachedCopyBlocked?.oneOf : undefined;
  const last = oneOf !== undefined ? oneOf.map(tableCode).join(' or ') : error === null ? tableCell(group.verdict) : tableCode(error);
  const row = `\n| ${n} | ${tableCell(group.title)} | ${group.count} | ${apiOriginWords(group, tableCode)} | ${last} |`;
  return row.length > limit ? null : row;
}

export function moreCausesLine(more: number): string {
  return `\n\n- and ${more} more cause${more === 1 ? '' : 's'} not shown here: run \`cors-inspector report --full\` for all.`;
}

/** Longest run of cause numbers a line names; past it, the line counts them instead. */
const NUMBERS_LIMIT = 160;

/** `13-14, 16`: numbers in ascending order, runs joined. */
function numberRuns(numbers: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    runs.push(j === i ? `${numbers[i]}` : `${numbers[i]}-${numbers[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * The causes the table names that have no section of their own (there was no room for it): which,
 * and how to get them. Never longer than `UNSECTIONED_LINE_MAX`.
 */
export function unsectionedLine(numbers: readonly number[]): string {
  const runs = numberRuns(numbers);
  const which = runs.length <= NUMBERS_LIMIT ? `${numbers.length === 1 ? 'cause' : 'causes'} ${runs}` : `${numbers.length} causes of the table, from ${numbers[0]} on`;
  return `\n\n- No section here for ${which} (no room left): run \`cors-inspector report --full\` for every cause in full.`;
}

/** The longest `unsectionedLine` can be: the room a report sets aside for it. */
export const UNSECTIONED_LINE_MAX = unsectionedLine([]).length + NUMBERS_LIMIT;

/** A cause's heading and its requests, before the section of its first request. */
export function causeHeading(group: CauseGroup, n: number): string[] {
  const listed = group.requests.map(({ method, url }) => `${codeSpan(method)} ${codeSpan(url)}`);
  const more = group.count - group.requests.length;
  return [
    `### ${n}. ${prose(groupLine(group))}`,
    '',
    `- **API origin:** ${apiOriginWords(group, codeSpan)}`,
    ...fixOnMarkdown(group),
    `- **Requests:** ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    ...answerKindsLines(group),
  ];
}

function answerKindsLines(group: CauseGroup): string[] {
  const note = answerKindsNote(group);
  return note === null ? [] : [`- **Answers:** ${prose(note)}`];
}

/** `fixOnLine` with each origin as code: nothing when every member's fix is on the API origin. */
function fixOnMarkdown(group: CauseGroup): string[] {
  const line = fixOnLine({ ...group, fixOn: group.fixOn.map((entry) => ({ ...entry, origin: codeSpan(entry.origin) })), apiOrigin: codeSpan(group.apiOrigin) });
  return line === null ? [] : [`- **Fix on:** ${line}`];
}

function valueList(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.map(codeSpan).join(', ');
}

/** The merged configuration for one API origin; `layersShownIn`: where its note may point for the layers seen. */
export function serverConfigSection(config: ServerConfig, layersShownIn: LayersShownIn): string {
  const { need, fix } = config;
  const out = [
    `### Server configuration for ${codeSpan(config.apiOrigin)}`,
    '',
    `- **Covers:** the page's ${config.requests} request${config.requests === 1 ? '' : 's'} to it, ${config.blocked} blocked${config.stack === null ? '' : `; server recognised: ${prose(config.stack)}`}`,
    `- **Page origins:** ${valueList(need.origins)}`,
    `- **Methods beyond GET, HEAD, POST:** ${valueList(need.methods)}`,
    `- **Request headers:** ${valueList(need.headers)}`,
    `- **Credentials:** ${need.credentials ? 'yes' : 'no'}`,
  ];
  const originsNote = pageOriginsNote(need, config.apiOrigin);
  if (originsNote !== null) out.push(`- **Which page origins:** ${prose(originsNote)}`);
  const kept = keptFromServerWords(need, config.stack);
  if (kept !== null) out.push(`- **Kept from the server's own answers** (the snippet replaces its CORS settings, so it carries them): ${prose(kept)}`);
  if (need.originTainted) out.push(`- **Origin: null after a redirect:** ${prose(taintedNeedNote(need, config.stack, layersShownIn, config.apiOrigin))}`);
  for (const words of localNetworkNeedWords(need)) out.push(`- **Local network:** ${prose(words)}`);
  if (need.omitted > 0) out.push(`- **Left out:** ${need.omitted} more value${need.omitted === 1 ? '' : 's'} (too many of a kind to list): allow them too.`);
  out.push('', `**${prose(fix.title)}**`, '', codeBlock(fix.snippet, fix.language));
  if (fix.trap !== undefined) out.push('', `Watch out: ${prose(fix.trap)}`);
  return `\n\n${out.join('\n')}`;
}

export function omittedConfigsLine(more: number): string {
  return `\n\n- and ${more} more server configuration${more === 1 ? '' : 's'} not shown here: run \`cors-inspector report --full\` for all.`;
}
