// What the panel needs of its host to share: put text on the clipboard, save a file. The UI knows
// nothing of the browser it runs in; the extension, the viewer page or a test can pass their own.
// The default uses DOM APIs only.

import { copyText } from '../components/CopyButton.tsx';

export interface ShareHost {
  /** Resolves to whether the text reached the clipboard. */
  copyText(text: string): Promise<boolean>;
  /** Offers the text as a file download. */
  saveFile(fileName: string, text: string, mimeType: string): Promise<void>;
  /**
   * The built viewer page (`dist/viewer.html`), the template of a diagnosis.html; absent where the
   * host has none, and the export menu then offers no diagnosis.html.
   */
  viewerPage?(): Promise<string>;
}

export const domShareHost: ShareHost = {
  copyText,
  async saveFile(fileName, text, mimeType) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started from the URL by the next task; revoking later is harmless.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
