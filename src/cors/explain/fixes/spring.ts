// Spring MVC CorsRegistry, and Spring Security's cors(). https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html

import { javaString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, PRIVATE_NETWORK_COMMENT, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

const javaArgs = (xs: string[]): string => xs.map(javaString).join(', ');

export function springFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const springPrivateNetwork = privateNetworkHeaders(ctx).some(([h]) => h === 'Access-Control-Allow-Private-Network');
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'spring', '//', [
      "This replaces the app's existing CORS configuration (its answers already carry CORS headers from it):",
      'remove its other addCorsMappings, @CrossOrigin or CorsConfigurationSource, so one configuration decides.',
    ]),
    '@Configuration',
    'public class CorsConfig implements WebMvcConfigurer {',
    '    @Override',
    '    public void addCorsMappings(CorsRegistry registry) {',
    '        registry.addMapping("/**")',
    `            .allowedOrigins(${javaArgs(allowedOrigins(p))})`,
    // Spring allows GET, HEAD and POST when allowedMethods is not set.
    `            .allowedMethods(${javaArgs(fixMethods(p))})`,
    ...(p.headers.length > 0 ? [`            .allowedHeaders(${javaArgs(p.headers)})`] : []),
    ...(p.expose.length > 0 ? [`            .exposedHeaders(${javaArgs(p.expose)})`] : []),
    ...(p.credentials ? ['            .allowCredentials(true)'] : []),
    ...(springPrivateNetwork ? [`            // ${PRIVATE_NETWORK_COMMENT} Spring 6.1.3+`, '            .allowPrivateNetwork(true)'] : []),
    `            .maxAge(${p.maxAge ?? 600});`,
    '    }',
    '}',
    '',
    '// With Spring Security, also let it apply that configuration before authentication:',
    '// http.cors(Customizer.withDefaults());',
  ];
  const traps = [
    'allowCredentials(true) with allowedOrigins("*") is rejected at startup: name the origin(s) in allowedOrigins. Never allowedOriginPatterns("*") with credentials: it answers each site with its own origin, so any page can read your users\' data. With Spring Security, without http.cors() the preflight is rejected (401/403) before it reaches this configuration.',
    privateNetworkWords(ctx, 'Spring', springPrivateNetwork),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'spring', title: 'Spring: CorsRegistry (and http.cors() with Spring Security)', language: 'java', snippet: lines.join('\n'), trap: traps.join(' ') };
}
