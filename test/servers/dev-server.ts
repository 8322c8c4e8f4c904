// The two development servers whose proxy the dev-proxy fix configures, run as child processes in
// a temporary directory holding their config file, the page and the project's packages:
// Vite (`vite.config.js`, an ES module, loaded natively) and webpack-dev-server
// (`webpack.config.js`, CommonJS, started through its API since webpack-cli is not installed).
// https://vite.dev/config/server-options#server-proxy https://webpack.js.org/configuration/dev-server/#devserverproxy

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInTempDir, type RunningServer } from './process.ts';

/** Vite serving `indexHtml` at `/`, configured by `viteConfig` (the file's whole text). */
export function startVite(viteConfig: string, indexHtml: string): Promise<RunningServer> {
  return startInTempDir('vite', { withNodeModules: true }, (dir, port) => {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'vite.config.js'), viteConfig);
    writeFileSync(join(dir, 'index.html'), indexHtml);
    return {
      command: process.execPath,
      // native: the config is imported as it is, not bundled to a file in node_modules.
      args: [join(dir, 'node_modules/vite/bin/vite.js'), '--config', 'vite.config.js', '--configLoader', 'native', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    };
  });
}

// Starts the dev server with the config file's devServer options, on the given port, serving
// public/ (the page); no live reload or client script, which the page does not need.
const WEBPACK_RUNNER = `const webpack = require('webpack');
const WebpackDevServer = require('webpack-dev-server');
const config = require('./webpack.config.js');
const { devServer = {}, ...compilerConfig } = config;
const compiler = webpack({ mode: 'development', ...compilerConfig });
const server = new WebpackDevServer(
  { ...devServer, host: '127.0.0.1', port: Number(process.env.PORT), static: { directory: __dirname + '/public' }, hot: false, liveReload: false, client: false },
  compiler,
);
server.start();
`;

/** webpack-dev-server serving `indexHtml` at `/`, configured by `webpackConfig` (the file's whole text). */
export function startWebpackDevServer(webpackConfig: string, indexHtml: string): Promise<RunningServer> {
  return startInTempDir('webpack-dev-server', { withNodeModules: true }, (dir, port) => {
    writeFileSync(join(dir, 'webpack.config.js'), webpackConfig);
    writeFileSync(join(dir, 'serve.cjs'), WEBPACK_RUNNER);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/index.js'), '');
    mkdirSync(join(dir, 'public'));
    writeFileSync(join(dir, 'public/index.html'), indexHtml);
    return { command: process.execPath, args: [join(dir, 'serve.cjs')], env: { PORT: String(port) }, startTimeoutMs: 60_000 };
  });
}
