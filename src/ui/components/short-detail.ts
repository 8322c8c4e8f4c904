// A detail in a short panel (DevTools docked below a 720 px window, or the detail under the list in
// a side dock): its head takes one line, and when its body still cannot show the fix's first lines
// under what the server must send, the fix goes above them. Measured in the panel, not guessed: the
// height of the top depends on the exchange (a preflight's lines, a long header) and on the width.

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Size } from './use-size.ts';

/** Below this height (the detail's, head included) the head is one line. */
const SHORT_DETAIL = 480;
/** The snippet's lines that must show without scrolling. */
const FIRST_LINES = 3;

export const isShortDetail = (detail: Size): boolean => detail.height > 0 && detail.height < SHORT_DETAIL;

/** The body's height that shows `code`'s first lines without scrolling, as laid out now. */
function heightToFirstLines(body: HTMLElement, code: HTMLElement): number {
  const style = getComputedStyle(code);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
  const firstLines = parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop) + FIRST_LINES * lineHeight;
  const top = code.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop;
  return top + Math.min(firstLines, code.offsetHeight);
}

/**
 * Whether the fix goes above the lines to send, for the detail's scrolling `body` (its `size`
 * followed by the caller). Measured in the usual order; once moved up, the fix stays there until
 * the body is tall enough for that measure, or its width changes (lines wrap anew: measured again).
 */
export function useFixAbove(bodyRef: { current: HTMLElement | null }, size: Size): boolean {
  const [above, setAbove] = useState(false);
  const measured = useRef<{ needs: number; width: number } | null>(null);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || size.height === 0) return;
    if (!above) {
      const code = body.querySelector('.cp-fixfirst .cp-code');
      if (!(code instanceof HTMLElement)) return;
      measured.current = { needs: heightToFirstLines(body, code), width: size.width };
      if (size.height < measured.current.needs) setAbove(true);
    } else if (measured.current === null || measured.current.width !== size.width || size.height >= measured.current.needs) {
      setAbove(false);
    }
  }, [bodyRef, size.height, size.width, above]);
  return above;
}
