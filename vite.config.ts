import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

const root = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Pages that no manifest field names, so crxjs would not find them on its own:
// - the panel, referenced only from `chrome.devtools.panels.create(..., 'extension/panel.html')`;
// - the UI's plain page (the panel outside the extension, fed by a memory transport), when present.
const extraPages: Record<string, string> = { panel: fromRoot('extension/panel.html') };
if (existsSync(fromRoot('src/ui/plain/index.html'))) extraPages['plain'] = fromRoot('src/ui/plain/index.html');
// - the viewer (`src/ui/viewer/`): the panel as a static page for people without the extension,
//   published as `dist/viewer.html` (its assets are referenced from the root, `/assets/...`).
const VIEWER_SOURCE = 'src/ui/viewer/index.html';
if (existsSync(fromRoot(VIEWER_SOURCE))) extraPages['viewer'] = fromRoot(VIEWER_SOURCE);

const viewerAtRoot: Plugin = {
  name: 'cors-inspector-viewer-at-root',
  apply: 'build',
  writeBundle(options) {
    const outDir = options.dir ?? fromRoot('dist');
    const built = `${outDir}/${VIEWER_SOURCE}`;
    if (!existsSync(built)) return;
    mkdirSync(outDir, { recursive: true });
    renameSync(built, `${outDir}/viewer.html`);
  },
};

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
  plugins: [preact(), crx({ manifest }), viewerAtRoot, ...(process.env['CORS_INSPECTOR_UI'] === 'placeholder' ? [placeholderUi] : [])],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Readable stack traces from a user's DevTools are worth more than a few kilobytes.
    sourcemap: true,
    target: 'chrome116',
    rollupOptions: { input: extraPages },
  },
});
