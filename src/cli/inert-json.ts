// inertJson for the CLI's `--json`, which writes megabytes of JSON, most of it ASCII: the check
// that nothing needs escaping made by Node's UTF-8 length, at native speed, rather than by
// inertJson's pattern (the 22 MB of a 10,000-entry log's lines, warm: 3 ms against 13 ms). The
// extension has no Buffer: inertJson itself stays as it is.

import { inertJson } from '../export/index.ts';
import { batched } from './output.ts';

/**
 * `inertJson(json)`. inertJson escapes only characters from U+007F up (JSON.stringify already
 * escaped the C0 controls), and returns any other text as it is. A character below U+0080 is one
 * byte of UTF-8 and any other (a lone surrogate too) more than one: UTF-8 as long as the text, and
 * no U+007F, is text inertJson would return as it is.
 */
export function inertJsonText(json: string): string {
  return Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\u007f') ? json : inertJson(json);
}

/** DEL, the one ASCII character inertJson escapes. */
const DELETE = 0x7f;

/**
 * `inertJson(chunks.join(''))` as UTF-8, in pieces of about 64 KiB (output.ts `batched`), for
 * JSON chunks that each start and end outside any string (so no character, no surrogate pair, is
 * cut between two), where inertJson of the whole is each piece's own. Each piece is encoded once,
 * as writing it would, and the encoding tells what inertJsonText's scan would: bytes as many as
 * characters and no DEL, text inertJson returns as it is (most of `--json`'s output).
 */
export function* inertJsonPieces(chunks: Iterable<string>): Generator<Buffer> {
  for (const piece of batched(chunks)) {
    const bytes = Buffer.from(piece, 'utf8');
    if (bytes.length === piece.length && bytes.indexOf(DELETE) === -1) {
      yield bytes;
      continue;
    }
    // Beyond ASCII, yet often inert as it is (Firefox's console lines, with their quotes): then the
    // encoding made already is the one to write.
    const inert = inertJson(piece);
    yield inert === piece ? bytes : Buffer.from(inert, 'utf8');
  }
}
