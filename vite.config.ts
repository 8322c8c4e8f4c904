import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { viewerSingleFile } from './scripts/vite-viewer-single-file.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Pages that no manifest field names, so crxjs would not find them on its own:
// - the panel, referenced only from `chrome.devtools.panels.create(..., 'extension/panel.html')`;
// - the UI's plain page (the panel outside the extension, fed by a memory transport), when present.
const extraPages: Record<string, string> = { panel: fromRoot('extension/panel.html') };
if (existsSync(fromRoot('src/ui/plain/index.html'))) extraPages['plain'] = fromRoot('src/ui/plain/index.html');
// The viewer (`src/ui/viewer/`), the panel as a static page for people without the extension, is
// not one of these: it is built on its own into one self-contained `dist/viewer.html`, which works
// from `file://` (scripts/vite-viewer-single-file.ts), and as `dist/viewer-page.js`, the template the
// panel's "Download diagnosis.html" loads.
const VIEWER_SOURCE = 'src/ui/viewer/index.html';
const viewerPage = existsSync(fromRoot(VIEWER_SOURCE))
  ? [viewerSingleFile({ entry: fromRoot(VIEWER_SOURCE), out: fromRoot('dist/viewer.html'), pageModule: fromRoot('dist/viewer-page.js'), root, target: 'chrome116' })]
  : [];

// `CORS_INSPECTOR_UI=placeholder npm run build` builds the panel with its placeholder list instead of
// the UI (`src/ui/index.tsx`): for working on the capture while the UI does not build.
const placeholderUi: Plugin = {
  name: 'cors-inspector-placeholder-ui',
  enforce: 'pre',
  resolveId(id) {
    return id.endsWith('src/ui/index.tsx') ? '\0cors-inspector-placeholder-ui' : null;
  },
  load(id) {
    return id === '\0cors-inspector-placeholder-ui' ? 'export const mountPanel = undefined;' : null;
  },
};

export default defineConfig({
  root,
  plugins: [preact(), crx({ manifest }), ...viewerPage, ...(process.env['CORS_INSPECTOR_UI'] === 'placeholder' ? [placeholderUi] : [])],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Readable stack traces from a user's DevTools are worth more than a few kilobytes.
    sourcemap: true,
    target: 'chrome116',
    rollupOptions: { input: extraPages },
  },
});
