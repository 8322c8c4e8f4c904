// `--shell bash|powershell|cmd`: which shell the printed curl commands are written for.

import { quoted, type Shell } from '../export/index.ts';
import { CliError } from './command.ts';

const SHELLS: readonly Shell[] = ['bash', 'powershell', 'cmd'];

/** The `--shell` value (bash when not given); anything else is a usage error. */
export function shellOption(values: ReadonlyMap<string, string>): Shell {
  const value = values.get('shell') ?? 'bash';
  const shell = SHELLS.find((s) => s === value);
  if (shell === undefined) throw new CliError('usage', `unknown shell ${quoted(value, 40)}: use ${SHELLS.slice(0, -1).join(', ')} or ${SHELLS[SHELLS.length - 1]!}`);
  return shell;
}
