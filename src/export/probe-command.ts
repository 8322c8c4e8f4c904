// `cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME]… [--credentials]`, for bash
// and zsh, from the engine's `ProbeTarget`. Every value is quoted by `quoteBash` (the curl export's),
// so a hostile URL or origin reaches the probe as text; the URL's secrets (query tokens, user:password)
// become placeholders unless asked for, as in every export. Only header names go on the line: the
// probe sends its own values. What the probe would refuse is left out, so that the line runs as
// printed: the URL's user name and password (browsers refuse such URLs in fetch()), and header
// names that are not HTTP tokens or that a page cannot set (a hostile capture can hold both).

import { isForbiddenRequestHeader, type ProbeTarget } from '../cors/index.ts';
import { redactUrl } from './redact-text.ts';
import { quoteBash } from './shell-quote.ts';

/** `--name value`, or `--name=value` for a value starting with `-` (which would read as an option). */
function option(name: string, value: string): string[] {
  return value.startsWith('-') ? [`--${name}=${quoteBash(value)}`] : [`--${name}`, quoteBash(value)];
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

export function probeCommand(target: ProbeTarget, options: { includeSecrets?: boolean } = {}): string {
  const bare = withoutUserinfo(target.url);
  const url = options.includeSecrets === true ? bare : redactUrl(bare);
  const flags = option('origin', target.origin);
  if (target.method !== 'GET') flags.push(...option('method', target.method));
  for (const name of target.headers) if (TOKEN.test(name) && !isForbiddenRequestHeader(name, '')) flags.push(...option('header', name));
  if (target.credentials) flags.push('--credentials');
  // A URL that could read as an option goes after `--`, where nothing is one.
  const words = url.startsWith('-') ? [...flags, '--', quoteBash(url)] : [quoteBash(url), ...flags];
  return ['cors-inspector', 'probe', ...words].join(' ');
}
