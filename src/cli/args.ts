// Every command's arguments, read by `node:util` parseArgs (its tokens, so that each mistake gets a
// message of ours naming the command, and `--` and `-` work as everywhere else).

import { parseArgs } from 'node:util';
import { CliError } from './command.ts';

export interface ArgSpec {
  /** Options without a value: `--json`. */
  flags: readonly string[];
  /** Options with a value: `--out FILE` or `--out=FILE`. */
  values: readonly string[];
  /** Options with a value that may be given more than once: `--header NAME --header NAME`. */
  lists?: readonly string[];
}

export interface ParsedArgs {
  /** Positional arguments: file names, `-` for standard input. */
  files: string[];
  flags: Set<string>;
  /** By option name without dashes: `url-contains`. */
  values: Map<string, string>;
  /** The values of `lists` options, in the order given (absent when the option was not given). */
  lists: Map<string, string[]>;
  help: boolean;
}

/** Throws `CliError` for an unknown option, a missing value, a value given twice. */
export function parseCommandArgs(command: string, args: readonly string[], spec: ArgSpec): ParsedArgs {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const name of spec.flags) options[name] = { type: 'boolean' };
  for (const name of [...spec.values, ...(spec.lists ?? [])]) options[name] = { type: 'string' };
  const lists = new Set(spec.lists);
  // Not strict: unknown options come back as tokens, and get our message rather than Node's.
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const parsed: ParsedArgs = { files: [], flags: new Set(), values: new Map(), lists: new Map(), help: false };
  for (const token of tokens) {
    if (token.kind === 'positional') parsed.files.push(token.value);
    if (token.kind !== 'option') continue;
    // Own properties only: `--constructor` is no option of ours.
    const known = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (known === undefined) throw new CliError('usage', `unknown option for ${command}: ${token.rawName}`);
    if (known.type === 'boolean') {
      if (token.value !== undefined) throw new CliError('usage', `${token.rawName} takes no value`);
      if (token.name === 'help') parsed.help = true;
      else parsed.flags.add(token.name);
    } else {
      if (token.value === undefined) throw new CliError('usage', `${token.rawName} needs a value`);
      if (lists.has(token.name)) {
        parsed.lists.set(token.name, [...(parsed.lists.get(token.name) ?? []), token.value]);
        continue;
      }
      if (parsed.values.has(token.name)) throw new CliError('usage', `${token.rawName} given twice`);
      parsed.values.set(token.name, token.value);
    }
  }
  return parsed;
}

/** The one input file (or `-`). */
export function oneInput(command: string, files: readonly string[]): string {
  if (files.length === 0) throw new CliError('usage', `${command} needs a HAR file (or a bundle): cors-inspector ${command} FILE.har, or - to read standard input`);
  if (files.length > 1) throw new CliError('usage', `${command} takes one HAR file, got ${files.length}`);
  return files[0]!;
}
