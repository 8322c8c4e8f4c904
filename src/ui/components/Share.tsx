// Sharing from the toolbar: picking the failures, opening a bundle or HAR, and the export menu
// (curl, bundle, diagnosis.html, Markdown, HAR) for the checked exchanges or the open one. Copying and saving go
// through the host's `ShareHost`; nothing here knows which browser or page it runs in.

import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_NAME_LENGTH, type Shell } from '../../export/index.ts';
import { bundleFile, curlExportText, diagnosisFile, curlRefusalNote, harFile, markdownText, mixedRulesNote, type ExportItem } from '../share/export-actions.ts';
import { megabytes } from '../share/read-import.ts';
import type { ExchangeEntry } from '../store/entry.ts';
import type { PanelState } from '../store/store.ts';
import { usePanel } from './context.ts';
import { Shown } from './Shown.tsx';

/** What the export is about: the checked exchanges, else the open one. */
function exportScope(state: PanelState, checked: ExchangeEntry[], open: ExchangeEntry | undefined): { entries: ExchangeEntry[]; words: string } {
  if (checked.length > 0) return { entries: checked, words: checked.length === 1 ? '1 selected request' : `${checked.length.toLocaleString('en-US')} selected requests` };
  if (open && state.detailOpen) return { entries: [open], words: 'the open request' };
  return { entries: [], words: '' };
}

const SHELL_LABEL: Record<Shell, string> = { bash: 'bash', powershell: 'PowerShell', cmd: 'cmd' };

export function ExportMenu({ state }: { state: PanelState }) {
  const { store, share, engineVersion, browser, rulesOf } = usePanel();
  const [open, setOpen] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [author, setAuthor] = useState('');
  const [message, setMessage] = useState('');
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const openEntry = state.selectedId === null ? undefined : store.get(state.selectedId);
  const scope = exportScope(state, open ? store.checkedEntries() : [], openEntry);
  const count = state.checkedIds.size > 0 ? state.checkedIds.size : openEntry && state.detailOpen ? 1 : 0;

  // A click outside closes the menu, as menus do.
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node | null;
      if (target && !menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    return () => document.removeEventListener('pointerdown', onPointer, true);
  }, [open]);

  // Each with the rules it was judged by (an opened Firefox bundle's are Firefox's in any panel),
  // and an opened one with the browser that sent it, which the HAR writes (not always the same).
  const items = (): ExportItem[] =>
    scope.entries.map((entry) => {
      const sentBy = entry.captured.source === 'import' ? store.importOrigin(entry.id)?.sentBy : undefined;
      return { id: entry.id, exchange: entry.captured.exchange, notes: store.notesOf(entry.id), rules: rulesOf(entry), ...(sentBy ? { sentBy } : {}) };
    });
  /** `oneFile`: the export is one file judged by one browser's rules (not curl, whose commands are each their exchange's). */
  const run = async (what: string, action: () => Promise<boolean | void>, oneFile = true): Promise<void> => {
    try {
      const ok = await action();
      const mixed = oneFile ? mixedRulesNote(items(), browser) : '';
      setMessage(ok === false ? `${what}: copying failed (the browser refused the clipboard)` : `${what}: done, for ${scope.words}${mixed === '' ? '' : `. ${mixed}`}`);
    } catch (error) {
      setMessage(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const copyCurl = async (shell: Shell): Promise<void> => {
    const curl = curlExportText(items(), shell, { includeSecrets, browser });
    await run(`Copy as curl (${SHELL_LABEL[shell]})`, () => share.copyText(curl.text), false);
    // An exchange that cannot be sent safely and exactly in this shell has only a comment: say so here too.
    const note = curlRefusalNote(curl.refusals, scope.entries.length);
    if (note !== '') setMessage((done) => `${done} ${note}`);
  };
  const disabled = scope.entries.length === 0;

  return (
    <div class="cp-export">
      <button
        ref={buttonRef}
        type="button"
        class="cp-btn"
        aria-expanded={open}
        aria-controls="cp-export-menu"
        onClick={() => {
          setMessage('');
          setOpen(!open);
        }}
      >
        Export{count > 0 ? ` (${count})` : ''}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open ? (
        <div
          ref={menuRef}
          id="cp-export-menu"
          class="cp-export-menu"
          role="group"
          aria-label="Export"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <p class="cp-export-scope">
            {disabled ? 'Check requests in the list (or open one) to export them.' : `Exports ${scope.words}.`}
          </p>
          <label class="cp-check cp-export-secrets">
            <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.currentTarget.checked)} />
            Include secrets (cookies, tokens, API keys) in curl, bundle, diagnosis.html and Markdown
          </label>
          {includeSecrets ? (
            <p class="cp-export-warning" role="note">
              Secrets will be written as captured. Share the result only with people who may see them.
            </p>
          ) : (
            <p class="cp-export-hint">Secrets are replaced by REDACTED-… placeholders.</p>
          )}
          <div class="cp-export-buttons">
            {(['bash', 'powershell', 'cmd'] as const).map((shell) => (
              <button key={shell} type="button" class="cp-btn cp-btn-small" disabled={disabled} onClick={() => void copyCurl(shell)}>
                Copy as curl ({SHELL_LABEL[shell]})
              </button>
            ))}
            <button
              type="button"
              class="cp-btn cp-btn-small"
              disabled={disabled}
              onClick={() => void run('Copy Markdown report', () => share.copyText(markdownText(items(), { includeSecrets, engineVersion, browser })))}
            >
              Copy Markdown report
            </button>
          </div>
          <div class="cp-export-bundle">
            <label class="cp-export-author">
              Author (optional)
              <input type="text" class="cp-search" value={author} autoComplete="name" maxLength={MAX_NAME_LENGTH} onInput={(e) => setAuthor(e.currentTarget.value)} />
            </label>
            <button
              type="button"
              class="cp-btn cp-btn-small"
              disabled={disabled}
              onClick={() =>
                void run('Download bundle', () => {
                  const file = bundleFile(items(), { includeSecrets, engineVersion, author, browser });
                  return share.saveFile(file.fileName, file.text, file.mimeType);
                })
              }
            >
              Download bundle (.json)
            </button>
            {share.viewerPage ? (
              <button
                type="button"
                class="cp-btn cp-btn-small"
                disabled={disabled}
                title="One page with the requests, notes and a summary: opens in any browser, from disk or a mail attachment, with nothing installed"
                onClick={() =>
                  void run('Download diagnosis.html', async () => {
                    const viewerPage = await share.viewerPage!();
                    const file = diagnosisFile(items(), viewerPage, { includeSecrets, engineVersion, author, browser });
                    return share.saveFile(file.fileName, file.text, file.mimeType);
                  })
                }
              >
                Download diagnosis.html
              </button>
            ) : null}
            <button
              type="button"
              class="cp-btn cp-btn-small"
              disabled={disabled}
              onClick={() =>
                // No verdicts in a HAR, but read back it is judged by one browser's rules: Firefox's
                // when Firefox made every request (`log.creator._browser`), else the reader's.
                void run('Download HAR', () => {
                  const file = harFile(items(), { engineVersion, browser });
                  return share.saveFile(file.fileName, file.text, file.mimeType);
                })
              }
            >
              Download HAR (sanitized)
            </button>
          </div>
          <p class="cp-export-status" role="status">
            {message}
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** "Open…": a file picker for a bundle or a HAR. */
export function OpenFileButton() {
  const { importFile } = usePanel();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="cp-btn" title="Open a CORS Inspector bundle or a HAR file (or drop it on the panel)" onClick={() => inputRef.current?.click()}>
        Open…
      </button>
      <input
        ref={inputRef}
        type="file"
        class="cp-sr-only"
        tabIndex={-1}
        aria-label="Open a bundle or HAR file"
        accept=".json,.har,application/json"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          // Cleared so that picking the same file again still fires `change`.
          e.currentTarget.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}

/** Loading, done and failed, for the last file opened. */
export function ImportNotice({ state }: { state: PanelState }) {
  const { store } = usePanel();
  const status = state.importStatus;
  if (status.kind === 'idle') return null;
  const dismiss = (
    <button type="button" class="cp-btn cp-btn-small cp-notice-dismiss" onClick={() => store.setImportStatus({ kind: 'idle' })}>
      Dismiss
    </button>
  );
  if (status.kind === 'loading') {
    const percent = status.totalBytes > 0 ? Math.floor((status.loadedBytes / status.totalBytes) * 100) : 0;
    return (
      <p class="cp-notice cp-notice-info cp-import-notice" role="status">
        Loading <Shown text={status.fileName} /> ({megabytes(status.totalBytes)})… {status.loadedBytes > 0 ? `${percent}%` : ''}
      </p>
    );
  }
  if (status.kind === 'error') {
    return (
      <p class="cp-notice cp-notice-warn cp-import-notice cp-import-error" role="alert">
        <span>
          Could not open the file. <Shown text={status.message} kind="prose" /> Nothing already listed was changed.
        </span>
        {dismiss}
      </p>
    );
  }
  return (
    <p class="cp-notice cp-notice-info cp-import-notice" role="status">
      <span>
        <Shown text={status.message} kind="prose" />
      </span>
      {dismiss}
    </p>
  );
}
