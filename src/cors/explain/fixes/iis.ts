// IIS's own CORS module (web.config `<cors>`), for an app IIS runs that ASP.NET Core's middleware
// cannot configure: .NET Framework (System.Web, which names its version in X-AspNet-Version) or
// PHP. The module answers the preflight before any other module, authentication included.
// https://learn.microsoft.com/iis/extensions/cors-module/cors-module-configuration-reference

import { xmlAttribute } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, replacedNote } from './context.ts';
import { joinTraps } from './js-list.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

export function iisFix(ctx: FixContext): Fix {
  const p = ctx.policy;
  const note = replacedNote(p);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    ...(note ? [`<!-- ${note.replace(/--/g, '- -')} -->`] : []),
    '<!-- web.config of the site or application (needs the IIS CORS Module installed) -->',
    '<configuration>',
    '  <system.webServer>',
    '    <cors enabled="true" failUnlistedOrigins="true">',
    // One <add> per page origin, each with the same rules: the module answers an allowed Origin with
    // itself, and with failUnlistedOrigins any other gets no CORS headers.
    ...allowedOrigins(p).flatMap((origin) => [
      `      <add origin=${xmlAttribute(origin)}${p.credentials ? ' allowCredentials="true"' : ''} maxAge="${p.maxAge ?? 600}">`,
      '        <allowMethods>',
      ...fixMethods(p).map((m) => `          <add method=${xmlAttribute(m)} />`),
      '        </allowMethods>',
      ...(p.headers.length > 0 ? ['        <allowHeaders allowAllRequestedHeaders="false">', ...p.headers.map((h) => `          <add header=${xmlAttribute(h)} />`), '        </allowHeaders>'] : []),
      ...(p.expose.length > 0 ? ['        <exposeHeaders>', ...p.expose.map((h) => `          <add header=${xmlAttribute(h)} />`), '        </exposeHeaders>'] : []),
      '      </add>',
    ]),
    '    </cors>',
    '  </system.webServer>',
    '</configuration>',
  ];
  const trap =
    "This is IIS running .NET Framework or PHP, not ASP.NET Core: AddCors/UseCors does not apply. The IIS CORS Module is a separate install; once it is on, remove every other source of Access-Control-* lines (web.config <httpProtocol><customHeaders>, Web API's EnableCors or Microsoft.Owin.Cors, PHP header() calls), or the browser sees two values. Without the module, set the headers in the app (PHP: header('Access-Control-Allow-Origin: ...') and answer OPTIONS with 204 before any auth).";
  return { target: 'iis', title: 'IIS: the CORS module in web.config', language: 'xml', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
