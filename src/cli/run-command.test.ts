// The one place where the lower layers' errors become the CLI's: each known kind gets its status and
// wording, anything else stays a bug.

import { describe, expect, it } from 'vitest';
import { HarError } from '../capture/har.ts';
import { BundleLimitError } from '../export/bundle-parts.ts';
import { CliError, EXIT } from './command.ts';
import { cliErrorFrom } from './run-command.ts';

describe('cliErrorFrom', () => {
  const longUrl = `http://api.test/${'a'.repeat(200)}`;

  it.each<{ about: string; error: unknown; input?: string; status: number; message: string }>([
    { about: 'a CliError, as it is', error: new CliError('usage', 'explain needs a HAR file'), status: EXIT.usage, message: 'explain needs a HAR file' },
    { about: 'a HarError, naming the input', error: new HarError('not-har', 'not a HAR file: no "log" object'), input: 'a.har', status: EXIT.input, message: 'a.har: not a HAR file: no "log" object' },
    { about: 'a HarError with no input named', error: new HarError('not-json', 'not a HAR file: not JSON (x)'), status: EXIT.input, message: 'not a HAR file: not JSON (x)' },
    {
      about: 'a request no bundle can hold, its URL shortened',
      error: new BundleLimitError(0, longUrl, 'it has 66 hops (redirects), more than the 64 a bundle holds'),
      status: EXIT.input,
      message: `cannot share ${longUrl.slice(0, 117)}...: it has 66 hops (redirects), more than the 64 a bundle holds; leave it out with --url-contains TEXT matching only the requests to share`,
    },
    {
      about: "a string past V8's longest",
      error: new RangeError('Invalid string length'),
      status: EXIT.input,
      message: 'the input holds a value too large to write out (a single header, URL or note of hundreds of megabytes); leave its request out with --url-contains',
    },
  ])('$about', ({ error, input, status, message }) => {
    const mapped = cliErrorFrom(error, input);
    expect(mapped).toBeInstanceOf(CliError);
    expect([mapped?.status, mapped?.message]).toEqual([status, message]);
  });

  it.each([new Error('disk on fire'), new RangeError('Maximum call stack size exceeded'), new TypeError('x is undefined'), 'a string', null])('%s is a bug: undefined', (error) => {
    expect(cliErrorFrom(error)).toBeUndefined();
  });

  it('kind and status agree', () => {
    expect([new CliError('usage', 'u').status, new CliError('input', 'i').status]).toEqual([EXIT.usage, EXIT.input]);
  });
});
