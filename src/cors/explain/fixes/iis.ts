// IIS. Its own CORS module (web.config `<cors>`), for an app IIS runs that ASP.NET Core's middleware
// cannot configure: .NET Framework (System.Web, which names its version in X-AspNet-Version) or
// PHP. The module answers the preflight before any other module, authentication included.
// https://learn.microsoft.com/iis/extensions/cors-module/cors-module-configuration-reference
// In front of a Node app (iisnode, or ARR as a reverse proxy: Express or Next.js names itself
// behind IIS), the app answers every request, the preflight included: its CORS setup is the one to
// fix, and IIS must stay out of it (no second copy of the lines, no answer to OPTIONS of its own).

import { xmlAttribute } from '../escape.ts';
import type { Fix } from '../explanation.ts';
import { type FixContext, errorTrap, type IisNodeApp, privateNetworkWords, replacedNote } from './context.ts';
import { joinTraps } from './js-list.ts';
import { allowedOrigins, fixMethods } from '../policy.ts';

/** The Node apps IIS is seen in front of, as their own fix names them. */
const NODE_APPS: Readonly<Record<IisNodeApp, string>> = { express: 'Express', nextjs: 'Next.js' };

/** In front of a Node app (`FixContext.iisInFrontOf`) IIS only passes the requests on; else its CORS module. */
export function iisFix(ctx: FixContext): Fix {
  return ctx.iisInFrontOf === undefined ? corsModuleFix(ctx) : inFrontOfNodeFix(ctx, NODE_APPS[ctx.iisInFrontOf]);
}

function corsModuleFix(ctx: FixContext): Fix {
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
  return { target: 'iis', title: 'IIS: the CORS module in web.config', language: 'xml', snippet: lines.join('\n'), trap: joinTraps(trap, privateNetworkWords(ctx, 'The IIS CORS Module', false), errorTrap(ctx)) };
}

/**
 * IIS in front of a Node app: the web.config that keeps IIS out of CORS. WebDAV answers OPTIONS,
 * PUT and DELETE itself where it is installed; `<remove>` of a name that is not there does nothing.
 */
function inFrontOfNodeFix(ctx: FixContext, app: string): Fix {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- web.config of the site: IIS passes every request, OPTIONS included, on to the ${app} app,`,
    '     whose CORS setup answers it; IIS adds no CORS line of its own. -->',
    '<configuration>',
    '  <system.webServer>',
    '    <!-- WebDAV answers OPTIONS, PUT and DELETE itself (405) before the app sees them. -->',
    '    <modules>',
    '      <remove name="WebDAVModule" />',
    '    </modules>',
    '    <handlers>',
    '      <remove name="WebDAV" />',
    '      <!-- your iisnode handler stays as it is -->',
    '    </handlers>',
    '    <!-- No <cors> element here, and no Access-Control-* line under <httpProtocol><customHeaders>:',
    `         the ${app} app's lines are the only copy. -->`,
    '  </system.webServer>',
    '</configuration>',
  ];
  const trap = `IIS here passes the requests on to the ${app} app (iisnode, or ARR as a reverse proxy), and the app answers them, the preflight included: fix CORS in the app (the ${app} fix) and keep IIS out of it. A <cors> element (the IIS CORS Module) or Access-Control-* lines under <httpProtocol><customHeaders> in web.config would add a second copy beside the app's, which the browser refuses. If the preflight gets 405, or 200 without CORS headers, IIS answered OPTIONS itself: remove the WebDAV module for the site (as above); a 200 without the headers is often IIS's own OPTIONSVerbHandler, which <remove name="OPTIONSVerbHandler" /> under <handlers> takes away; and with ARR check that the rewrite rule sends OPTIONS on too. To let IIS own CORS instead, install the IIS CORS Module and configure <cors> (it answers the preflight before the app runs), and remove the app's CORS setup so only IIS sends the lines.`;
  return { target: 'iis', title: `IIS in front of ${app}: let the app answer CORS, keep IIS out`, language: 'xml', snippet: lines.join('\n'), trap: joinTraps(trap, errorTrap(ctx)) };
}
