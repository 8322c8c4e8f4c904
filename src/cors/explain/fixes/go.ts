// Go: rs/cors (https://github.com/rs/cors) and jub0bs/cors (https://github.com/jub0bs/cors).

import { goString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { joinTraps } from './js-list.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';
import { isCorsSafelistedMethod } from '../../methods.ts';

const unsafelisted = (p: FixContext['policy']): string[] => fixMethods(p).filter((m) => !isCorsSafelistedMethod(m));

const goList = (xs: readonly string[]): string => `[]string{${xs.map(goString).join(', ')}}`;

const GO_REPLACES = [
  "This replaces the handler's existing CORS middleware (its answers already carry CORS headers from it):",
  'wrap the mux in this one only, so one configuration decides.',
];

const ORDER_TRAP = 'Wrap the whole mux (handler := c.Handler(mux)), not single routes: a route registered for GET or POST only answers the OPTIONS preflight 405.';

export function goRsCorsFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'go-rs-cors', '//', GO_REPLACES),
    '// go get github.com/rs/cors',
    'c := cors.New(cors.Options{',
    `\tAllowedOrigins: ${goList(allowedOrigins(p))},`,
    `\tAllowedMethods: ${goList(fixMethods(p))},`,
    ...(p.headers.length > 0 ? [`\tAllowedHeaders: ${goList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`\tExposedHeaders: ${goList(p.expose)},`] : []),
    ...(p.credentials ? ['\tAllowCredentials: true,'] : []),
    `\tMaxAge: ${p.maxAge ?? 600},`,
    '})',
    'handler := c.Handler(mux)',
    'log.Fatal(http.ListenAndServe(":8080", handler))',
  ];
  return { target: 'go-rs-cors', title: 'Go: rs/cors around the mux', language: 'go', snippet: lines.join('\n'), trap: joinTraps(ORDER_TRAP, privateNetworkWords(ctx, 'This snippet', false), errorTrap(ctx)) };
}

export function goJub0bsCorsFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'go-jub0bs-cors', '//', GO_REPLACES),
    '// go get github.com/jub0bs/cors',
    'corsMw, err := cors.NewMiddleware(cors.Config{',
    `\tOrigins: ${goList(allowedOrigins(p))},`,
    // jub0bs/cors always allows the safelisted methods and answers a preflight with the method asked
    // for alone: only the others are listed, the server's kept list too.
    ...(unsafelisted(p).length > 0 ? [`\tMethods: ${goList(unsafelisted(p))},`] : []),
    ...(p.headers.length > 0 ? [`\tRequestHeaders: ${goList(p.headers)},`] : []),
    ...(p.expose.length > 0 ? [`\tResponseHeaders: ${goList(p.expose)},`] : []),
    ...(p.credentials ? ['\tCredentialed: true,'] : []),
    `\tMaxAgeInSeconds: ${Math.min(p.maxAge ?? 600, 86400)},`,
    '})',
    'if err != nil {',
    '\tlog.Fatal(err) // it refuses a configuration that cannot work, and says why',
    '}',
    'handler := corsMw.Wrap(mux)',
    'log.Fatal(http.ListenAndServe(":8080", handler))',
  ];
  return { target: 'go-jub0bs-cors', title: 'Go: jub0bs/cors around the mux', language: 'go', snippet: lines.join('\n'), trap: joinTraps(ORDER_TRAP, privateNetworkWords(ctx, 'This snippet', false), errorTrap(ctx)) };
}
