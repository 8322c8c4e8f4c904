// Whether two values would serialise to the same JSON, key order aside: the capture store's test
// of "is this exchange a repeat of the one it keeps", without serialising either. Most exchanges
// it is handed did change (a touched request's new event), and the walk stops at the first
// difference; serialising each one to compare took ~100 ms of the worker's ~730 ms of mapping per
// two loads of a page making 2,000 fetches (bench/capture-cost.ts, session 23), most of it for
// in-flight versions replaced before anything read their JSON.

/** As `JSON.stringify(a) === JSON.stringify(b)` for plain data, but blind to the order of keys. */
export function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A value with its own JSON (a Date, say) is written as that: compared as written. Captures hold
  // none today; this keeps the answer right should one come.
  if (hasToJson(a) || hasToJson(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJsonValue(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // JSON leaves out a property whose value is undefined: `{ a: undefined }` is `{}`.
  const keys = Object.keys(x);
  let defined = 0;
  for (const key of keys) if (x[key] !== undefined) defined++;
  for (const key of Object.keys(y)) if (y[key] !== undefined) defined--;
  if (defined !== 0) return false;
  // The plain values first: what tells a changed exchange from its repeat is most often one of
  // them (`pending` dropped, an `errorText` added), and they cost nothing to compare.
  for (const key of keys) {
    const value = x[key];
    if (typeof value !== 'object' && value !== undefined && value !== y[key]) return false;
  }
  for (const key of keys) {
    const value = x[key];
    if (typeof value === 'object' && !sameJsonValue(value, y[key])) return false;
  }
  return true;
}

function hasToJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
