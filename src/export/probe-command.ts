// `cors-inspector probe URL --origin ORIGIN [--method M] [--header NAME]… [--credentials]`, for bash
// and zsh, from the engine's `ProbeTarget`. Every value is quoted by `quoteBash` (the curl export's),
// so a hostile URL or origin reaches the probe as text; the URL's secrets (query tokens, user:password)
// become placeholders unless asked for, as in every export. Only header names go on the line: the
// probe sends its own values.

import type { ProbeTarget } from '../cors/index.ts';
import { redactUrl } from './redact-text.ts';
import { quoteBash } from './shell-quote.ts';

/** `--name value`, or `--name=value` for a value starting with `-` (which would read as an option). */
function option(name: string, value: string): string[] {
  return value.startsWith('-') ? [`--${name}=${quoteBash(value)}`] : [`--${name}`, quoteBash(value)];
}

export function probeCommand(target: ProbeTarget, options: { includeSecrets?: boolean } = {}): string {
  const url = options.includeSecrets === true ? target.url : redactUrl(target.url);
  const flags = option('origin', target.origin);
  if (target.method !== 'GET') flags.push(...option('method', target.method));
  for (const name of target.headers) flags.push(...option('header', name));
  if (target.credentials) flags.push('--credentials');
  // A URL that could read as an option goes after `--`, where nothing is one.
  const words = url.startsWith('-') ? [...flags, '--', quoteBash(url)] : [quoteBash(url), ...flags];
  return ['cors-inspector', 'probe', ...words].join(' ');
}
