// DevTools answers `inspectedWindow.eval` with an error of its own (not the page's exception) when
// it will not evaluate in the page at all: asking again there is of no use, unlike a page that
// gave no answer while it was being replaced.

/** `inspectedWindow.eval` refused to evaluate in the inspected page (see `evaluationRefused`). */
export class EvaluationRefused extends Error {
  constructor(details: string) {
    super(`DevTools will not evaluate in the inspected page: ${details}`);
    this.name = 'EvaluationRefused';
  }
}

/**
 * Whether `inspectedWindow.eval`'s exception info says DevTools refuses to evaluate in the page:
 * Chromium's extension server answers `{ isError, code: 'E_FAILED', details: ['Permission denied'] }`
 * where extensions may not run (a page of the browser's own, a host its policy blocks); Firefox
 * answers `E_PROTOCOLERROR` with "... inspectedWindow.eval denied." on a page with the system
 * principal (about: pages). Not refusals: an exception the expression threw (`isException`), and
 * Chromium's `E_NOTFOUND` (no frame or context yet) or `E_PROTOCOLERROR` (the context went away),
 * both seen while a page replaces another.
 */
export function evaluationRefused(exceptionInfo: unknown): boolean {
  if (typeof exceptionInfo !== 'object' || exceptionInfo === null) return false;
  const { isError, code, details } = exceptionInfo as { isError?: unknown; code?: unknown; details?: unknown };
  if (isError !== true) return false;
  if (code === 'E_FAILED') return true;
  return Array.isArray(details) && details.some((detail) => typeof detail === 'string' && /\bdenied\b/i.test(detail));
}
