// A tab's in-flight webRequest events, grouped by request id, with the index the capture needs to
// re-map only what a batch can change (`relevant`). The index is kept as events come and go: a
// batch's work is proportional to what it touched, not to what is in flight (walking every live
// event each batch took ~100 ms of the worker's ~730 ms of mapping per two loads of a page making
// 2,000 fetches, bench/capture-cost.ts, session 23).

import type { WebRequestEvent } from './web-request.ts';

export class LiveEvents {
  /** Events by request id, in the order the groups came (the mapper's ties are broken by it). */
  readonly #groups = new Map<string, WebRequestEvent[]>();
  /** Each group's position in `#groups`' order. */
  readonly #order = new Map<string, number>();
  #nextOrder = 0;
  /** Each group's newest event time. */
  readonly #newest = new Map<string, number>();
  /** The groups with an event at each URL. */
  readonly #idsByUrl = new Map<string, Set<string>>();
  /** How many `OPTIONS` events each URL has (pairing joins only through such URLs). */
  readonly #optionsAt = new Map<string, number>();

  get size(): number {
    return this.#groups.size;
  }

  get(requestId: string): readonly WebRequestEvent[] | undefined {
    return this.#groups.get(requestId);
  }

  /** The newest event time of the request's group (undefined when it has none). */
  newest(requestId: string): number | undefined {
    return this.#newest.get(requestId);
  }

  /** Every group, in the order they came. */
  groups(): IterableIterator<readonly WebRequestEvent[]> {
    return this.#groups.values();
  }

  add(event: WebRequestEvent): void {
    const id = event.requestId;
    const list = this.#groups.get(id);
    if (list) list.push(event);
    else {
      this.#groups.set(id, [event]);
      this.#order.set(id, this.#nextOrder++);
    }
    this.#newest.set(id, Math.max(this.#newest.get(id) ?? 0, event.timeStamp));
    let ids = this.#idsByUrl.get(event.url);
    if (!ids) this.#idsByUrl.set(event.url, (ids = new Set()));
    ids.add(id);
    if (event.method === 'OPTIONS') this.#optionsAt.set(event.url, (this.#optionsAt.get(event.url) ?? 0) + 1);
  }

  /** Forgets the request's events; false when it had none. */
  delete(requestId: string): boolean {
    const events = this.#groups.get(requestId);
    if (!events) return false;
    this.#groups.delete(requestId);
    this.#order.delete(requestId);
    this.#newest.delete(requestId);
    for (const event of events) {
      const ids = this.#idsByUrl.get(event.url);
      if (ids) {
        ids.delete(requestId);
        if (ids.size === 0) this.#idsByUrl.delete(event.url);
      }
      if (event.method === 'OPTIONS') {
        const left = (this.#optionsAt.get(event.url) ?? 1) - 1;
        if (left > 0) this.#optionsAt.set(event.url, left);
        else this.#optionsAt.delete(event.url);
      }
    }
    return true;
  }

  clear(): void {
    this.#groups.clear();
    this.#order.clear();
    this.#newest.clear();
    this.#idsByUrl.clear();
    this.#optionsAt.clear();
  }

  /**
   * The events of the groups whose exchanges can change with a batch that touched `touched`, and
   * of those to give up on, in the order the groups came. Pairing only ever joins an `OPTIONS`
   * group and a request with a hop at the same URL, so a touched group's exchange depends only on
   * the groups reachable from it through URLs that have an `OPTIONS` event: mapping just these
   * gives the same exchanges as mapping everything. Groups whose newest event is older than
   * `staleAfter` come along too, so that the store can give up on them.
   */
  relevant(touched: Iterable<string>, staleAfter: number): WebRequestEvent[] {
    const start: string[] = [...touched];
    for (const [id, newest] of this.#newest) if (newest < staleAfter) start.push(id);
    const selected = new Set<string>();
    const followed = new Set<string>();
    while (start.length > 0) {
      const id = start.pop()!;
      const events = this.#groups.get(id);
      if (!events || selected.has(id)) continue;
      selected.add(id);
      for (const e of events) {
        if (!this.#optionsAt.has(e.url) || followed.has(e.url)) continue;
        followed.add(e.url);
        for (const other of this.#idsByUrl.get(e.url) ?? []) if (!selected.has(other)) start.push(other);
      }
    }
    const ids = [...selected].sort((a, b) => this.#order.get(a)! - this.#order.get(b)!);
    return ids.flatMap((id) => this.#groups.get(id)!);
  }
}
