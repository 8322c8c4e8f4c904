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
  /**
   * Where the page is also written as an ES module whose default export is its text
   * (`dist/viewer-page.js`): the template of a diagnosis.html, which the extension's panel loads
   * with `import()` (its CSP forbids any fetch, even of its own files, but allows its own scripts).
   */
  pageModule?: string;
  root: string;
  target: string;
}

/** Built once the extension's build has written its files (it empties `dist/` first). */
export function viewerSingleFile(options: ViewerSingleFileOptions): Plugin {
  return {
    name: 'cors-inspector-viewer-single-file',
    apply: 'build',
    async closeBundle() {
      const page = await buildViewerPage(options);
      writeFileSync(options.out, page);
      if (options.pageModule !== undefined) writeFileSync(options.pageModule, pageModule(page));
    },
  };
}

/** The page as a module: `export default "<!doctype html>…";`. */
function pageModule(page: string): string {
  return `// dist/viewer.html, for the panel's "Download diagnosis.html".\nexport default ${JSON.stringify(page)};\n`;
}

/**
 * The viewer as one page (its text), built from `entry`.
 * @public scripts/build-cli.mjs loads it with tsx's `tsImport`, which knip cannot follow.
 */
export async function buildViewerPage({ entry, root, target }: Pick<ViewerSingleFileOptions, 'entry' | 'root' | 'target'>): Promise<string> {
  // The same page whoever builds it: Vite takes a production build from NODE_ENV, and vitest's
  // globalSetup (scripts/build-cli.mjs) runs with NODE_ENV=test (JSX dev runtime, Preact devtools).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    return await buildPage({ entry, root, target });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

async function buildPage({ entry, root, target }: Pick<ViewerSingleFileOptions, 'entry' | 'root' | 'target'>): Promise<string> {
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
  // a JavaScript string, template or regular expression. After a `<!--`, a `<script` would switch
  // the HTML parser to a state where `</script>` no longer ends the element: `\x3C!--` means the
  // same as `<!--` in a string, template or regular expression too, and with no `<!--` left a
  // `<script` is plain text (the viewer writes diagnosis pages: its script holds some).
  const safeScript = script.replace(/<\/(script)/gi, '<\\/$1').replace(/(?<!\\)<!--/g, '\\x3C!--');
  const safeCss = css.replace(/<\/(style)/gi, '<\\/$1');
  // A `\<!--` would have become `\\x3C!--`, another text: refuse to build rather than write a page that breaks.
  if (safeScript.includes('<!--')) throw new Error('the viewer script contains "<!--" after a backslash: it cannot be inlined safely');
  const scriptText = `\n${safeScript}\n`;
  const styleText = `\n${safeCss}\n`;
  // The hashes cover each element's text exactly as written below.
  const hash = (text: string): string => createHash('sha256').update(text).digest('base64');
  const withoutRefs = page
    .replace(/\s*<script type="module"[^>]*\ssrc="[^"]*"[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="(?:stylesheet|modulepreload)"[^>]*>/g, '');
  if (!withoutRefs.includes("script-src 'self'")) throw new Error("the viewer's CSP no longer says script-src 'self'");
  if (!withoutRefs.includes("style-src 'self' 'unsafe-inline'")) throw new Error("the viewer's CSP no longer says style-src 'self' 'unsafe-inline'");
  // Its one style element by hash, not any inline style: the UI sets styles through the CSSOM only
  // (the extension's pages allow no inline style either).
  return withoutRefs
    .replace("script-src 'self'", `script-src 'sha256-${hash(scriptText)}'`)
    .replace("style-src 'self' 'unsafe-inline'", `style-src 'sha256-${hash(styleText)}'`)
    .replace('</head>', () => `  <style>${styleText}</style>\n  </head>`)
    .replace('</body>', () => `    <script type="module">${scriptText}</script>\n  </body>`);
}
