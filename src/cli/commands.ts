// The commands, by name, with the line `--help` lists them by. Each is loaded only when it runs (or
// its `--help` is asked for), so `--version` and `--help` load none of the engine.

import type { Command } from './command.ts';

export interface CommandEntry {
  name: string;
  /** One line for the command list in `--help`. */
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'explain', summary: 'explain every cross-origin request in a HAR file', load: async () => (await import('./explain-command.ts')).explainCommand },
  { name: 'curl', summary: 'print curl commands that reproduce a request from a HAR', load: async () => (await import('./curl-command.ts')).curlCommand },
  { name: 'report', summary: "print a Markdown report of a HAR's cross-origin requests, for an issue", load: async () => (await import('./report-command.ts')).reportCommand },
  { name: 'probe', summary: 'ask a live server which origins it trusts (opt-in; sends a bounded set of requests)', load: async () => (await import('./probe-command.ts')).probeCommand },
  { name: 'share', summary: "write a HAR's requests as a bundle or a diagnosis.html to share (secrets redacted)", load: async () => (await import('./share-command.ts')).shareCommand },
];
