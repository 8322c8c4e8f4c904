// For tests: runs a script in a real bash or zsh with `curl` replaced by a program that records what
// it was given (its argv, and its standard input when it reads the body from there). That is what a
// quoting bug would change; whether curl then sends those bytes is proven in curl.exec.test.ts.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface RecordedCall {
  args: string[];
  /** Standard input, when curl was told to read the body from it (`--data-binary @-`). */
  stdin: Buffer | null;
}

export interface ShellRun {
  calls: RecordedCall[];
  status: number | null;
  stdout: string;
  stderr: string;
}

export type PosixShell = 'bash' | 'zsh';

// A real program (not a shell function), so the arguments go through exec as curl's would. Plain
// sh with builtins only (no fork but `cat` for standard input): it runs once per curl command.
const SHIM = `#!/bin/sh
dir="$CURL_SHIM_DIR"
n=0
[ -f "$dir/count" ] && read -r n < "$dir/count"
n=$((n + 1))
echo "$n" > "$dir/count"
printf '%s\\0' "$@" > "$dir/$n.argv"
prev=
for a in "$@"; do
  if [ "$prev" = "--data-binary" ] && [ "$a" = "@-" ]; then cat > "$dir/$n.stdin"; fi
  prev="$a"
done
`;

export function shellAvailable(shell: PosixShell): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/**
 * Runs `script` as a file (`interactive: false`), or types it into an interactive shell on standard
 * input, as a paste would (`interactive: true`: history expansion on; for zsh, `#` is no comment).
 * `shellOptions` go before the script, e.g. `['+O', 'interactive_comments']` for bash.
 */
export function runWithCurlRecorder(shell: PosixShell, script: string, options: { interactive?: boolean; shellOptions?: string[] } = {}): ShellRun {
  const dir = mkdtempSync(join(tmpdir(), 'cors-curl-shim-'));
  try {
    const bin = join(dir, 'bin');
    const calls = join(dir, 'calls');
    mkdirSync(bin);
    mkdirSync(calls);
    writeFileSync(join(bin, 'curl'), SHIM);
    chmodSync(join(bin, 'curl'), 0o755);
    const scriptFile = join(dir, 'script.sh');
    writeFileSync(scriptFile, script);
    const noStartupFiles = shell === 'bash' ? ['--norc', '--noprofile'] : ['-f'];
    const args = [...noStartupFiles, ...(options.shellOptions ?? []), ...(options.interactive ? ['-i'] : [scriptFile])];
    const result = spawnSync(shell, args, {
      input: options.interactive ? script : '',
      // In a scratch directory: a script that runs what it should not writes nowhere else.
      cwd: dir,
      env: { PATH: `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, CURL_SHIM_DIR: calls, HOME: dir, LANG: 'C.UTF-8' },
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const count = existsSync(join(calls, 'count')) ? Number(readFileSync(join(calls, 'count'), 'utf8')) : 0;
    const recorded: RecordedCall[] = [];
    for (let n = 1; n <= count; n++) {
      const argv = readFileSync(join(calls, `${n}.argv`)).toString('utf8').split('\0');
      argv.pop();
      const stdinFile = join(calls, `${n}.stdin`);
      recorded.push({ args: argv, stdin: existsSync(stdinFile) ? readFileSync(stdinFile) : null });
    }
    return { calls: recorded, status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
