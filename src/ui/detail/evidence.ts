// Which header lines the detail shows first: the ones CORS reads (Origin, Access-Control-*, Vary)
// and the ones this exchange is about (the failing header, the request headers that caused the
// preflight). The rest (User-Agent, sec-ch-ua, …) stay one click away, in arrival order.

const CORS_HEADER = /^(origin|vary|access-control-[a-z-]*)$/;

/** Whether CORS itself reads or writes this header (lower-case name). */
export function isCorsHeader(lower: string): boolean {
  return CORS_HEADER.test(lower);
}

/** Positions of the lines shown first and of the folded ones, each in arrival order. */
export interface HeaderSplit {
  first: number[];
  folded: number[];
}

/** `alsoFirst`: lower-case names this exchange is about; `pinned(i)`: line i carries notes. */
export function splitHeaderLines(names: readonly string[], alsoFirst: ReadonlySet<string>, pinned: (index: number) => boolean = () => false): HeaderSplit {
  const split: HeaderSplit = { first: [], folded: [] };
  names.forEach((name, i) => {
    const lower = name.toLowerCase();
    (isCorsHeader(lower) || alsoFirst.has(lower) || pinned(i) ? split.first : split.folded).push(i);
  });
  return split;
}
