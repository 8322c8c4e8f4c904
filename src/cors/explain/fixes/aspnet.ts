// ASP.NET Core CORS middleware. https://learn.microsoft.com/aspnet/core/security/cors

import { csharpString } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, privateNetworkWords, replacedNote, replacesSetupLines } from './context.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

const csArgs = (xs: string[]): string => xs.map(csharpString).join(', ');

export function aspnetFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    ...(note ? [`// ${note}`] : []),
    ...replacesSetupLines(ctx, 'aspnet', '//', [
      "This replaces the app's existing CORS policy (its answers already carry CORS headers from it): remove",
      'its other AddCors policy, UseCors call and [EnableCors] attributes, so one policy decides.',
    ]),
    'builder.Services.AddCors(options =>',
    '{',
    '    options.AddPolicy("Frontend", policy => policy',
    // Any origin is AllowAnyOrigin() in ASP.NET Core (WithOrigins("*") reads as a list of origins,
    // though the policy treats a lone "*" alike). It is refused with AllowCredentials(), as the
    // browser refuses `*` with credentials; the policy never asks for both.
    // https://learn.microsoft.com/aspnet/core/security/cors#set-the-allowed-origins
    p.origin === '*' ? '        .AllowAnyOrigin()' : `        .WithOrigins(${csArgs(allowedOrigins(p))})`,
    `        ${`.WithMethods(${csArgs(fixMethods(p))})`}`,
    ...(p.headers.length > 0 ? [`        .WithHeaders(${csArgs(p.headers)})`] : []),
    ...(p.expose.length > 0 ? [`        .WithExposedHeaders(${csArgs(p.expose)})`] : []),
    ...(p.credentials ? ['        .AllowCredentials()'] : []),
    // The server's own preflight max-age (the policy sends none unless told).
    ...(p.maxAge !== undefined ? [`        .SetPreflightMaxAge(TimeSpan.FromSeconds(${p.maxAge}))`] : []),
    '    );',
    '});',
    '',
    'var app = builder.Build();',
    'app.UseRouting();',
    'app.UseCors("Frontend"); // after UseRouting, before UseAuthentication/UseAuthorization',
    'app.UseAuthentication();',
    'app.UseAuthorization();',
  ];
  const traps = [
    'AllowAnyOrigin() together with AllowCredentials() is invalid: name the origin(s) in WithOrigins, never SetIsOriginAllowed(_ => true). UseCors after UseAuthorization lets auth reject the preflight. Origins in WithOrigins take no trailing slash. On IIS, remove the WebDAV module/OPTIONSVerbHandler if IIS answers OPTIONS itself.',
    privateNetworkWords(ctx, "ASP.NET Core's CORS policy", false),
    errorTrap(ctx),
  ].filter((t): t is string => t !== null);
  return { target: 'aspnet', title: 'ASP.NET Core: AddCors + UseCors', language: 'csharp', snippet: lines.join('\n'), trap: traps.join(' ') };
}
