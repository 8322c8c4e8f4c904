// The words and readings many exchanges of one capture share: a page makes thousands of requests
// to a few servers, whose responses carry the same header lines and fail in the same few ways.
// What depends only on such values is worked out once per distinct value and then looked up.
//
// Each cache is bounded (emptied when it holds `limit` keys), so a capture where every response
// differs costs a little more than none, never unbounded memory; and every value kept is frozen,
// deeply, so that no caller can change what a later exchange is given.

let on = true;

/** Whether the caches are in use (not within `withoutMemo`). */
export function remembering(): boolean {
  return on;
}

/**
 * `body` with every cache bypassed: each value computed afresh. For the tests that hold the
 * remembered output byte for byte equal to the computed one.
 */
export function withoutMemo<T>(body: () => T): T {
  const outer = on;
  on = false;
  try {
    return body();
  } finally {
    on = outer;
  }
}

/** A cache of values by string key; `compute` must depend on nothing but what the key spells. */
export function memo<V>(limit: number): (key: string, compute: () => V) => V {
  const values = new Map<string, V>();
  return (key, compute) => {
    if (!on) return compute();
    let value = values.get(key);
    if (value === undefined) {
      value = deepFreeze(compute());
      if (values.size >= limit) values.clear();
      values.set(key, value);
    }
    return value;
  };
}

function deepFreeze<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

/**
 * A key that spells `lines` exactly (names as written, values, order): each string prefixed with
 * its length, so that no two different lists share one.
 */
export function headerLinesKey(lines: readonly (readonly [string, string])[]): string {
  let key = `${lines.length};`;
  for (const [name, value] of lines) key += `${name.length}:${name}${value.length}:${value}`;
  return key;
}
