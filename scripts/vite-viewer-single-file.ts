// `dist/viewer.html` as one self-contained file: the viewer (`src/ui/viewer/`) built on its own in
// one chunk, its script and stylesheet written into the page. It then opens from disk (`file://`)
// or as a mail attachment, where module scripts from other files and `/assets/` paths cannot load.
// The page's CSP allows exactly that script, by its hash, and nothing else.

import preact from '@preact/preset-vite';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { build, type Plugin, type Rollup } from 'vite';

export interface ViewerSingleFileOptions {
  /** The viewer's HTML entry (`src/ui/viewer/index.html`). */
  entry: string;
  /** Where the page is written (`dist/viewer.html`). */
  out: string;
  root: string;
  target: string;
}

/** Built once the extension's build has written its files (it empties `dist/` first). */
export function viewerSingleFile(options: ViewerSingleFileOptions): Plugin {
  return {
    name: 'cors-inspector-viewer-single-file',
    apply: 'build',
    async closeBundle() {
      writeFileSync(options.out, await buildViewerPage(options));
    },
  };
}

async function buildViewerPage({ entry, root, target }: ViewerSingleFileOptions): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [preact()],
    build: {
      write: false,
      target,
      minify: true,
      sourcemap: false,
      cssCodeSplit: false,
      assetsInlineLimit: Number.MAX_SAFE_INTEGER,
      modulePreload: { polyfill: false },
      rollupOptions: { input: entry, output: { codeSplitting: false } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = outputs.flatMap((o) => o.output);
  const html = files.find((f): f is Rollup.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.html'));
  const chunks = files.filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  const styles = files.filter((f): f is Rollup.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'));
  if (!html || chunks.length !== 1) throw new Error(`the viewer did not build to one page and one script (${files.map((f) => f.fileName).join(', ')})`);
  return inlineInto(String(html.source), chunks[0]!.code, styles.map((s) => String(s.source)).join('\n'));
}

/** The page with its `<script src>` and `<link rel=stylesheet>` replaced by their text. */
export function inlineInto(page: string, script: string, css: string): string {
  // `</script` (or `</style`) inside the text would end the element early; `<\/` means the same in
  // a JavaScript string, template or regular expression.
  const safeScript = script.replace(/<\/(script)/gi, '<\\/$1');
  const safeCss = css.replace(/<\/(style)/gi, '<\\/$1');
  // After a `<!--`, a `<script` would switch the HTML parser to a state where `</script>` no longer
  // ends the element: refuse to build rather than write a page that breaks.
  if (/<script/i.test(safeScript)) throw new Error('the viewer script contains "<script": it cannot be inlined safely');
  const scriptText = `\n${safeScript}\n`;
  // The hash covers the element's text exactly as written below.
  const hash = createHash('sha256').update(scriptText).digest('base64');
  const withoutRefs = page
    .replace(/\s*<script type="module"[^>]*\ssrc="[^"]*"[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="(?:stylesheet|modulepreload)"[^>]*>/g, '');
  if (!withoutRefs.includes("script-src 'self'")) throw new Error("the viewer's CSP no longer says script-src 'self'");
  return withoutRefs
    .replace("script-src 'self'", `script-src 'sha256-${hash}'`)
    .replace('</head>', () => `  <style>\n${safeCss}\n</style>\n  </head>`)
    .replace('</body>', () => `    <script type="module">${scriptText}</script>\n  </body>`);
}
