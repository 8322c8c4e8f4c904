// The bar above the list: capture controls (Clear, Preserve log, Precise mode, Keep capturing), then the view's
// own controls (filter text, Blocked only, Preflighted, order).

import { useId, useState } from 'preact/hooks';
import type { CaptureSettings } from '../protocol.ts';
import { plural } from '../format.ts';
import type { PanelState } from '../store/store.ts';
import { usePanel } from './context.ts';
import { Shown } from './Shown.tsx';
import { PreciseModeCheck, PreciseModeHelpLine } from './PreciseModeCheck.tsx';
import { ExportMenu, OpenFileButton } from './Share.tsx';

export function Toolbar({ state, searchRef }: { state: PanelState; searchRef: { current: HTMLInputElement | null } }) {
  const { store, send, tabId, readOnly } = usePanel();
  const [preciseHelpShown, setPreciseHelpShown] = useState(false);
  const preciseHintId = useId();
  const preciseHelpId = useId();

  const setSetting = (settings: Partial<CaptureSettings>): void => {
    store.setSettings(settings);
    send({ source: 'cors-inspector-panel', type: 'set-settings', tabId, settings });
  };

  return (
    <>
      <div class="cp-toolbar" role="toolbar" aria-label="Capture and filters">
        <div class="cp-toolbar-group">
          <button
            type="button"
            class="cp-btn cp-btn-icon"
            aria-label="Clear"
            title="Clear the list"
            onClick={() => {
              store.clear();
              send({ source: 'cors-inspector-panel', type: 'clear', tabId });
            }}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" class="cp-btn-glyph">
              <circle cx="8" cy="8" r="5.8" fill="none" stroke="currentColor" stroke-width="1.5" />
              <path d="M3.9 12.1l8.2-8.2" stroke="currentColor" stroke-width="1.5" />
            </svg>
          </button>
          {readOnly ? null : (
            <>
              <label class="cp-check" title="Keep requests across page loads">
                <input type="checkbox" checked={state.settings.preserveLog} onChange={(e) => setSetting({ preserveLog: e.currentTarget.checked })} />
                Preserve log
              </label>
              <PreciseModeCheck
                on={state.settings.preciseMode}
                availability={state.preciseAvailability}
                known={state.connected}
                onChange={(preciseMode) => setSetting({ preciseMode })}
                helpShown={preciseHelpShown}
                onToggleHelp={() => setPreciseHelpShown(!preciseHelpShown)}
                hintId={preciseHintId}
                helpId={preciseHelpId}
              />
              <label class="cp-check" title="Go on capturing this tab after DevTools closes, until the tab closes">
                <input type="checkbox" checked={state.settings.keepCapturing === true} onChange={(e) => setSetting({ keepCapturing: e.currentTarget.checked })} />
                Keep capturing
              </label>
            </>
          )}
        </div>
        <span class="cp-toolbar-sep" aria-hidden="true" />
        <div class="cp-toolbar-group cp-toolbar-filters">
          <input
            ref={searchRef}
            type="search"
            class="cp-search"
            placeholder="Filter"
            // Nothing to correct or remember in a filter, and no spelling or autofill work on each keystroke.
            spellcheck={false}
            autocomplete="off"
            aria-label="Filter by URL, method, origin, status, reason or header"
            value={state.filters.text}
            onInput={(e) => store.setFilters({ text: e.currentTarget.value })}
            onKeyDown={(e) => {
              // Escape in a non-empty box clears it, and goes no further (it would close the detail).
              if (e.key === 'Escape' && e.currentTarget.value !== '') {
                e.preventDefault();
                e.stopPropagation();
                store.setFilters({ text: '' });
              }
            }}
          />
          <label class="cp-check">
            <input type="checkbox" checked={state.filters.blockedOnly} onChange={(e) => store.setFilters({ blockedOnly: e.currentTarget.checked })} />
            Blocked only
          </label>
          <label class="cp-check">
            <input type="checkbox" checked={state.filters.preflightedOnly} onChange={(e) => store.setFilters({ preflightedOnly: e.currentTarget.checked })} />
            Preflighted
          </label>
          <label class="cp-select-label">
            <span class="cp-sr-only">Order</span>
            <select class="cp-select" value={state.order} onChange={(e) => store.setOrder(e.currentTarget.value === 'time' ? 'time' : 'failures-first')}>
              <option value="failures-first">Failures first</option>
              <option value="time">Time order</option>
            </select>
          </label>
        </div>
        <span class="cp-toolbar-sep" aria-hidden="true" />
        <div class="cp-toolbar-group cp-toolbar-share">
          <button type="button" class="cp-btn" title="Check every blocked request and network error in the list, for export" onClick={() => store.checkFailures()}>
            Select all failures
          </button>
          {state.checkedIds.size > 0 ? (
            <button type="button" class="cp-btn" onClick={() => store.uncheckAll()}>
              Unselect all
            </button>
          ) : null}
          <OpenFileButton />
          <ExportMenu state={state} />
        </div>
      </div>
      {readOnly ? null : <PreciseModeHelpLine availability={state.preciseAvailability} shown={preciseHelpShown} id={preciseHelpId} />}
    </>
  );
}

/** Fallback notice and problems the capture side reports. */
export function Notices({ state }: { state: PanelState }) {
  const notices: { key: string; tone: 'info' | 'warn'; text: string }[] = [];
  if (state.status.fallback === 'devtools-network') {
    notices.push({
      key: 'fallback',
      tone: 'info',
      text: "No host permission for this site: requests come from DevTools' network log, which can miss preflights and some headers. Grant site access for a complete capture.",
    });
  }
  if (state.status.problem) notices.push({ key: 'problem', tone: 'warn', text: state.status.problem });
  if (notices.length === 0) return null;
  return (
    <div class="cp-notices">
      {notices.map((n) => (
        <p key={n.key} class={`cp-notice cp-notice-${n.tone}`} role="status">
          <Shown text={n.text} kind="prose" />
        </p>
      ))}
    </div>
  );
}

export function StatusBar({ state, shown }: { state: PanelState; shown: number }) {
  const filtered = shown !== state.total;
  return (
    <div class="cp-statusbar" aria-live="polite">
      <span>
        {filtered ? `${shown.toLocaleString('en-US')} / ${plural(state.total, 'request')}` : plural(state.total, 'request')}
      </span>
      {state.status.dropped > 0 ? (
        <span class="cp-dropped" title="The per-tab limit was reached; the oldest requests were not kept">
          {state.status.dropped.toLocaleString('en-US')} dropped
        </span>
      ) : null}
      {state.checkedIds.size > 0 ? <span class="cp-statusbar-mode">{state.checkedIds.size.toLocaleString('en-US')} selected</span> : null}
      {state.settings.preciseMode ? <span class="cp-statusbar-mode">Precise mode</span> : null}
      {state.status.fallback === 'devtools-network' ? <span class="cp-statusbar-mode">DevTools network log</span> : null}
    </div>
  );
}
