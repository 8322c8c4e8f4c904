// A cause in plain words, for a group's line: the failing value first where it names the problem
// (`x-trace not in Access-Control-Allow-Headers`), else the engine's headline for the first request.
// A value from the capture is cut to a readable length: the group's key keeps it whole.

/** Longest failing value a title quotes. */
const TITLE_VALUE_LIMIT = 80;

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** `corsError` is Chromium's name for the error (a bundle's, unchecked, may name one this engine does not know). */
export function causeTitle(corsError: string | null, parameter: string | null, headline: () => string): string {
  const value = shorten(parameter ?? '', TITLE_VALUE_LIMIT);
  switch (corsError) {
    case 'HeaderDisallowedByPreflightResponse':
      if (value !== '') return `${value} not in Access-Control-Allow-Headers`;
      break;
    case 'MethodDisallowedByPreflightResponse':
      if (value !== '') return `${value} not in Access-Control-Allow-Methods`;
      break;
    case 'AllowOriginMismatch':
      if (value !== '') return `Access-Control-Allow-Origin is ${value}, not the page's origin`;
      break;
    case 'PreflightAllowOriginMismatch':
      if (value !== '') return `Access-Control-Allow-Origin on the preflight is ${value}, not the page's origin`;
      break;
    case null:
      if (value !== '') return `${shorten(headline(), TITLE_VALUE_LIMIT)} (${value})`;
      break;
    default:
      break;
  }
  return shorten(headline(), 2 * TITLE_VALUE_LIMIT);
}
