// A JavaScript array literal of strings, for the JS snippets.

import { jsString } from '../escape.ts';

export const jsList = (xs: readonly string[]): string => `[${xs.map(jsString).join(', ')}]`;

/** The methods to list: the safelisted three, then those the request needs. */
export const withSafelisted = (methods: readonly string[]): string[] => ['GET', 'HEAD', 'POST', ...methods];

/** The traps of a fix as one text: the stack's own, then the error's. */
export const joinTraps = (...traps: (string | null)[]): string => traps.filter((t): t is string => t !== null).join(' ');
