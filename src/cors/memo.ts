// What the engine reads again and again across exchanges (header names, page origins, error texts)
// is worked out once per distinct string, then looked up.

/** A memoized function, and a way to forget what it holds (when the keys are data to let go of). */
export interface Memo<V> {
  (key: string): V;
  forget(): void;
}

/**
 * `compute`, remembered per key in a map that is simply emptied when it holds `limit` keys: bounded,
 * so arbitrary input cannot grow it without limit. `compute` must be pure.
 */
export function memoized<V>(limit: number, compute: (key: string) => V): Memo<V> {
  const values = new Map<string, V>();
  const memo = (key: string): V => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= limit) values.clear();
      values.set(key, value);
    }
    return value;
  };
  return Object.assign(memo, { forget: () => values.clear() });
}
