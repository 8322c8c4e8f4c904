// A failing exchange as curl commands, for bash/zsh, PowerShell and cmd.exe. The output is a runnable
// script: the two commands, and everything else a comment. Each command prints only the response
// headers (`-D -`), which is where a CORS problem shows.

import type { CurlPair, CurlRequest } from './curl-requests.ts';
import { canPassAsArgument, cmdCanPass, quote, type Shell } from './shell-quote.ts';

interface ShellSyntax {
  comment: string;
  continuation: string;
  curl: string;
  discardBody: string;
  preamble: string[];
}

const syntax: Record<Shell, ShellSyntax> = {
  bash: { comment: '#', continuation: ' \\', curl: 'curl', discardBody: '/dev/null', preamble: ['#!/usr/bin/env bash'] },
  powershell: {
    comment: '#',
    continuation: ' `',
    // `curl` is an alias of Invoke-WebRequest in Windows PowerShell: name the real program.
    curl: 'curl.exe',
    discardBody: 'NUL',
    // Only PowerShell 7.3+ passes arguments with embedded quotes to a native program unchanged; older
    // versions would let a quote in a captured value split it into extra curl arguments.
    preamble: [
      "if ($PSVersionTable.PSVersion -lt [version]'7.3') { throw 'This script needs PowerShell 7.3 or later to pass values to curl.exe exactly; use the bash version or upgrade PowerShell.' }",
      "$PSNativeCommandArgumentPassing = 'Standard'",
    ],
  },
  cmd: { comment: 'REM', continuation: ' ^', curl: 'curl.exe', discardBody: 'NUL', preamble: ['@echo off'] },
};

/** A comment line; text from the exchange is hostile, so line breaks in it cannot end the comment. */
function comment(shell: Shell, text: string): string {
  const flat = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  // cmd.exe reads `REM text` literally but still splits on `&|<>` in some versions: escape them.
  return `${syntax[shell].comment} ${shell === 'cmd' ? flat.replace(/[&|<>^%]/g, '^$&') : flat}`;
}

function headerArgument(name: string, value: string): string {
  // `Name:` with nothing after it tells curl to drop the header; `Name;` sends it empty.
  return value === '' ? `${name};` : `${name}: ${value}`;
}

function command(shell: Shell, request: CurlRequest): { lines: string[]; problems: string[] } {
  const s = syntax[shell];
  const args: string[] = ['-sS', '--path-as-is', '-g', '-o', s.discardBody, '-D', '-'];
  const problems: string[] = [];
  if (request.method === 'HEAD') args.push('--head');
  else if (request.method !== 'GET' || request.body !== null) args.push('-X', quote(shell, request.method));
  args.push(quote(shell, request.url));

  const lines = [`${s.curl} ${args.join(' ')}`];
  const sent = new Set(request.headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of request.headers) lines.push(`-H ${quote(shell, headerArgument(name, value))}`);
  // curl adds headers of its own; the browser did not send these, so take them out again.
  if (!sent.has('accept')) lines.push(`-H ${quote(shell, 'Accept:')}`);
  if (!sent.has('user-agent')) lines.push(`-H ${quote(shell, 'User-Agent:')}`);
  if (request.body !== null) {
    if (!sent.has('content-type')) lines.push(`-H ${quote(shell, 'Content-Type:')}`);
    // --data-raw sends the text as is: no `@file` reading, no stripping of line breaks.
    lines.push(`--data-raw ${quote(shell, request.body)}`);
    if (!canPassAsArgument(request.body) || (shell === 'cmd' && !cmdCanPass(request.body))) {
      problems.push(`${shell === 'cmd' ? 'cmd.exe' : 'a command line'} cannot carry this body exactly (line breaks or NUL bytes); use the bash or PowerShell version`);
    }
  }
  const all = request.headers.map(([name, value]) => `${name}${value}`).join('') + request.url;
  if (shell === 'cmd' && !cmdCanPass(all)) problems.push('cmd.exe cannot carry a header or URL with line breaks; use the bash or PowerShell version');
  return { lines: lines.map((line, i) => (i < lines.length - 1 ? line + s.continuation : line)).map((line, i) => (i === 0 ? line : `  ${line}`)), problems };
}

export interface CurlScriptOptions {
  /** A title line, e.g. `PUT http://api/x from http://app (blocked: MethodDisallowedByPreflightResponse)`. */
  title: string;
}

export function curlScript(shell: Shell, pair: CurlPair, options: CurlScriptOptions): string {
  const out: string[] = [...syntax[shell].preamble];
  out.push(comment(shell, `CORS Inspector: ${options.title}`));
  if (pair.redactions.length > 0) {
    const kinds = [...new Set(pair.redactions.map((r) => r.where))].join(', ');
    out.push(comment(shell, `Secrets were replaced by REDACTED-... placeholders (${kinds}). Put real values back to reproduce an authenticated request.`));
  }
  const requests = pair.preflight ? [pair.preflight, pair.request] : [pair.request];
  requests.forEach((request, index) => {
    out.push('');
    const what =
      request.role === 'preflight'
        ? request.provenance === 'observed'
          ? 'The preflight the browser sent'
          : 'The preflight the browser would send (it was not captured, or came from the preflight cache)'
        : 'The actual request';
    out.push(comment(shell, `${index + 1}. ${what}:`));
    const { lines, problems } = command(shell, request);
    for (const problem of problems) out.push(comment(shell, `Note: ${problem}.`));
    out.push(...lines);
    if (request.expected.length > 0) {
      for (const line of request.expected) out.push(comment(shell, `Expected in the response: ${line}`));
    }
  });
  return `${out.join('\n')}\n`;
}
