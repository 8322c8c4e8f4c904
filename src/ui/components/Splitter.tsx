// The bar between the list and the detail: drag it, or focus it and use the arrow keys (Home/End
// for the limits), as DevTools' own split views. Its place is a percentage of the list's share,
// remembered per layout (side by side, stacked) through the host's `PanelStorage`.

import { useState } from 'preact/hooks';
import type { PanelStorage } from '../panel-storage.ts';

const SPLIT_LIMITS = { min: 20, max: 80, step: 2 } as const;
const DEFAULT_SPLIT = { side: 42, stacked: 38 } as const;

type Layout = keyof typeof DEFAULT_SPLIT;

const storageKey = (layout: Layout): string => `cors-inspector.split.${layout}`;

const clamp = (value: number): number => Math.min(SPLIT_LIMITS.max, Math.max(SPLIT_LIMITS.min, Math.round(value)));

function readSplit(storage: PanelStorage, layout: Layout): number {
  const stored = Number(storage.get(storageKey(layout)));
  return storage.get(storageKey(layout)) !== null && Number.isFinite(stored) ? clamp(stored) : DEFAULT_SPLIT[layout];
}

/** The list's share (percent) in this layout, and a setter that stores it. */
export function useSplit(storage: PanelStorage, layout: Layout): [number, (value: number) => void] {
  const [splits, setSplits] = useState<Record<Layout, number>>(() => ({ side: readSplit(storage, 'side'), stacked: readSplit(storage, 'stacked') }));
  const set = (value: number): void => {
    const next = clamp(value);
    if (next === splits[layout]) return;
    setSplits({ ...splits, [layout]: next });
    storage.set(storageKey(layout), String(next));
  };
  return [splits[layout], set];
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
