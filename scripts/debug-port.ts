// REMOTE_DEBUGGING_PORT, read for `npm start` (scripts/start.mjs). Number() of a typo is NaN, and
// Chromium given `--remote-debugging-port=NaN` listens nowhere the user can name: a bad value stops
// start with one line that says what is wrong, before anything is built or launched.

/** What start exits with when REMOTE_DEBUGGING_PORT is no port: a usage error, not a failed build (1). */
export const BAD_PORT_EXIT = 2;

/**
 * The port REMOTE_DEBUGGING_PORT names: 0 (Chromium picks one) when unset or empty, a whole number
 * 0-65535 written in decimal digits; otherwise the one-line error to print.
 */
export function parseDebugPort(value: string | undefined): { port: number } | { error: string } {
  const text = (value ?? '').trim();
  if (text === '') return { port: 0 };
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) return { error: `REMOTE_DEBUGGING_PORT must be a port number from 0 to 65535 (0: Chromium picks one); got ${JSON.stringify(value)}.` };
  return { port };
}
