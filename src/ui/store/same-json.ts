// Equality of two values that came through a message (JSON-like: plain objects, arrays, strings,
// numbers, booleans, null). The capture side may send an exchange again unchanged (a snapshot after
// the worker restarted, an update that added nothing the panel keeps): the panel then keeps the
// entry it has, and with it every answer already worked out for it (verdict, reason, row text).

/** Deep equality, property by property; NaN or any other oddity counts as a difference. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
    count++;
  }
  for (const key in y) if (Object.hasOwn(y, key)) count--;
  return count === 0;
}
