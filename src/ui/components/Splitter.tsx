// The bar between the list and the detail: drag it, or focus it and use the arrow keys (Home/End
// for the limits), as DevTools' own split views. Its place is a percentage of the list's share,
// remembered per layout (side by side, stacked) through the host's `PanelStorage`.

import { useState } from 'preact/hooks';
import type { PanelStorage } from '../panel-storage.ts';

const SPLIT_LIMITS = { min: 20, max: 80, step: 2 } as const;
const DEFAULT_SPLIT = { side: 42, stacked: 38 } as const;
/**
 * Stacked, in a short panel (DevTools docked to the side of a 720 px window), 38% for the list left
 * the detail under it too little height to show the fix. By default the list then gives the detail
 * up to this height, as long as it keeps six rows (`LIST_KEEPS`: 24 px each) and the line above
 * them (the server most requests went to, 22 px and its border, session 43; the table's head).
 */
const DETAIL_WANTS = 420;
const LIST_KEEPS = 6 * 24 + 23;

type Layout = keyof typeof DEFAULT_SPLIT;

const storageKey = (layout: Layout): string => `cors-inspector.split.${layout}`;

const clamp = (value: number): number => Math.min(SPLIT_LIMITS.max, Math.max(SPLIT_LIMITS.min, Math.round(value)));

/** The list's share (percent) until the user moves the splitter, for a main area `height` px tall (0: not laid out). */
export function defaultSplit(layout: Layout, height: number): number {
  if (layout === 'side' || height <= 0) return DEFAULT_SPLIT[layout];
  const list = Math.max(LIST_KEEPS, height - DETAIL_WANTS);
  return clamp(Math.min(DEFAULT_SPLIT.stacked, Math.ceil((list / height) * 100)));
}

function readSplit(storage: PanelStorage, layout: Layout): number | null {
  const stored = Number(storage.get(storageKey(layout)));
  return storage.get(storageKey(layout)) !== null && Number.isFinite(stored) ? clamp(stored) : null;
}

/**
 * The list's share (percent) in this layout, and a setter that stores it: the share the user left,
 * else `defaultSplit` for the main area's `height`.
 */
export function useSplit(storage: PanelStorage, layout: Layout, height: number): [number, (value: number) => void] {
  const [splits, setSplits] = useState<Record<Layout, number | null>>(() => ({ side: readSplit(storage, 'side'), stacked: readSplit(storage, 'stacked') }));
  const current = splits[layout] ?? defaultSplit(layout, height);
  const set = (value: number): void => {
    const next = clamp(value);
    if (next === current) return;
    setSplits({ ...splits, [layout]: next });
    storage.set(storageKey(layout), String(next));
  };
  return [current, set];
}

export function Splitter({ value, stacked, onChange, container }: {
  value: number;
  stacked: boolean;
  onChange(value: number): void;
  /** The element list and detail share: positions are measured against it. */
  container: { current: HTMLElement | null };
}) {
  const fromPointer = (event: PointerEvent): void => {
    const box = container.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return;
    onChange(stacked ? ((event.clientY - box.top) / box.height) * 100 : ((event.clientX - box.left) / box.width) * 100);
  };
  const [less, more] = stacked ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  return (
    <div
      class="cp-splitter"
      role="separator"
      tabIndex={0}
      aria-orientation={stacked ? 'horizontal' : 'vertical'}
      aria-label="Resize the list and the detail"
      aria-controls="cp-list-wrap"
      aria-valuenow={value}
      aria-valuemin={SPLIT_LIMITS.min}
      aria-valuemax={SPLIT_LIMITS.max}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event);
      }}
      onPointerUp={(event) => event.currentTarget.releasePointerCapture(event.pointerId)}
      onKeyDown={(event) => {
        const moves: Record<string, number> = { [less]: value - SPLIT_LIMITS.step, [more]: value + SPLIT_LIMITS.step, Home: SPLIT_LIMITS.min, End: SPLIT_LIMITS.max };
        const next = moves[event.key];
        if (next === undefined) return;
        event.preventDefault();
        onChange(next);
      }}
    />
  );
}
