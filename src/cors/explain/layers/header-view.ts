// One response's header lines as the fingerprints read them: names lower-cased once, the status,
// and whether casing can be evidence at all.

import type { HeaderList } from '../../exchange.ts';
import { lowerHeaderName } from '../../header-list.ts';

export interface HeaderView {
  lines: HeaderList;
  /** Lower-case names, index for index with `lines`. */
  names: string[];
  /** Whether a name is present (`has.has(name)`). */
  has: { has(name: string): boolean };
  /** Where each name's lines are (indices into `lines`). */
  at: ReadonlyMap<string, readonly number[]>;
  status: number | null;
  /**
   * Whether the names mix Title-Case and lower case. HTTP/2 and HTTP/3 send every name in lower
   * case, so only a response that also has Title-Case names (HTTP/1.1) tells which lines a
   * lower-casing layer wrote.
   */
  mixedCase: boolean;
}

export function headerView(lines: HeaderList, status: number | null = null): HeaderView {
  const names = lines.map((line) => lowerHeaderName(line[0]));
  let lower = false;
  let upper = false;
  for (const line of lines) {
    if (/[A-Z]/.test(line[0])) upper = true;
    else lower = true;
  }
  const at = new Map<string, number[]>();
  for (let i = 0; i < names.length; i++) {
    const found = at.get(names[i]!);
    if (found === undefined) at.set(names[i]!, [i]);
    else found.push(i);
  }
  return { lines, names, has: at, at, status, mixedCase: lower && upper };
}

/** The values of every line named `name` (lower case). */
export function valuesOf(v: HeaderView, name: string): string[] {
  return (v.at.get(name) ?? []).map((i) => v.lines[i]![1].trim());
}

/** The first line named `name` whose value matches `re`, as [index, value], else null. */
export function lineMatching(v: HeaderView, name: string, re: RegExp): [number, string] | null {
  for (const i of v.at.get(name) ?? []) {
    const value = v.lines[i]![1].trim();
    if (re.test(value)) return [i, value];
  }
  return null;
}

export const isCorsName = (lowerName: string): boolean => lowerName.startsWith('access-control-');

/**
 * The headers, besides the CORS ones, whose values the layers are read from (fingerprints.ts,
 * read-layers.ts); of any other line only the name and its place count. A reading depends on
 * nothing else, so responses that differ only in other values (Date, Content-Length, Location,
 * request ids) share one (stack-reading.ts). A fingerprint that reads another value must add it
 * here (header-view.test.ts checks the names fingerprints.ts reads).
 */
const VALUES_READ: ReadonlySet<string> = new Set([
  'vary', 'server', 'via', 'x-powered-by', 'content-type', 'set-cookie',
  'cf-ray', 'x-vercel-id', 'x-vercel-cache', 'x-nf-request-id', 'x-amz-cf-id', 'x-served-by', 'x-varnish',
  'x-amz-id-2', 'x-amz-apigw-id', 'x-amzn-requestid', 'apigw-requestid', 'x-application-context',
  'x-aspnet-version', 'x-aspnetmvc-version', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy',
  'x-content-type-options', 'x-runtime', 'x-permitted-cross-domain-policies', 'x-ratelimit-limit', 'keep-alive',
]);

/** Whether the layers read the value of a line named `lowerName`, or only its name and place. */
export const valueIsRead = (lowerName: string): boolean => isCorsName(lowerName) || VALUES_READ.has(lowerName);

/** Whether the name was written in lower case (only evidence when `mixedCase`). */
export const writtenLower = (name: string): boolean => !/[A-Z]/.test(name);
