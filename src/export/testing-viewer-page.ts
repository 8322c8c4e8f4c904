// For tests: a page shaped like the built `dist/viewer.html` (scripts/vite-viewer-single-file.ts):
// a policy allowing its one script and one style element by hash, and a script that, like the real
// viewer's, holds the strings a diagnosis page is made with.

import { createHash } from 'node:crypto';

const hash = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export const VIEWER_SCRIPT = `\nconst policy = '<meta http-equiv="Content-Security-Policy" content="script-src *" />', body = "<body>", tag = '<script type="application/json" id="bundle">';\n`;
const STYLE = '\n.cp-root{color:red}\n';

export const VIEWER_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src ${hash(VIEWER_SCRIPT)}; style-src ${hash(STYLE)}; img-src 'self' data:; object-src 'none'; base-uri 'none'" />
    <title>CORS Inspector — viewer</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <div id="panel"></div>
    <script type="module">${VIEWER_SCRIPT}</script>
  </body>
</html>
`;

export const VIEWER_SCRIPT_HASH = hash(VIEWER_SCRIPT);
export const VIEWER_STYLE_HASH = hash(STYLE);
