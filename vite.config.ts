import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { FIREFOX_MIN_VERSION, firefoxManifest } from './scripts/firefox-manifest.ts';
import { preciseManifest } from './scripts/precise-manifest.ts';
import { viewerSingleFile } from './scripts/vite-viewer-single-file.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// One extension source, three builds (`npm run build` runs them all): `vite build` makes `dist/` for
// Chromium, `vite build --mode precise` makes `dist-precise/`, the same with the `debugger`
// permission precise mode needs (scripts/precise-manifest.ts derives its manifest: Chromium grants
// that permission only at install, and the default build must not have it), and
// `vite build --mode firefox` makes `dist-firefox/` for Firefox, with the manifest
// scripts/firefox-manifest.ts derives. The code that differs is chosen by import, not by a branch:
// `extension/browser/current.ts` is `chromium.ts` or, in the Firefox build, `firefox.ts`.
interface Build {
  outDir: string;
  esTarget: string;
  /** What `extension/browser/current.ts` stands for in this build. */
  browserModule: string;
}
const target = (mode: string): Build =>
  mode === 'firefox'
    ? { outDir: 'dist-firefox', esTarget: `firefox${parseInt(FIREFOX_MIN_VERSION, 10)}`, browserModule: 'extension/browser/firefox.ts' }
    : { outDir: mode === 'precise' ? 'dist-precise' : 'dist', esTarget: 'chrome116', browserModule: 'extension/browser/chromium.ts' };
const buildManifest = (mode: string) =>
  mode === 'firefox' ? { manifest: firefoxManifest(manifest), browser: 'firefox' as const } : { manifest: mode === 'precise' ? preciseManifest(manifest) : manifest };
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Pages that no manifest field names, so crxjs would not find them on its own:
// - the panel, referenced only from `browser.devtools.panels.create(..., '/extension/panel.html')`;
// - the UI's plain page (the panel outside the extension, fed by a memory transport), when present.
// (the plain page is for Chromium's browser tests: the precise and Firefox builds leave it out).
const extraPages = (build: Build): Record<string, string> => {
  const pages: Record<string, string> = { panel: fromRoot('extension/panel.html') };
  if (build.outDir === 'dist' && existsSync(fromRoot('src/ui/plain/index.html'))) pages['plain'] = fromRoot('src/ui/plain/index.html');
  return pages;
};
// The viewer (`src/ui/viewer/`), the panel as a static page for people without the extension, is
// not one of these: it is built on its own into one self-contained `dist/viewer.html`, which works
// from `file://` (scripts/vite-viewer-single-file.ts), and as `dist/viewer-page.js`, the template the
// panel's "Download diagnosis.html" loads.
const VIEWER_SOURCE = 'src/ui/viewer/index.html';
const viewerPage = (build: Build) =>
  existsSync(fromRoot(VIEWER_SOURCE))
    ? [viewerSingleFile({ entry: fromRoot(VIEWER_SOURCE), out: fromRoot(`${build.outDir}/viewer.html`), pageModule: fromRoot(`${build.outDir}/viewer-page.js`), root, target: build.esTarget })]
    : [];

/** The Firefox build's `extension/browser/current.ts` is `firefox.ts` (see `Build`). */
const browserModule = (build: Build): Plugin => ({
  name: 'cors-inspector-browser-module',
  enforce: 'pre',
  async resolveId(id, importer) {
    if (!id.endsWith('/browser/current.ts') && !id.endsWith('./current.ts')) return null;
    const resolved = await this.resolve(id, importer, { skipSelf: true });
    return resolved?.id === fromRoot('extension/browser/current.ts') ? fromRoot(build.browserModule) : null;
  },
});

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

export default defineConfig(({ mode }) => {
  const build = target(mode);
  return {
    root,
    plugins: [
      preact(),
      crx(buildManifest(mode)),
      browserModule(build),
      ...viewerPage(build),
      ...(process.env['CORS_INSPECTOR_UI'] === 'placeholder' ? [placeholderUi] : []),
    ],
    build: {
      outDir: build.outDir,
      emptyOutDir: true,
      // Readable stack traces from a user's DevTools are worth more than a few kilobytes.
      sourcemap: true,
      target: build.esTarget,
      // The viewer page module is written after this build; the panel loads it at run time.
      rollupOptions: { input: extraPages(build), external: ['/viewer-page.js'] },
    },
  };
});
