// Avoid CORS in local development: let the dev server proxy the API, so the page calls its own
// origin. https://vite.dev/config/server-options#server-proxy
// https://webpack.js.org/configuration/dev-server/#devserverproxy

import { jsString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import type { FixContext } from './context.ts';

const TRAP = 'Only for development: the dev server forwards /api to the real server, so the browser sees one origin and no CORS check happens. Production still needs the server fixed (or the same proxy in front of both).';

export function devProxyFixes(ctx: FixContext): Fix[] {
  const target = ctx.policy.targetOrigin;
  if (target === null) return [];
  const t = jsString(target);
  // Both proxies only see the requests the page makes to its own origin.
  const pageLine = `// In the page: fetch(${jsString('/api' + ctx.policy.targetPath)}) instead of the absolute URL.`;
  const vite = [
    '// vite.config.js',
    "import { defineConfig } from 'vite';",
    '',
    'export default defineConfig({',
    '  server: {',
    '    proxy: {',
    "      '/api': {",
    `        target: ${t},`,
    '        changeOrigin: true,',
    "        rewrite: (path) => path.replace(/^\\/api/, ''),",
    '      },',
    '    },',
    '  },',
    '});',
    pageLine,
  ];
  const webpack = [
    '// webpack.config.js (webpack-dev-server 5)',
    'module.exports = {',
    '  devServer: {',
    '    proxy: [',
    '      {',
    "        context: ['/api'],",
    `        target: ${t},`,
    '        changeOrigin: true,',
    "        pathRewrite: { '^/api': '' },",
    '      },',
    '    ],',
    '  },',
    '};',
    pageLine,
  ];
  return [
    { target: 'vite-proxy', title: 'Development: Vite server.proxy', language: 'js', snippet: vite.join('\n'), trap: TRAP },
    { target: 'webpack-proxy', title: 'Development: webpack devServer.proxy', language: 'js', snippet: webpack.join('\n'), trap: TRAP },
  ];
}
