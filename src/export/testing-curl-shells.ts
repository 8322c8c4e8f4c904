// For tests: every way a printed curl script is run, and what curl receives from each. bash and zsh
// run for real (as a file, and typed in as a paste, where history expansion is on and zsh does not
// take `#` as a comment); PowerShell and cmd.exe through their models.

import type { Shell } from './shell-quote.ts';
import { CMD_HEADERS_ARGUMENT } from './curl.ts';
import { cmdCurlCommands, cmdModelHeadersPath } from './testing-cmd.ts';
import { runWithCurlRecorder, shellAvailable } from './testing-posix-shell.ts';
import { powerShellCurlCommands } from './testing-powershell.ts';

export interface Received {
  args: string[];
  /** Standard input as UTF-8 text, when curl reads the body from it. */
  stdin: string | null;
}

export interface ShellUnderTest {
  name: string;
  /** Which script the export writes for it. */
  shell: Shell;
  /** Runs real processes (slow): property tests use fewer cases. */
  real: boolean;
  run: (script: string) => Received[];
}

const recorded = (shell: 'bash' | 'zsh', options: Parameters<typeof runWithCurlRecorder>[2]) => (script: string): Received[] => {
  const run = runWithCurlRecorder(shell, script, options);
  return run.calls.map((call) => ({ args: call.args, stdin: call.stdin === null ? null : call.stdin.toString('utf8') }));
};

export const HAVE_ZSH = shellAvailable('zsh');

/** In CI every shell must be there: a missing zsh fails the run instead of skipping its tests. */
export const IN_CI = !['', '0', 'false'].includes((process.env['CI'] ?? '').toLowerCase());

/** For test titles: why the zsh runs are missing, when they are (scripts/setup.sh installs zsh). */
export const ZSH_NOTE = HAVE_ZSH ? '' : ' (zsh runs skipped: zsh is not installed; scripts/setup.sh installs it, CI requires it)';

// cmd: curl.exe's `-D` gets the path the script's set line gave the headers file's variable, as
// the model expands it (`<value of TEMP>\cors-inspector-headers-...`); reported as the export
// wrote it (`%CORS_INSPECTOR_HEADERS%`), as the export's own arguments have it. Any other value stays.
const asWritten = (arg: string): string => (arg === cmdModelHeadersPath() ? CMD_HEADERS_ARGUMENT : arg);

export const SHELLS_UNDER_TEST: ShellUnderTest[] = [
  { name: 'bash', shell: 'bash', real: true, run: recorded('bash', {}) },
  { name: 'bash, pasted', shell: 'bash', real: true, run: recorded('bash', { interactive: true }) },
  { name: 'bash, pasted, comments off', shell: 'bash', real: true, run: recorded('bash', { interactive: true, shellOptions: ['+O', 'interactive_comments'] }) },
  ...(HAVE_ZSH
    ? [
        { name: 'zsh', shell: 'bash' as const, real: true, run: recorded('zsh', {}) },
        { name: 'zsh, pasted (no interactive comments)', shell: 'bash' as const, real: true, run: recorded('zsh', { interactive: true }) },
      ]
    : []),
  { name: 'PowerShell 7.3 (model)', shell: 'powershell', real: false, run: (script) => powerShellCurlCommands(script, { version: [7, 3] }).map((args) => ({ args, stdin: null })) },
  { name: 'cmd.exe prompt (model)', shell: 'cmd', real: false, run: (script) => cmdCurlCommands(script).map((args) => ({ args: args.map(asWritten), stdin: null })) },
];
