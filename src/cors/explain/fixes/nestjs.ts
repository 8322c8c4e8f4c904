// NestJS: app.enableCors() takes the cors package's options (on Express; @fastify/cors's on
// Fastify). https://docs.nestjs.com/security/cors

import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkHeaders, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { expressPrivateNetworkLines, joinTraps, jsCorsOptions } from './js-list.ts';

export function nestjsFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'nestjs', '//', [
      "This replaces the app's existing CORS setup (its answers already carry CORS headers from it): remove",
      'its other enableCors(...) call or the cors option of NestFactory.create, so one configuration decides.',
    ]),
    '// main.ts',
    "const app = await NestFactory.create(AppModule);",
    ...expressPrivateNetworkLines(privateNetworkHeaders(ctx), 'enableCors()'),
    '// Before app.listen(): Nest registers it ahead of guards, pipes and controllers.',
    'app.enableCors({',
    ...jsCorsOptions(p, { methods: 'methods', headers: 'allowedHeaders', expose: 'exposedHeaders' }),
    '});',
    // The app's own listen line, port and host as they are: a port written here would be copied.
    '// Then app.listen(...), as before.',
  ];
  const trap = 'Headers set with @Header() or in a controller never reach the OPTIONS preflight: Nest answers it 404 unless enableCors() is on. A global app.use() auth middleware registered before enableCors() answers the preflight 401.';
  return { target: 'nestjs', title: 'NestJS: app.enableCors()', language: 'js', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'enableCors()', true), errorTrap(ctx)) };
}
