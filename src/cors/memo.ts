// What the engine reads again and again across exchanges (header names, page origins, error texts)
// is worked out once per distinct string, then looked up.

/** A memoized function, and a way to forget what it holds (when the keys are data to let go of). */
export interface Memo<V> {
  (key: string): V;
  forget(): void;
}

/**
 * `compute`, remembered per key in a map that is simply emptied when it holds `limit` keys, or
 * (given `keyCharacters`) when its keys would hold more characters than that: bounded, so arbitrary
 * input cannot grow it without limit, and a count of long keys (URLs of a hostile capture, each up to
 * the reader's limit) cannot hold more memory than a count of short ones. `compute` must be pure.
 */
export function memoized<V>(limit: number, compute: (key: string) => V, keyCharacters = Number.POSITIVE_INFINITY): Memo<V> {
  const values = new Map<string, V>();
  let characters = 0;
  const memo = (key: string): V => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= limit || characters + key.length > keyCharacters) {
        values.clear();
        characters = 0;
      }
      values.set(key, value);
      characters += key.length;
    }
    return value;
  };
  return Object.assign(memo, {
    forget: () => {
      values.clear();
      characters = 0;
    },
  });
}
