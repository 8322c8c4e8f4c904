// Reading a dropped or picked file into the store: refused on its size before any byte is read,
// read as text off the main thread (the browser's file reader), with progress for big files, then
// checked and merged. A failure only sets the import status: nothing listed is lost.

import type { PanelBrowser } from '../engine.ts';
import type { PanelStore } from '../store/store.ts';
import { MAX_IMPORT_BYTES, readImportText, tooLargeMessage } from './read-import.ts';

export interface ImportFileOptions {
  engineVersion: string;
  /** The rules of the panel that opens the file (`import-rules.ts`). */
  browser?: PanelBrowser;
  maxBytes?: number;
}

/** Below this size the file is read in one go; above it, progress is reported as it comes. */
const PROGRESS_ABOVE = 1024 * 1024;

function readAsText(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/** Lets the browser paint ("Loading…") before a long synchronous parse. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
}

export async function importFileInto(store: PanelStore, file: File, options: ImportFileOptions): Promise<void> {
  const fileName = file.name || 'the file';
  const tooLarge = tooLargeMessage(fileName, file.size, options.maxBytes ?? MAX_IMPORT_BYTES);
  if (tooLarge) {
    store.setImportStatus({ kind: 'error', fileName, message: tooLarge });
    return;
  }
  store.setImportStatus({ kind: 'loading', fileName, loadedBytes: 0, totalBytes: file.size });
  let text: string;
  try {
    text = await readAsText(file, (loadedBytes) => {
      if (file.size > PROGRESS_ABOVE) store.setImportStatus({ kind: 'loading', fileName, loadedBytes, totalBytes: file.size });
    });
  } catch (error) {
    store.setImportStatus({ kind: 'error', fileName, message: `${fileName} could not be read: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  await nextPaint();
  importTextInto(store, text, fileName, options);
}

export function importTextInto(store: PanelStore, text: string, fileName: string, options: ImportFileOptions): void {
  try {
    const read = readImportText(text, fileName, { engineVersion: options.engineVersion, ...(options.browser ? { browser: options.browser } : {}), ...(options.maxBytes ? { limits: { maxBytes: options.maxBytes } } : {}) });
    if (read.ok) store.addImport(read.batch);
    else store.setImportStatus({ kind: 'error', fileName, message: read.message });
  } catch (error) {
    // The readers never throw by design; should one, the list must still survive.
    store.setImportStatus({ kind: 'error', fileName, message: `${fileName} could not be opened: ${error instanceof Error ? error.message : String(error)}` });
  }
}
