// A JavaScript array literal of strings, for the JS snippets.

import { jsString } from '../escape.ts';
import type { NeededPolicy } from '../policy.ts';

const jsList = (xs: readonly string[]): string => `[${xs.map(jsString).join(', ')}]`;

/** The methods to list: the safelisted three, then those the request needs. */
export const withSafelisted = (methods: readonly string[]): string[] => ['GET', 'HEAD', 'POST', ...methods];

/** The traps of a fix as one text: the stack's own, then the error's. */
export const joinTraps = (...traps: (string | null)[]): string => traps.filter((t): t is string => t !== null).join(' ');

/**
 * The option lines every JS CORS middleware takes (origin, credentials, methods, request and
 * exposed headers), under each library's own names for the last three.
 */
export function jsCorsOptions(p: NeededPolicy, names: { methods: string; headers: string; expose: string }): string[] {
  return [
    `  origin: ${jsString(p.origin)},`,
    ...(p.credentials ? ['  credentials: true,'] : []),
    ...(p.methods.length > 0 ? [`  ${names.methods}: ${jsList(withSafelisted(p.methods))},`] : []),
    ...(p.headers.length > 0 ? [`  ${names.headers}: ${jsList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`  ${names.expose}: ${jsList(p.expose)},`] : []),
  ];
}
