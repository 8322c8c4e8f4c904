// DevTools' network log, read again: the entries the panel already holds, replaced by their fresh
// reads where DevTools learnt more of them after they finished (see devtools-network-fallback.ts).

/**
 * Replaces, in `held`, each entry whose fresh read differs in what the engine reads of it (headers,
 * status, error, time); entries are matched by start, method and URL. Where several share those
 * (identical calls started in the same millisecond), which fresh read is whose cannot be told: the
 * entries the panel holds are in the order they finished, the log's in the order they started. So
 * those are left as they are, unless every fresh read of the key is the same for the engine.
 * Returns how many were replaced.
 */
export function refreshHeld(held: HARFormatEntry[], fresh: readonly HARFormatEntry[]): number {
  const freshByKey = new Map<string, HARFormatEntry[]>();
  for (const entry of fresh) {
    const key = entryKey(entry);
    const list = freshByKey.get(key);
    if (list === undefined) freshByKey.set(key, [entry]);
    else list.push(entry);
  }
  let refreshed = 0;
  for (let i = 0; i < held.length; i++) {
    const candidates = freshByKey.get(entryKey(held[i]!));
    if (candidates === undefined) continue;
    const candidate = candidates[0]!;
    if (candidates.length > 1 && !candidates.every((other) => sameForTheEngine(other, candidate))) continue;
    if (sameForTheEngine(held[i]!, candidate)) continue;
    held[i] = candidate;
    refreshed++;
  }
  return refreshed;
}

function entryKey(entry: HARFormatEntry): string {
  return `${entry.startedDateTime}\n${entry.request.method}\n${entry.request.url}`;
}

function sameForTheEngine(a: HARFormatEntry, b: HARFormatEntry): boolean {
  const errorOf = (entry: HARFormatEntry): unknown => (entry.response as { _error?: unknown })._error;
  return (
    a.time === b.time &&
    a.response.status === b.response.status &&
    errorOf(a) === errorOf(b) &&
    sameHeaders(a.request.headers, b.request.headers) &&
    sameHeaders(a.response.headers, b.response.headers)
  );
}

function sameHeaders(a: readonly { name: string; value: string }[], b: readonly { name: string; value: string }[]): boolean {
  return a.length === b.length && a.every((header, i) => header.name === b[i]!.name && header.value === b[i]!.value);
}
