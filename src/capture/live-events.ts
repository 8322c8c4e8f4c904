// A tab's in-flight webRequest events, grouped by request id, with the index the capture needs to
// re-map only what a batch can change (`relevant`). The index is kept as events come and go: a
// batch's work is proportional to what it touched, not to what is in flight (walking every live
// event each batch took ~100 ms of the worker's ~730 ms of mapping per two loads of a page making
// 2,000 fetches, bench/capture-cost.ts, session 23).

import type { WebRequestEvent } from './web-request.ts';

/** One request id's events and what the index needs of them. */
interface Group {
  events: WebRequestEvent[];
  /** The newest event time. */
  newest: number;
  /** Position in the order the groups came (the mapper's ties are broken by it). */
  order: number;
}

export class LiveEvents {
  /** By request id, in the order the groups came. */
  readonly #groups = new Map<string, Group>();
  #nextOrder = 0;
  /** The groups with an event at each URL. */
  readonly #idsByUrl = new Map<string, Set<string>>();
  /** How many `OPTIONS` events each URL has (pairing joins only through such URLs). */
  readonly #optionsAt = new Map<string, number>();
  /**
   * Groups found stale (newest event older than a batch's `staleAfter`, which only grows), and a
   * time no other group's newest event is older than: a batch looks for newly stale groups only
   * when its `staleAfter` passes it, not at every group of every batch (a busy page has hundreds
   * of requests in flight at once).
   */
  readonly #stale = new Set<string>();
  #freshSince = Number.POSITIVE_INFINITY;

  get size(): number {
    return this.#groups.size;
  }

  get(requestId: string): readonly WebRequestEvent[] | undefined {
    return this.#groups.get(requestId)?.events;
  }

  /** The newest event time of the request's group (undefined when it has none). */
  newest(requestId: string): number | undefined {
    return this.#groups.get(requestId)?.newest;
  }

  /** Every group's events, in the order the groups came. */
  *groups(): IterableIterator<readonly WebRequestEvent[]> {
    for (const group of this.#groups.values()) yield group.events;
  }

  add(event: WebRequestEvent): void {
    const id = event.requestId;
    let group = this.#groups.get(id);
    // A request's events mostly share its URL: indexed once, with its first event there.
    const indexed = group !== undefined && group.events.at(-1)!.url === event.url;
    if (group) {
      group.events.push(event);
      group.newest = Math.max(group.newest, event.timeStamp);
    } else this.#groups.set(id, (group = { events: [event], newest: event.timeStamp, order: this.#nextOrder++ }));
    this.#stale.delete(id);
    this.#freshSince = Math.min(this.#freshSince, group.newest);
    if (!indexed) {
      let ids = this.#idsByUrl.get(event.url);
      if (!ids) this.#idsByUrl.set(event.url, (ids = new Set()));
      ids.add(id);
    }
    if (event.method === 'OPTIONS') this.#optionsAt.set(event.url, (this.#optionsAt.get(event.url) ?? 0) + 1);
  }

  /** Forgets the request's events; false when it had none. */
  delete(requestId: string): boolean {
    const group = this.#groups.get(requestId);
    if (!group) return false;
    this.#groups.delete(requestId);
    this.#stale.delete(requestId);
    for (const event of group.events) {
      const ids = this.#idsByUrl.get(event.url);
      if (ids?.delete(requestId) === true && ids.size === 0) this.#idsByUrl.delete(event.url);
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
    this.#idsByUrl.clear();
    this.#optionsAt.clear();
    this.#stale.clear();
    this.#freshSince = Number.POSITIVE_INFINITY;
  }

  /**
   * The events of the groups whose exchanges can change with a batch that touched `touched`, and
   * of those to give up on, in the order the groups came. Pairing only ever joins an `OPTIONS`
   * group and a request with a hop at the same URL, so a touched group's exchange depends only on
   * the groups reachable from it through URLs that have an `OPTIONS` event: mapping just these
   * gives the same exchanges as mapping everything. Groups whose newest event is older than
   * `staleAfter` come along too, so that the store can give up on them. (Should the clock step
   * back, a group found stale before comes along until its next event: mapping more groups than
   * needed gives the same exchanges.)
   */
  relevant(touched: Iterable<string>, staleAfter: number): WebRequestEvent[] {
    if (staleAfter > this.#freshSince) {
      let freshSince = Number.POSITIVE_INFINITY;
      for (const [id, group] of this.#groups) {
        if (this.#stale.has(id)) continue;
        if (group.newest < staleAfter) this.#stale.add(id);
        else freshSince = Math.min(freshSince, group.newest);
      }
      this.#freshSince = freshSince;
    }
    const start: string[] = [...touched, ...this.#stale];
    const selected: Group[] = [];
    const seen = new Set<string>();
    const followed = new Set<string>();
    while (start.length > 0) {
      const id = start.pop()!;
      const group = this.#groups.get(id);
      if (!group || seen.has(id)) continue;
      seen.add(id);
      selected.push(group);
      for (const e of group.events) {
        if (!this.#optionsAt.has(e.url) || followed.has(e.url)) continue;
        followed.add(e.url);
        for (const other of this.#idsByUrl.get(e.url) ?? []) if (!seen.has(other)) start.push(other);
      }
    }
    selected.sort((a, b) => a.order - b.order);
    return selected.flatMap((group) => group.events);
  }
}
