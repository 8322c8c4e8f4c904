// Whether the fix at the top of an opened detail is on screen as the user sees it: the snippet's
// first lines, its Copy buttons and the opened row, measured inside the panel's own document (the
// plain page, or the panel's frame in real DevTools) and checked against their scroll containers.

import { expect } from 'vitest';

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface FixMeasure {
  viewport: Box;
  /** A row is laid out under the list (DevTools docked to the side) rather than beside it. */
  stacked: boolean;
  /** The detail's scrolling body, and the snippet's own scroller. */
  body: (Box & { scrollTop: number }) | null;
  code: (Box & { scrollTop: number }) | null;
  /** The snippet down to the end of its third line that is not blank, as one box. */
  firstLines: Box | null;
  copySnippet: Box | null;
  copyCurl: Box | null;
  list: Box | null;
  selectedRow: Box | null;
}

/**
 * An expression, evaluated in the panel's document, that yields a `FixMeasure`: after two frames,
 * so that the panel has run what a frame runs before it is painted (the store's update,
 * ResizeObserver callbacks).
 */
export const MEASURE_FIX = `(async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
  const scroller = (el) => (el ? { ...box(el), scrollTop: el.scrollTop } : null);
  const code = document.querySelector('.cp-detail .cp-fixfirst pre.cp-code');
  let firstLines = null;
  if (code) {
    let end = 0, lines = 0;
    for (const line of code.textContent.split('\\n')) {
      end += line.length;
      if (line.trim() !== '' && ++lines === 3) break;
      end += 1;
    }
    const range = document.createRange();
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(), at = 0; node; node = walker.nextNode()) {
      if (at === 0) range.setStart(node, 0);
      if (at + node.data.length >= end) { range.setEnd(node, end - at); break; }
      at += node.data.length;
    }
    firstLines = box(range);
  }
  return {
    viewport: { top: 0, left: 0, bottom: innerHeight, right: innerWidth },
    stacked: !!document.querySelector('.cp-root.cp-stacked'),
    body: scroller(document.querySelector('.cp-detail .cp-detail-body')),
    code: scroller(code),
    firstLines,
    copySnippet: box(document.querySelector('.cp-detail .cp-fixfirst button[aria-label^="Copy snippet ("]')),
    copyCurl: box(document.querySelector('.cp-detail .cp-fixfirst button[aria-label^="Copy curl"]')),
    list: box(document.querySelector('.cp-list')),
    selectedRow: box(document.querySelector('[role="option"][aria-selected="true"]')),
  };
})()`;

/** `box` wholly within all of `within`; a line of code may run on past the right edge (it scrolls sideways): `wide`. */
export function inside(what: string, box: Box | null, within: Box[], wide = false): void {
  expect(box, `${what} rendered`).not.toBeNull();
  const top = Math.max(...within.map((b) => b.top));
  const bottom = Math.min(...within.map((b) => b.bottom));
  const left = Math.max(...within.map((b) => b.left));
  const right = Math.min(...within.map((b) => b.right));
  expect(box!.top, `${what}: top (visible from ${top})`).toBeGreaterThanOrEqual(top - 0.5);
  expect(box!.bottom, `${what}: bottom (visible to ${bottom})`).toBeLessThanOrEqual(bottom + 0.5);
  expect(box!.left, `${what}: left (visible from ${left})`).toBeGreaterThanOrEqual(left - 0.5);
  if (!wide) expect(box!.right, `${what}: right (visible to ${right})`).toBeLessThanOrEqual(right + 0.5);
}

/** The fix's first lines, its Copy buttons and the opened row in view, nothing scrolled. */
export function expectFixInView(m: FixMeasure, what: string): void {
  expect(m.body, `${what}: the detail's body`).not.toBeNull();
  expect(m.code, `${what}: the snippet`).not.toBeNull();
  expect([m.body!.scrollTop, m.code!.scrollTop], `${what}: nothing scrolled`).toEqual([0, 0]);
  inside(`${what}: the snippet's first lines`, m.firstLines, [m.viewport, m.body!, m.code!], true);
  inside(`${what}: Copy snippet`, m.copySnippet, [m.viewport, m.body!]);
  inside(`${what}: Copy curl`, m.copyCurl, [m.viewport, m.body!]);
  inside(`${what}: the opened row`, m.selectedRow, [m.viewport, m.list!]);
}
