// The list of exchanges: a listbox whose options are rendered only where the viewport shows them,
// so 50,000 exchanges cost 50,000 array slots and a few dozen DOM rows. Rows have one fixed height,
// in the wide table layout and in the one-line compact layout alike, which makes the window
// arithmetic exact and keeps the list as dense with a row open as without.

import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { firstHeader } from '../../capture/index.ts';
import { clipLine, domId, hostAndPort, hostEnds, originOf, pathEnds, pathOf, plural } from '../format.ts';
import { VERDICT_LABEL } from '../labels.ts';
import { shownAttribute } from '../shown-text.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import type { ListSince, PanelState } from '../store/store.ts';
import { usePanel } from './context.ts';
import { RowMenu, type RowMenuAt } from './RowMenu.tsx';
import { rowView, type RowView } from './row-view.ts';
import { Shown } from './Shown.tsx';
import { VerdictIcon } from './VerdictIcon.tsx';

/** Matches `--cp-row-h` in styles.css. */
const ROW_HEIGHT = 24;
/** Rows rendered beyond each edge of the viewport, so a fast scroll does not flash blank rows. */
const OVERSCAN = 8;
/** Below this list width the table's columns no longer fit: the compact one-line row instead. */
const COMPACT_BELOW = 720;

function rowDomId(id: string): string {
  return domId('cp-row-', id);
}

/** What a row shows, from the memoized engine: rows outside the viewport never get here. */
function useRowView(entry: ExchangeEntry): RowView {
  const { analyzer, store } = usePanel();
  return rowView(entry, analyzer, store);
}

/** The final status; in parentheses the preflight's when the actual request was never answered. */
function statusText(entry: ExchangeEntry): string {
  const hops = entry.captured.exchange.hops;
  const last = hops[hops.length - 1];
  if (last?.response) return String(last.response.status);
  if (entry.captured.pending) return '…';
  const preflight = last?.preflight?.response;
  return preflight ? `(${preflight.status})` : '—';
}

function initiatorOf(entry: ExchangeEntry): string {
  const { request } = entry.captured.exchange;
  if (request.initiatorOrigin !== undefined) return request.initiatorOrigin ?? 'null';
  return firstHeader(request.headers, 'origin') ?? '?';
}

/** What a row shows of its exchange alone, apart from the engine's view. */
interface RowText {
  domId: string;
  /** The first hop's URL, clipped to a line, as an attribute shows it (`shownAttribute`). */
  url: string;
  path: string;
  /** `path` parted where a narrow row cuts it (`pathEnds`). */
  pathParts: { start: string; end: string };
  initiator: string;
  target: string;
  /** The target's scheme and authority as written, to compare with the list's (`ListTarget.key`). */
  targetKey: string;
  status: string;
  redirects: number;
}

/**
 * Worked out once per entry (an entry is one version of an exchange, never changed): a keystroke in
 * the filter re-renders every row in view, and parsing their URLs again each time is most of a row's
 * own work.
 */
const rowTexts = new WeakMap<ExchangeEntry, RowText>();

function rowText(entry: ExchangeEntry): RowText {
  let text = rowTexts.get(entry);
  if (text !== undefined) return text;
  const { hops } = entry.captured.exchange;
  // A URL can be megabytes (a data: URL); a row shows and labels its start only.
  const url = clipLine(hops[0]?.url ?? '');
  const path = pathOf(url);
  text = {
    domId: rowDomId(entry.id),
    url: shownAttribute(url),
    path,
    pathParts: pathEnds(path),
    // An origin can be as long as a URL in a file (a hand-made HAR, a bundle): its start only.
    initiator: clipLine(initiatorOf(entry)),
    target: originOf(hops[hops.length - 1]?.url ?? url),
    // A redirected row shows its first hop's path: it may leave its server unnamed only when that
    // hop went to the same server as its last (M6: `/login` on auth.example, redirected to the
    // server named above the list, read as a path of that server).
    targetKey: targetKeyOfBothEnds(url, lastUrl(entry)),
    status: statusText(entry),
    redirects: hops.length - 1,
  };
  rowTexts.set(entry, text);
  return text;
}

/**
 * An origin without `http(s)://`, its host cut in the middle when the cell is narrow (`hostEnds`: its
 * start and its last label stay), never the port.
 */
function Origin({ origin }: { origin: string }) {
  const { host, port } = hostAndPort(origin);
  const { start, end } = hostEnds(host);
  return (
    <span class="cp-origin">
      <span class="cp-host">
        <span class="cp-host-start">
          <Shown text={start} />
        </span>
        {end ? (
          <span class="cp-host-end">
            <Shown text={end} />
          </span>
        ) : null}
      </span>
      {port ? <span class="cp-port">{port}</span> : null}
    </span>
  );
}

/**
 * The target origin most listed exchanges went to, where a narrow list names it once, above the
 * rows: the rows that went there show their paths alone, the others their own host and port too.
 */
export interface ListTarget {
  /** The origin, as `originOf` gives it. */
  origin: string;
  /** Its scheme and authority as the URLs write them (`targetKey`), which a row's own is compared to. */
  key: string;
  /** How many listed exchanges went there, of `total`. */
  count: number;
  total: number;
}

/** Per list (the store's are memoized): its target, or null. */
const listTargets = new WeakMap<readonly ExchangeEntry[], ListTarget | null>();

function lastUrl(entry: ExchangeEntry): string {
  const hops = entry.captured.exchange.hops;
  return hops[hops.length - 1]?.url ?? '';
}

/**
 * Per entry, its last hop's `targetKey`: the filtered list is a new array at every keystroke in the
 * filter, and reading 50,000 URLs' origins twice for its vote and count was most of `listTarget`.
 */
const lastHopKeys = new WeakMap<ExchangeEntry, string>();

function lastHopKey(entry: ExchangeEntry): string {
  let key = lastHopKeys.get(entry);
  if (key === undefined) {
    key = targetKey(lastUrl(entry));
    lastHopKeys.set(entry, key);
  }
  return key;
}

/**
 * The one origin more than half the listed exchanges' last hops went to, or null when none did (or
 * none is listed). In the demo, 32 of 34 requests go to one server: named on each row, it left the
 * path a few characters, and the host itself was cut (`1….1:37995/broken/…` on every row). Found by
 * the URLs' origins as written, one vote each (Boyer-Moore's majority vote, then a count), so that a
 * list of 50,000 is read twice without a URL parsed or a map of origins made (and each entry's
 * origin read once, `lastHopKey`); a URL with no authority (data:) is no server to name.
 */
export function listTarget(entries: readonly ExchangeEntry[]): ListTarget | null {
  const known = listTargets.get(entries);
  if (known !== undefined) return known;
  let candidate = '';
  let votes = 0;
  for (const entry of entries) {
    const key = lastHopKey(entry);
    if (votes === 0) {
      candidate = key;
      votes = 1;
    } else votes += key === candidate ? 1 : -1;
  }
  let count = 0;
  let url = '';
  if (candidate !== '') {
    for (const entry of entries) {
      if (lastHopKey(entry) !== candidate) continue;
      if (count === 0) url = lastUrl(entry);
      count++;
    }
  }
  const target = count * 2 > entries.length ? { origin: originOf(url), key: candidate, count, total: entries.length } : null;
  listTargets.set(entries, target);
  return target;
}

/**
 * A path, its folders cut first (`pathEnds`): the start gives way down to a character or two and
 * an ellipsis, then the end, from its own end.
 */
function Path({ parts }: { parts: { start: string; end: string } }) {
  return (
    <span class="cp-path">
      {parts.start ? (
        <span class="cp-path-start">
          <Shown text={parts.start} />
        </span>
      ) : null}
      <span class="cp-path-end">
        <Shown text={parts.end} />
      </span>
    </span>
  );
}

/** Above a narrow list: where most of its requests went, and how many of them; the other rows name their own. */
function ListTargetLine({ target }: { target: ListTarget }) {
  const all = target.count === target.total;
  const others = target.total - target.count;
  return (
    <p class="cp-list-target" title={shownAttribute(target.origin)}>
      <span class="cp-list-target-words">{all ? 'All listed requests went to' : `${target.count.toLocaleString('en-US')} of ${plural(target.total, 'request')} went to`}</span>{' '}
      <Origin origin={target.origin} />
      {all ? null : ' '}
      {all ? null : <span class="cp-list-target-others">— {others === 1 ? 'the other names its server' : `the other ${others.toLocaleString('en-US')} name their servers`}</span>}
    </p>
  );
}

const ORIGIN_PREFIX = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * The origin part of a URL as written (scheme and authority), found without parsing it, or '' for a
 * URL without one (data:, possibly megabytes), which names no server.
 */
function targetKey(url: string): string {
  return ORIGIN_PREFIX.exec(url)?.[0] ?? '';
}

/** The target's key (`targetKey`) when the first hop's URL has the same one, else a key no list has. */
export function targetKeyOfBothEnds(firstUrl: string, lastHopUrl: string): string {
  const key = targetKey(lastHopUrl);
  return firstUrl === lastHopUrl || targetKey(firstUrl) === key ? key : '\u0000redirected from another server';
}

/** A method is a short token; a file's may be a header line long (256 KiB), of which a row shows the start. */
const METHOD_SHOWN = 100;

const PREFLIGHT_CHIP = { sent: 'preflight', cached: 'preflight cached', missing: 'preflight not seen' } as const;

function Row({ entry, index, count, selected, checked, notes, top, compact, listTargetKey, onPick, onCheck, onMenu }: {
  entry: ExchangeEntry;
  index: number;
  count: number;
  selected: boolean;
  /** Checked for export. */
  checked: boolean;
  notes: number;
  top: number;
  compact: boolean;
  /** The list's target (`ListTarget.key`), named above a compact list: its rows leave it out. */
  listTargetKey: string | null;
  onPick(entry: ExchangeEntry, event: MouseEvent): void;
  onCheck(entry: ExchangeEntry): void;
  onMenu(entry: ExchangeEntry, event: MouseEvent): void;
}) {
  const view = useRowView(entry);
  const imported = entry.captured.source === 'import';
  const { exchange } = entry.captured;
  const { domId: rowId, url, path, pathParts, initiator, target, targetKey: rowTargetKey, status, redirects } = rowText(entry);
  // The file's own verdict where it differs from this engine's: marked on the verdict cell, and said
  // in words at the head of the reason, where the row has room for them.
  const claim = view.fileClaim;
  const claimTitle = claim ? `${claim.says} (${claim.why})` : undefined;
  const claimMark = claim ? (
    <span class="cp-claim-mark" title={claimTitle}>
      ≠ file
    </span>
  ) : null;
  const claimWords = claim ? (
    <span class="cp-claim" title={claimTitle}>
      {claim.says}
    </span>
  ) : null;
  const chips = (
    <>
      {view.preflight ? <span class={`cp-chip cp-chip-${view.preflight}`}>{PREFLIGHT_CHIP[view.preflight]}</span> : null}
      {redirects > 0 ? <span class="cp-chip">{redirects === 1 ? '1 redirect' : `${redirects} redirects`}</span> : null}
      {view.disagrees ? <span class="cp-chip cp-chip-alert">Chromium disagrees</span> : null}
      {imported ? <span class="cp-chip cp-chip-imported">imported</span> : null}
      {notes > 0 ? <span class="cp-chip cp-chip-notes">{notes === 1 ? '1 note' : `${notes} notes`}</span> : null}
    </>
  );
  // A checkbox drawn, not a control: rows are options of one listbox (a control inside an option
  // is not reachable by keyboard). `aria-checked` says it; Space toggles it from the keyboard.
  const checkbox = (
    <span
      class={`cp-row-check${checked ? ' cp-row-checked' : ''}`}
      aria-hidden="true"
      onClick={(event) => {
        event.stopPropagation();
        onCheck(entry);
      }}
    >
      {checked ? (
        <svg viewBox="0 0 12 12" focusable="false">
          <path d="M2.5 6.2l2.3 2.3 4.7-5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      ) : null}
    </span>
  );
  return (
    <div
      role="option"
      id={rowId}
      aria-selected={selected}
      aria-checked={checked}
      aria-setsize={count}
      aria-posinset={index + 1}
      aria-label={`${VERDICT_LABEL[view.verdict]}${claim ? ` (${claim.says})` : ''}: ${shownAttribute(exchange.request.method, 100)} ${url}. ${shownAttribute(view.headline)}`}
      class={`cp-row${selected ? ' cp-row-selected' : ''}${compact ? ' cp-row-compact' : ''}`}
      data-verdict={view.verdict}
      data-source={entry.captured.source}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => onPick(entry, event)}
      onContextMenu={(event) => onMenu(entry, event)}
    >
      {compact ? (
        // One line, as tall as a table row: opening a row (which narrows the list) keeps its density.
        <>
          {checkbox}
          <VerdictIcon verdict={view.verdict} showLabel={false} />
          {claimMark}
          <span class="cp-method">
            <Shown text={exchange.request.method} />
          </span>
          <span class="cp-url" title={url}>
            {/* No column for the origins here: the target's host and port lead the path, unless named above the list. */}
            {rowTargetKey === listTargetKey ? null : <Origin origin={target} />}
            <Path parts={pathParts} />
          </span>
          <span class="cp-row-tail" title={shownAttribute(view.headline)}>
            {claimWords}
            <span class={`cp-reason cp-reason-${view.verdict}`}>
              <Shown text={view.headline} kind="prose" />
            </span>
            {chips}
          </span>
          <span class="cp-status">{status}</span>
        </>
      ) : (
        <>
          <span class="cp-cell cp-col-check">{checkbox}</span>
          <span class="cp-cell cp-col-verdict">
            <VerdictIcon verdict={view.verdict} />
            {claimMark}
          </span>
          <span class="cp-cell cp-col-method cp-method">
            <Shown text={clipLine(exchange.request.method, METHOD_SHOWN)} />
          </span>
          <span class="cp-cell cp-col-url cp-url" title={url}>
            <Shown text={path} />
          </span>
          <span class="cp-cell cp-col-origins" title={shownAttribute(`${initiator} → ${target}`)}>
            <Origin origin={initiator} />
            <span class="cp-arrow" aria-hidden="true">
              →
            </span>
            <Origin origin={target} />
          </span>
          <span class="cp-cell cp-col-status cp-status" title={status.startsWith('(') ? 'Preflight status; the request was not answered' : undefined}>
            {status}
          </span>
          <span class={`cp-cell cp-col-reason cp-reason cp-reason-${view.verdict}`} title={shownAttribute(view.headline)}>
            {claimWords}
            <Shown text={view.headline} kind="prose" />
          </span>
          <span class="cp-cell cp-col-chips">{chips}</span>
        </>
      )}
    </div>
  );
}

/** Slots of the ring of rows: a power of two of at least `rows`, so that it rarely changes with the viewport. */
function ringSize(rows: number): number {
  let size = 64;
  while (size < rows) size *= 2;
  return size;
}

export function ExchangeList({ state, listRef }: { state: PanelState; listRef: RefObject<HTMLDivElement | null> }) {
  const { store } = usePanel();
  const entries = store.visible();
  const [viewport, setViewport] = useState({ top: 0, height: 0, width: 0 });
  const [menu, setMenu] = useState<RowMenuAt | null>(null);
  const [copied, setCopied] = useState('');
  const closeMenu = useCallback(() => {
    setMenu(null);
    listRef.current?.focus({ preventScroll: true });
  }, [listRef]);

  useLayoutEffect(() => {
    const element = listRef.current;
    if (!element) return;
    const measure = (): void => setViewport({ top: element.scrollTop, height: element.clientHeight, width: element.clientWidth });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [listRef]);

  const compact = viewport.width > 0 && viewport.width < COMPACT_BELOW;
  // Narrow, the target of most listed exchanges is said once, above the rows.
  const target = compact ? listTarget(entries) : null;
  const rowHeight = ROW_HEIGHT;
  const selectedIndex = state.selectedId === null ? -1 : store.indexOf(state.selectedId);

  // Keep the selected row in view when the keyboard moves it, and when the list shrinks (the
  // detail opening under it in the stacked layout).
  useEffect(() => {
    const element = listRef.current;
    if (!element || selectedIndex < 0) return;
    const rowTop = selectedIndex * rowHeight;
    if (rowTop < element.scrollTop) element.scrollTop = rowTop;
    else if (rowTop + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = rowTop + rowHeight - element.clientHeight;
  }, [selectedIndex, rowHeight, listRef, viewport.height]);

  // After a filter shrinks the list, a scroll offset past its end would show nothing.
  const maxTop = Math.max(0, entries.length * rowHeight - viewport.height);
  const top = Math.min(viewport.top, maxTop);
  const height = viewport.height || 600;
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(entries.length, Math.ceil((top + height) / rowHeight) + OVERSCAN);

  const pageSize = Math.max(1, Math.floor(height / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent): void => {
    const moves: Record<string, Parameters<typeof store.moveSelection>[0]> = {
      ArrowDown: 'next',
      ArrowUp: 'previous',
      Home: 'first',
      End: 'last',
      PageDown: 'page-down',
      PageUp: 'page-up',
    };
    const move = moves[event.key];
    if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
      // The keyboard's right-click: the menu of the selected row, at the row.
      event.preventDefault();
      const entry = state.selectedId === null ? undefined : store.get(state.selectedId);
      const row = entry ? listRef.current?.querySelector(`#${CSS.escape(rowDomId(entry.id))}`) : null;
      if (!entry || !row) return;
      const box = row.getBoundingClientRect();
      setMenu({ entry, x: box.left + 24, y: box.bottom });
    } else if (move) {
      event.preventDefault();
      store.moveSelection(move, pageSize);
    } else if (event.key === ' ' && state.selectedId !== null) {
      // Space checks the current row for export, as in a multi-select list.
      event.preventDefault();
      store.toggleChecked(state.selectedId);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (state.selectedId === null) store.moveSelection('first');
      store.openDetail();
    }
  };

  const pick = (entry: ExchangeEntry, event: MouseEvent): void => {
    // Ctrl/Cmd-click checks one row for export, Shift-click a range; a plain click opens it.
    if (event.shiftKey) {
      store.checkRange(entry.id);
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      store.toggleChecked(entry.id);
      return;
    }
    // The mouse focuses the listbox itself (rows are not focusable), so the keyboard carries on.
    store.select(entry.id);
    store.openDetail();
  };
  const check = (entry: ExchangeEntry): void => store.toggleChecked(entry.id);
  const openMenu = (entry: ExchangeEntry, event: MouseEvent): void => {
    event.preventDefault();
    // The row becomes the current one, as a right-click in DevTools' own lists does; the detail stays as it was.
    store.select(entry.id);
    setCopied('');
    setMenu({ entry, x: event.clientX, y: event.clientY });
  };

  // Rows are keyed by their slot in a ring as long as the window, not by exchange: a keystroke in
  // the filter changes the exchanges of most rows in view, and patching a row's text and attributes
  // costs far less than building its elements again (and leaves less for the collector); a scroll
  // by one row still moves one slot from one end to the other.
  const ring = ringSize(last - first);
  const rows = [];
  for (let i = first; i < last; i++) {
    const entry = entries[i];
    if (!entry) continue;
    rows.push(
      <Row
        key={i % ring}
        entry={entry}
        index={i}
        count={entries.length}
        selected={entry.id === state.selectedId}
        checked={state.checkedIds.has(entry.id)}
        notes={store.notesOf(entry.id).length}
        top={i * rowHeight}
        compact={compact}
        listTargetKey={target?.key ?? null}
        onPick={pick}
        onCheck={check}
        onMenu={openMenu}
      />,
    );
  }

  const activeId = selectedIndex >= first && selectedIndex < last && state.selectedId !== null ? rowDomId(state.selectedId) : undefined;

  return (
    <div id="cp-list-wrap" class={`cp-list-wrap${compact ? ' cp-list-compact' : ''}`}>
      {!compact ? (
        <div key="head" class="cp-list-head" aria-hidden="true">
          <span class="cp-col-check" />
          <span class="cp-col-verdict">Verdict</span>
          <span class="cp-col-method">Method</span>
          <span class="cp-col-url">Path</span>
          <span class="cp-col-origins">Initiator → target</span>
          <span class="cp-col-status">Status</span>
          <span class="cp-col-reason">Reason</span>
          <span class="cp-col-chips" />
        </div>
      ) : target !== null ? (
        <ListTargetLine key="target" target={target} />
      ) : null}
      {/* Keyed, as what is above it: without keys, the table's head (a div) going for the line
          naming the target (a p) made Preact take the listbox's div for the head's and build the
          listbox anew, an element its ResizeObserver did not watch (its rows stayed as for the old
          size: End selected a row never drawn). */}
      <div
        key="list"
        ref={listRef}
        class="cp-list"
        role="listbox"
        tabIndex={0}
        aria-label="Cross-origin requests"
        aria-activedescendant={activeId}
        onKeyDown={onKeyDown}
        // The ContextMenu key's own event, after the keydown opened ours: no browser menu over it.
        onContextMenu={(event) => {
          if (event.target === event.currentTarget) event.preventDefault();
        }}
        onScroll={(e) => {
          const element = e.currentTarget;
          setViewport((v) => (v.top === element.scrollTop ? v : { ...v, top: element.scrollTop }));
        }}
      >
        <div class="cp-list-spacer" role="presentation" style={{ height: `${entries.length * rowHeight}px` }}>
          {rows}
        </div>
      </div>
      <ListEmpty state={state} shown={entries.length} />
      {menu ? <RowMenu at={menu} onClose={closeMenu} onDone={setCopied} /> : null}
      <p class={`cp-copied${copied ? '' : ' cp-sr-only'}`} role="status">
        {copied}
      </p>
    </div>
  );
}

function ListEmpty({ state, shown }: { state: PanelState; shown: number }) {
  const { store, readOnly, reloadPage } = usePanel();
  if (shown > 0) return null;
  if (readOnly && state.total === 0) {
    return (
      <div class="cp-empty">
        <p class="cp-empty-title">Nothing opened yet</p>
        <p>Drop a CORS Inspector bundle (.json) or a HAR file here, or use Open… above. Nothing leaves this page.</p>
      </div>
    );
  }
  if (!state.connected) return <p class="cp-empty">Connecting to the capture…</p>;
  if (state.total === 0) return <NothingCaptured since={state.listSince} loadedBeforeCapture={state.pageLoadedBeforeCapture} reloadPage={reloadPage} />;
  return (
    <div class="cp-empty">
      <p class="cp-empty-title">No request matches the filters</p>
      <button type="button" class="cp-btn" onClick={() => store.setFilters({ text: '', blockedOnly: false, preflightedOnly: false })}>
        Clear filters
      </button>
    </div>
  );
}

/**
 * The empty capture: since when nothing was seen (DevTools opening, the user's Clear, or a new page
 * that started the capture over), and the reload that captures the page's loading where a reload
 * can capture something. That requests were missed is said only when the capture side found the
 * page loaded before the capture began: on a page loaded with the capture on, nothing was missed,
 * and a reload would only do again what the capture saw; saying otherwise would send the reader
 * looking for what does not exist.
 */
export function NothingCaptured({ since, loadedBeforeCapture, reloadPage }: {
  since: ListSince;
  loadedBeforeCapture: boolean | null;
  reloadPage: (() => void) | undefined;
}) {
  // What the capture side said, for tests to wait on (null: nothing said yet, or no page to ask).
  const said = loadedBeforeCapture === null ? undefined : loadedBeforeCapture ? 'before-capture' : 'after-capture';
  // Loaded with the capture on (a page since the panel opened is): the capture saw its loading.
  const sawLoad = since === 'page-loaded' || loadedBeforeCapture === false;
  const title = since === 'cleared' ? 'List cleared' : since === 'page-loaded' ? 'Nothing captured since this page loaded' : 'Nothing captured since DevTools opened';
  // After Clear, a reload makes the page's loading requests again; after a load the capture saw, nothing new.
  const reload = reloadPage && (since === 'cleared' || !sawLoad) ? reloadPage : undefined;
  return (
    <div class="cp-empty" data-page-loaded={said} data-list-since={since}>
      <p class="cp-empty-title">{title}</p>
      {reload ? (
        <button type="button" class="cp-btn" onClick={() => reload()}>
          Reload page to capture
        </button>
      ) : null}
      {since === 'opened' && loadedBeforeCapture ? (
        <p>This page loaded before DevTools was opened: the requests it made then could not be seen. Reload it to capture them.</p>
      ) : null}
      {since !== 'cleared' && sawLoad ? <p>The capture was on while this page loaded, and saw no cross-origin request.</p> : null}
      <p>{since === 'cleared' ? 'Cross-origin requests the page makes from now on appear here as they happen.' : 'Cross-origin requests this page makes appear here as they happen.'}</p>
    </div>
  );
}
