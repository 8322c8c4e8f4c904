// Writing what a command prints: in pieces, so that no output is ever built as one string (a
// report of a big HAR is larger than the longest string V8 can hold), and waiting whenever the
// stream asks to, so that memory stays bounded when stdout is a slow pipe.

import { showControls } from '../export/index.ts';
import { CliError } from './command.ts';

const PIECE = 1 << 16;

/** `chunks` joined into pieces of about 64 KiB: few writes, none of them huge. */
export function* batched(chunks: Iterable<string>): Generator<string> {
  let piece: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    piece.push(chunk);
    size += chunk.length;
    if (size < PIECE) continue;
    yield piece.join('');
    piece = [];
    size = 0;
  }
  if (size > 0) yield piece.join('');
}

/**
 * Writes `chunks` to `stream`. Stops quietly when the reader went away
 * (`cors-inspector explain big.har | head`); rejects on any other stream error, with
 * `outputWriteError`'s words.
 */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  await writePieces(stream, batched(chunks));
}

/** Writes `pieces` as they are (text, or bytes already encoded), as writeChunks does. */
export async function writePieces(stream: NodeJS.WritableStream, pieces: Iterable<string | Uint8Array>): Promise<void> {
  for (const piece of pieces) if (!(await writePiece(stream, piece))) return;
}

/** Writes one piece, waiting for the stream to drain if it asks to. Whether the reader still listens. */
export async function writePiece(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<boolean> {
  const { destroyed, errored } = stream as { destroyed?: boolean; errored?: NodeJS.ErrnoException | null };
  if (errored != null && errored.code !== 'EPIPE') throw outputWriteError(errored);
  if (destroyed === true) return false;
  if (stream.write(text)) return true;
  return new Promise<boolean>((resolve, reject) => {
    const done = (listening: boolean, error?: Error): void => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('close', onClose);
      stream.removeListener('error', onError);
      if (error !== undefined) reject(error);
      else resolve(listening);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    const onError = (error: NodeJS.ErrnoException): void => (error.code === 'EPIPE' ? done(false) : done(false, outputWriteError(error)));
    stream.on('drain', onDrain);
    stream.on('close', onClose);
    stream.on('error', onError);
  });
}

/** `cors-inspector <command>: <message>`: always one line, whatever the message holds. */
export function messageLine(command: string | null, message: string): string {
  return `cors-inspector${command === null ? '' : ` ${command}`}: ${showControls(message)}\n`;
}

/**
 * A write to the output that failed (`> /dev/full`: ENOSPC), as the CLI's error for a file that
 * cannot be written (status 3): the system's reason in a few words, and its code.
 */
export function outputWriteError(error: NodeJS.ErrnoException): CliError {
  const reason = error.code === 'ENOSPC' ? 'no space left on the device' : error.message.split('\n', 1)[0]!.replace(/^[A-Z]+: /, '').replace(/, write$/, '');
  return new CliError('input', `cannot write the output: ${reason}${error.code === undefined ? '' : ` (${error.code})`}`);
}
