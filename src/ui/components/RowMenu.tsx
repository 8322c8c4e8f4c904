// The row's context menu, as DevTools' Network panel has one: right-click a row, or Shift+F10 / the
// ContextMenu key on the selected one. Copies the exchange as curl for three shells (the very text
// the Export menu gives for that row, redacted), as a fetch() call, or the fix for the recognised
// server. Arrow keys move, Enter activates, Escape and Tab close; focus returns to the list.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fetchSnippet, type Shell } from '../../export/index.ts';
import { curlExportText, curlRefusalNote } from '../share/export-actions.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import { usePanel } from './context.ts';
import { Shown } from './Shown.tsx';

export interface RowMenuAt {
  entry: ExchangeEntry;
  /** Where it opens, in viewport pixels (the pointer, or the row's start). */
  x: number;
  y: number;
}

interface Item {
  label: string;
  /** The text to copy, and a note for the status line; null when there is nothing to copy. */
  text(): { text: string; note: string } | null;
}

const SHELLS: { shell: Shell; label: string }[] = [
  { shell: 'bash', label: 'bash' },
  { shell: 'powershell', label: 'PowerShell' },
  { shell: 'cmd', label: 'cmd' },
];

export function RowMenu({ at, onClose, onDone }: { at: RowMenuAt; onClose(): void; onDone(message: string): void }) {
  const { store, analyzer, share, rulesOf } = usePanel();
  const menuRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState({ left: at.x, top: at.y });
  const { entry } = at;

  const explanation = entry.captured.pending ? null : analyzer.explanation(entry);
  const fix = explanation?.ok ? explanation.value.fixes[0] : undefined;
  const items: Item[] = [
    ...SHELLS.map(({ shell, label }) => ({
      label: `Copy as cURL (${label})`,
      text: () => {
        const curl = curlExportText([{ id: entry.id, exchange: entry.captured.exchange, notes: store.notesOf(entry.id) }], shell, { includeSecrets: false, browser: rulesOf(entry) });
        return { text: curl.text, note: curlRefusalNote(curl.refusals, 1) };
      },
    })),
    { label: 'Copy as fetch', text: () => ({ text: fetchSnippet(entry.captured.exchange).code, note: '' }) },
    {
      label: fix ? `Copy fix (${fix.title})` : 'Copy fix',
      text: () => (fix ? { text: fix.snippet, note: '' } : null),
    },
  ];

  // Kept inside the panel: moved left or up when it would pass the right or bottom edge.
  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const box = menu.getBoundingClientRect();
    setPlace({ left: Math.max(0, Math.min(at.x, innerWidth - box.width - 2)), top: Math.max(0, Math.min(at.y, innerHeight - box.height - 2)) });
  }, [at.x, at.y]);

  // Before the next key arrives: a key pressed right after the menu opened must reach the menu.
  useLayoutEffect(() => {
    menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active]);

  // A press outside closes it, as menus do.
  useEffect(() => {
    const onPointer = (event: PointerEvent): void => {
      if (!menuRef.current?.contains(event.target as Node | null)) onClose();
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [onClose]);

  const activate = async (item: Item): Promise<void> => {
    const copied = item.text();
    onClose();
    if (!copied) return;
    const ok = await share.copyText(copied.text);
    onDone(ok ? `${item.label.replace(/^Copy /, 'Copied ')}.${copied.note ? ` ${copied.note}` : ''}` : `${item.label}: the browser refused the clipboard.`);
  };

  return (
    <div
      ref={menuRef}
      class="cp-menu"
      role="menu"
      aria-label="Copy this request"
      style={{ left: `${place.left}px`, top: `${place.top}px` }}
      onContextMenu={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: items.length - 1 };
        const move = moves[event.key];
        if (move !== undefined) {
          event.preventDefault();
          setActive((move + items.length) % items.length);
        } else if (event.key === 'Escape' || event.key === 'Tab') {
          // Escape stops here: the detail stays open, and DevTools' drawer stays shut.
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {items.map((item, i) => {
        const disabled = item.label === 'Copy fix' && !fix;
        return (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            class="cp-menu-item"
            tabIndex={i === active ? 0 : -1}
            aria-disabled={disabled}
            onMouseEnter={() => setActive(i)}
            onClick={() => {
              if (!disabled) void activate(item);
            }}
          >
            <Shown text={item.label} kind="prose" />
          </button>
        );
      })}
    </div>
  );
}
