// A note pinned to a header line names the line by its name and which occurrence of that name it is
// (`index`, names compared case-insensitively). Redaction can give two different names the same one
// (`X A` and `X B` are both cut to `X REDACTED-REST-OF-NAME`), and numbers the names shaped like a
// secret (`REDACTED-TOKEN-1`), so the target is written again from the line it pointed at in the
// capture: its redacted name, and its occurrence among the redacted names.

import type { HeaderList, ObservedExchange } from '../cors/index.ts';
import type { NoteTarget } from './bundle-schema.ts';
import { redactHeaderName } from './redact-header.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';

type HeaderTarget = NoteTarget & { kind: 'header' };

/** The header list a target's side and hop name, as the panel shows it (the request's lines are recorded once). */
function targetList(exchange: ObservedExchange, target: HeaderTarget): HeaderList | undefined {
  if (target.on === 'request') return exchange.request.headers;
  const hop = exchange.hops[target.hop];
  if (target.on === 'preflight-request') return hop?.preflight?.requestHeaders;
  if (target.on === 'preflight-response') return hop?.preflight?.response?.headers;
  return hop?.response?.headers;
}

/** Where in `headers` the `index`-th line named `name` (ASCII case-insensitively) is; -1 when none. */
function lineAt(headers: HeaderList, name: string, index: number): number {
  const lower = name.toLowerCase();
  let seen = 0;
  for (let i = 0; i < headers.length; i++) {
    if (headers[i]![0].toLowerCase() !== lower) continue;
    if (seen === index) return i;
    seen++;
  }
  return -1;
}

/**
 * A note's target as the redacted exchange shows its line: the name as `redactHeader` writes it, and
 * which occurrence of that name the line is among the redacted lines. A target whose line the
 * capture does not hold keeps its index, its name redacted. `numbers`: the export's, as it redacted the exchange.
 */
export function redactNoteTarget(target: NoteTarget, captured: ObservedExchange, numbers: SecretNameNumbers): NoteTarget {
  if (target.kind !== 'header') return target;
  const name = redactHeaderName(target.name, numbers);
  const headers = targetList(captured, target);
  const at = headers === undefined ? -1 : lineAt(headers, target.name, target.index ?? 0);
  if (at === -1) return { ...target, name };
  const lower = name.toLowerCase();
  let index = 0;
  for (let i = 0; i < at; i++) if (redactHeaderName(headers![i]![0], numbers).toLowerCase() === lower) index++;
  const out: HeaderTarget = { ...target, name };
  if (index > 0 || target.index !== undefined) out.index = index;
  else delete out.index;
  return out;
}
