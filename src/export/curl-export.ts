// The curl reproduction of one exchange, as a script for a shell. `curlPair` redacts the exchange
// unless secrets were asked for.

import { diagnose, diagnoseInFirefox, type ObservedExchange, explain } from '../cors/index.ts';
import { renderCurlScript, type CurlScript } from './curl.ts';
import { curlPair } from './curl-requests.ts';
import { redactEngineValue } from './redact-engine-values.ts';
import type { SecretNameNumbers } from './secret-name-numbers.ts';
import type { Shell } from './shell-quote.ts';

export interface CurlExportOptions {
  includeSecrets?: boolean;
  /**
   * The browser that made the capture (`CurlPairOptions.browser`): `--browser`, or the Firefox build.
   * Its rules judge the exchange too: the hop replayed, the preflight sent, the lines expected back,
   * and the verdict in the script's title (with Firefox's reason code under Firefox's).
   */
  browser?: 'chromium' | 'firefox';
  /** The export's numbering of header names shaped like a secret, for scripts of several exchanges (`CurlPairOptions.names`). */
  names?: SecretNameNumbers;
}

/**
 * The script, and why it has no command when the exchange cannot be sent safely and exactly in
 * this shell (the script then says so in a comment).
 */
export function curlExport(exchange: ObservedExchange, shell: Shell, options: CurlExportOptions = {}): CurlScript {
  const includeSecrets = options.includeSecrets === true;
  const firefox = options.browser === 'firefox';
  // Under Firefox's rules as `explain --browser firefox` judges: a Chromium capture's net::ERR_FAILED read as Firefox's sign of a CORS failure.
  const diagnosis = firefox ? diagnoseInFirefox(exchange) : diagnose(exchange);
  const explanation = explain(diagnosis, exchange);
  const pair = curlPair(exchange, diagnosis, explanation, { includeSecrets, ...(options.browser ? { browser: options.browser } : {}), ...(options.names ? { names: options.names } : {}) });
  const page = exchange.request.initiatorOrigin;
  // A hand-made HAR's `Origin` (the page's origin read from it) can hold a password: as the commands write it.
  const origin = page == null ? 'an unknown origin' : includeSecrets ? page : redactEngineValue('origin', page, []);
  // Firefox's reason is the code its console logs (`CORSMissingAllowOrigin`); Chromium's the CorsError.
  const code = firefox ? (explanation.firefox?.reason ?? diagnosis.corsError) : diagnosis.corsError;
  const why = code === null ? diagnosis.verdict : `${diagnosis.verdict}: ${code}`;
  // The request the command sends: the method the browser sent at that hop (a 303 made a POST a GET).
  return renderCurlScript(shell, pair, { title: `${pair.request.method} ${pair.request.url} from ${origin} (${why})` });
}

export function curlScriptFor(exchange: ObservedExchange, shell: Shell, options: CurlExportOptions = {}): string {
  return curlExport(exchange, shell, options).script;
}
