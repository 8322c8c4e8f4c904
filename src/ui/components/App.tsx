// The panel: toolbar, list and detail. Side by side when there is room, the detail under the list
// when the panel is narrow (DevTools docked to the side at ~360px), with a splitter between them.
// Only the list and the detail scroll: the toolbar and the status bar stay on screen.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelState } from '../store/store.ts';
import { usePanelStore } from '../store/use-panel-store.ts';
import { CauseGroups } from './CauseGroups.tsx';
import { usePanel } from './context.ts';
import { Detail } from './Detail.tsx';
import { ExchangeList } from './ExchangeList.tsx';
import { ImportNotice } from './Share.tsx';
import { Splitter, useSplit } from './Splitter.tsx';
import { Notices, StatusBar, Toolbar } from './Toolbar.tsx';
import { useSize } from './use-size.ts';

/** Below this panel width the detail stacks under the list instead of beside it. */
const STACK_BELOW = 760;
/** Below this panel height the causes above the list take one line (DevTools docked below a 720 px window). */
const SHORT_PANEL = 420;

export function App({ theme }: { theme: 'light' | 'dark' }) {
  const { store, importFile, storage } = usePanel();
  const state: PanelState = usePanelStore(store);
  const [dragging, setDragging] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { width, height } = useSize(rootRef);
  const stacked = width > 0 && width < STACK_BELOW;
  const [split, setSplit] = useSplit(storage, stacked ? 'stacked' : 'side', useSize(mainRef).height);
  const selected = state.selectedId === null ? undefined : store.get(state.selectedId);
  const open = state.detailOpen && selected !== undefined;
  const shown = store.visible().length;

  // Closing the detail puts the keyboard back on the list, where the person was.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) listRef.current?.focus({ preventScroll: true });
    wasOpen.current = open;
  }, [open]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && state.detailOpen) {
      // Handled here, so it goes no further: inside DevTools an Escape that reaches the frame's
      // document is forwarded and toggles the Console drawer, taking the keyboard away.
      event.preventDefault();
      event.stopPropagation();
      store.closeDetail();
    } else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    }
  };

  return (
    <div
      ref={rootRef}
      class={`cp-root${stacked ? ' cp-stacked' : ''}${open ? ' cp-has-detail' : ''}`}
      data-theme={theme}
      onKeyDown={onKeyDown}
      // A bundle or HAR dropped anywhere on the panel opens it.
      onDragOver={(event) => {
        if (!event.dataTransfer?.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        if (!dragging) setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.relatedTarget === null || !rootRef.current?.contains(event.relatedTarget as Node)) setDragging(false);
      }}
      onDrop={(event) => {
        const file = event.dataTransfer?.files[0];
        if (!file) return;
        event.preventDefault();
        setDragging(false);
        void importFile(file);
      }}
    >
      <Toolbar state={state} searchRef={searchRef} />
      <Notices state={state} />
      <ImportNotice state={state} />
      <CauseGroups state={state} short={height > 0 && height < SHORT_PANEL} />
      {dragging ? (
        <div class="cp-drop" aria-hidden="true">
          Drop a CORS Inspector bundle or a HAR file to open it
        </div>
      ) : null}
      <main ref={mainRef} class="cp-main" aria-label="CORS requests" style={open ? { '--cp-split': `${split}%` } : undefined}>
        <ExchangeList state={state} listRef={listRef} />
        {open && selected ? (
          <>
            <Splitter value={split} stacked={stacked} onChange={setSplit} container={mainRef} />
            <Detail key={selected.id} entry={selected} onClose={() => store.closeDetail()} />
          </>
        ) : null}
      </main>
      <StatusBar state={state} shown={shown} />
    </div>
  );
}
