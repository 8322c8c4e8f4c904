// inertJson for the CLI's `--json`, which writes megabytes of JSON, most of it ASCII: the check
// that nothing needs escaping made by Node's UTF-8 length, at native speed, rather than by
// inertJson's pattern (the 22 MB of a 10,000-entry log's lines, warm: 3 ms against 13 ms). The
// extension has no Buffer: inertJson itself stays as it is.

import { inertJson } from '../export/index.ts';

/**
 * `inertJson(json)`. inertJson escapes only characters from U+007F up (JSON.stringify already
 * escaped the C0 controls), and returns any other text as it is. A character below U+0080 is one
 * byte of UTF-8 and any other (a lone surrogate too) more than one: UTF-8 as long as the text, and
 * no U+007F, is text inertJson would return as it is.
 */
export function inertJsonText(json: string): string {
  return Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\u007f') ? json : inertJson(json);
}
