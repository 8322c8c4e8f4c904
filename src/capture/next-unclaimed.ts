// Finds the nearest slot not yet claimed, left or right of a position, in near-constant time.
//
// Pairing preflights with requests and chaining redirect hops both ask "the nearest entry of this
// group that nothing has taken yet". A linear walk over taken slots makes a log with thousands of
// requests to one URL quadratic; two union-find forests with path compression keep it linear.
// Slots can be added at the end (`append`), free, for a group that grows while it is searched.

export class UnclaimedSlots {
  // right[i]: a slot >= i that may be free (i itself when free); index `size` is a sentinel.
  // left[i + 1]: a slot <= i that may be free; index 0 stands for "none" (-1).
  // Both made at the first claim: until then every slot is free. The pairing keeps a few of these
  // for each URL a preflight went to, most of them for one or two requests and many never claimed.
  #right: Int32Array | undefined;
  #left: Int32Array | undefined;
  #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get size(): number {
    return this.#size;
  }

  /**
   * Adds a free slot after the last. The old sentinel becomes that slot: it is its own root in
   * `right` (what pointed at the sentinel now finds the new slot, the next free one), and the new
   * slot's `left` entry is its own root.
   */
  append(): void {
    const size = this.#size + 1;
    this.#size = size;
    if (this.#right === undefined || this.#left === undefined) return;
    if (size >= this.#right.length) {
      // Doubled when full: appends stay amortized constant.
      this.#right = grown(this.#right, size * 2);
      this.#left = grown(this.#left, size * 2);
    }
    this.#right[size] = size;
    this.#left[size] = size;
  }

  /** The smallest free slot >= `from`, or -1 when there is none. */
  nextFree(from: number): number {
    if (from < 0) from = 0;
    if (from >= this.size) return -1;
    if (this.#right === undefined) return from;
    const found = findRoot(this.#right, from);
    return found >= this.size ? -1 : found;
  }

  /** The largest free slot <= `from`, or -1 when there is none. */
  previousFree(from: number): number {
    if (from < 0) return -1;
    if (from >= this.size) from = this.size - 1;
    if (this.#left === undefined) return from;
    return findRoot(this.#left, from + 1) - 1;
  }

  isFree(slot: number): boolean {
    return slot >= 0 && slot < this.size && (this.#right === undefined || this.#right[slot] === slot);
  }

  claim(slot: number): void {
    if (!this.isFree(slot)) return;
    if (this.#right === undefined || this.#left === undefined) {
      // Every slot free so far: each its own root (and the sentinel); `append` grows them after.
      this.#right = grown(new Int32Array(0), this.#size + 1);
      this.#left = grown(new Int32Array(0), this.#size + 1);
    }
    this.#right[slot] = slot + 1;
    this.#left[slot + 1] = slot;
  }
}

/** `forest` copied into a longer array, each new entry its own root. */
function grown(forest: Int32Array, length: number): Int32Array {
  const longer = new Int32Array(length);
  longer.set(forest);
  for (let i = forest.length; i < length; i++) longer[i] = i;
  return longer;
}

function findRoot(parent: Int32Array, start: number): number {
  let root = start;
  while (parent[root] !== root) root = parent[root]!;
  // Path compression: point everything on the way straight at the root.
  let node = start;
  while (parent[node] !== root) {
    const next = parent[node]!;
    parent[node] = root;
    node = next;
  }
  return root;
}
