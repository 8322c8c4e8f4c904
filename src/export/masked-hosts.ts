// The parts of hosts and ports shaped like a secret, as `explain` prints them. The engine reads every
// URL and origin with its host and port as captured (`redact-engine-values.ts`, `masked-url.ts`): a
// host is what it compares, and no placeholder can stand in one without changing what it reads (an
// upper-case placeholder is lower-cased in a URL and not in an echo, two secrets would become one
// host, a number-shaped last label would stop making the host an invalid IPv4 address). So the
// verdict is decided on the hosts as captured, and only the words are masked: each run (a card
// number, a key, a token, a random run, by the shapes `redactText` finds) is printed as a numbered
// placeholder, `REDACTED-HOST-1`, the same run the same way wherever it shows (the request's
// `Origin`, its echo, the hops' URLs, the page's origin, a fix's allow-list), in any case of
// letters, so two origins that differ still read as different.
//
// Seen once per distinct value: a run of explain sees each URL and origin of every exchange, and a
// capture holds few distinct ones (a look-up per value, no scan, for the ones seen before).

import { showControls } from './visible-controls.ts';
import { hostSpan } from './masked-url.ts';
import { redactText } from './redact-text.ts';

const PLACEHOLDER_RUN = /REDACTED-[A-Z]+(?:-[A-Z]+)*/g;

/**
 * The runs of `text` that redaction takes, as written there: found between the texts it keeps around
 * its placeholders. The whole text when they cannot be placed (not expected).
 */
function secretRuns(text: string): string[] {
  const redacted = redactText(text, [], 'origin');
  if (redacted === text) return [];
  const kept = redacted.split(PLACEHOLDER_RUN);
  const runs: string[] = [];
  let at = 0;
  for (let i = 0; i + 1 < kept.length; i++) {
    const before = kept[i]!;
    if (!text.startsWith(before, at)) return [text];
    at += before.length;
    const after = kept[i + 1]!;
    const last = i + 2 === kept.length;
    const end = last ? text.length - after.length : after === '' ? text.length : text.indexOf(after, at + 1);
    if (end <= at) return [text];
    runs.push(text.slice(at, end));
    at = end;
  }
  return runs;
}

/** The host as the URL parser writes it (lower-cased, percent-decoded, IDNA-mapped), when that differs. */
function parsedHost(host: string): string | null {
  // Only when the parser could write it otherwise than a lower-casing does.
  if (!/[^\x21-\x7e]|%/.test(host)) return null;
  try {
    return new URL(`http://${host}`).host;
  } catch {
    return null;
  }
}

// Distinct values remembered, and distinct hosts: beyond these, each is looked at again (a hostile
// HAR's millions of distinct URLs cost a scan each, and no memory). The values are the exchanges'
// own strings, which the run holds anyway: the set holds references (the 45,000-entry benchmark HAR
// has 9,813 distinct URLs, and with 4,096 remembered its later ones were looked at each time).
const MOST_REMEMBERED_VALUES = 16_384;
const MOST_REMEMBERED = 4096;
const RESERVED = /REDACTED-HOST-(\d+)/gi;

export class HostSecretWords {
  private readonly values = new Set<string>();
  private readonly hosts = new Set<string>();
  /** Each run, lower-cased, in the order first seen. */
  private readonly runs = new Set<string>();
  /** Numbers a captured value already writes (`REDACTED-HOST-1` in a hostile HAR): not given out. */
  private readonly reserved = new Set<number>();
  private pattern: RegExp | null | undefined;
  /** Each spelling of a run, lower-cased, and its placeholder. */
  private readonly placeholders = new Map<string, string>();
  private next = 1;

  /** Looks at the host and port of a URL or an origin the run prints. */
  readonly see = (value: string): void => {
    if (this.values.has(value)) return;
    if (this.values.size < MOST_REMEMBERED_VALUES) this.values.add(value);
    const span = hostSpan(value);
    if (span === null) return;
    const host = value.slice(span[0], span[1]);
    if (this.hosts.has(host)) return;
    if (this.hosts.size < MOST_REMEMBERED) this.hosts.add(host);
    for (const match of host.matchAll(RESERVED)) this.reserved.add(Number(match[1]));
    const parsed = parsedHost(host);
    // Upper-cased too: a URL's host reaches the engine lower-cased (the capture and the browser write
    // it so), where a key in capitals by its shape (`AKIA...`) no longer reads as one.
    // The parser's spelling first: its runs are numbered before those of the same secret written
    // with escapes (`%34111...`, read decoded whole since session 45), so text that writes it
    // decoded gets the first number.
    for (const spelling of new Set([...(parsed === null ? [] : [parsed]), host, host.toUpperCase()])) {
      for (const run of secretRuns(spelling)) this.runs.add(run.toLowerCase());
    }
    this.pattern = undefined;
  };

  /** Whether any part of a host or port seen is printed as a placeholder. */
  get any(): boolean {
    return this.runs.size > 0;
  }

  /** The placeholders given out, in order (`REDACTED-HOST-1`, ...). */
  shown(): string[] {
    this.compiled();
    return [...new Set(this.placeholders.values())];
  }

  /** `text` with every run seen written as its placeholder, and the start of one a title cut (`cutRuns`). */
  readonly words = (text: string): string => {
    const pattern = this.compiled();
    if (pattern === null) return text;
    const out = text.replace(pattern, (run) => this.placeholders.get(run.toLowerCase()) ?? run);
    return CUT_MARKS.some((mark) => out.includes(mark)) ? this.cutRuns(out) : out;
  };

  /**
   * A group's title quotes a long value cut short (`cause-title.ts`: `https://<JWT>.example` as its
   * first characters and a cut mark, `...` in what the CLI prints, an ellipsis in the panel's), inside a
   * run, which then matched no run seen, and the run's first characters went into the title as
   * captured (session 42). The run's start before the cut is written as the run's placeholder
   * (`https://REDACTED-HOST-1` and the mark), where it can be a host's: in a URL's host, at the
   * start of one of its labels. Anywhere else, a word's tail that starts a run (a path's
   * `/4111111111999999999`) would have been shown as that other host's placeholder.
   */
  private cutRuns(text: string): string {
    return text.replace(BEFORE_CUT, (before, word: string) => {
      const host = cutHostStart(word);
      if (host === null) return before;
      const lower = word.toLowerCase();
      for (let at = host; at + MIN_CUT_RUN <= lower.length; at = lower.indexOf('.', at) + 1) {
        const start = lower.slice(at);
        for (const run of this.runs) if (run.length > start.length && run.startsWith(start)) return `${word.slice(0, at)}${this.placeholders.get(run)!}${before.slice(word.length)}`;
        if (lower.indexOf('.', at) === -1) break;
      }
      return before;
    });
  }

  private compiled(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    for (const run of this.runs) {
      if (this.placeholders.has(run)) continue;
      while (this.reserved.has(this.next)) this.next++;
      const placeholder = `REDACTED-HOST-${this.next++}`;
      // As the words write it too: JSON's escapes, the text's \uXXXX for a control character.
      for (const spelling of [run, JSON.stringify(run).slice(1, -1), showControls(run)]) this.placeholders.set(spelling.toLowerCase(), placeholder);
    }
    // Longest first: a run inside a longer one is not cut out of it.
    const spellings = [...this.placeholders.keys()].sort((a, b) => b.length - a.length);
    this.pattern = spellings.length === 0 ? null : new RegExp(spellings.map(escaped).join('|'), 'gi');
    return this.pattern;
  }
}

/**
 * How a title marks a value it cut (`cause-title.ts`'s `CutMark`), and the word before it: in a
 * report's code span too (`https://...` then `...`, the dots past the URL's end), and the last three of dots.
 */
const CUT_MARKS = ['\u2026', '...'];
const BEFORE_CUT = /([^\s'"`(]+?)`?(?:\u2026|\.\.\.(?!\.))/g;
/** The shortest start of a run taken for one before a cut: fewer characters say nothing of it. */
const MIN_CUT_RUN = 4;

/**
 * Where the host starts in `word`, a URL's start cut inside its host (after its `://`, and after
 * a user's `@`, with no `/`, `?`, `#` or port's `:` after it); null when the cut is not in a host.
 */
function cutHostStart(word: string): number | null {
  const scheme = word.lastIndexOf('://');
  if (scheme === -1) return null;
  const authority = word.slice(scheme + 3);
  if (/[/?#]/.test(authority)) return null;
  const host = scheme + 3 + authority.lastIndexOf('@') + 1;
  return word.includes(':', host) ? null : host;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
