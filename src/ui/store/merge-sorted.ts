// Keeping a sorted list sorted as a few of its entries come and go: a batch of k changes to n rows
// costs one pass over the list and k binary searches, not a sort of all n (which, at 50,000 rows
// and a batch every frame while traffic flows, was most of the panel's work per update).

/**
 * `base` (sorted by `compare`) without the items `drop` names, with `insert` added in place. The
 * same list a full sort of the result would give when `compare` is a total order (the list's
 * orders are: their last tie-break is the arrival sequence, unique per entry).
 */
export function mergeSorted<T>(base: readonly T[], drop: ReadonlySet<T>, insert: readonly T[], compare: (a: T, b: T) => number): T[] {
  const kept = drop.size === 0 ? base : base.filter((item) => !drop.has(item));
  const adding = [...insert].sort(compare);
  const out: T[] = [];
  let from = 0;
  for (const item of adding) {
    let lo = from;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(kept[i]!);
    out.push(item);
    from = lo;
  }
  for (let i = from; i < kept.length; i++) out.push(kept[i]!);
  return out;
}
