// IIS's fix by what IIS runs: its CORS module for .NET Framework or PHP (IIS answers), and in front
// of a Node app (iisnode, or ARR: Express or Next.js names itself behind IIS) the words that put
// CORS in the app and keep IIS out of it (no second copy, no OPTIONS answered by IIS itself).

import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../exchange.ts';
import { explain } from '../explain.ts';
import { diagnosed, PAGE, preflighted } from '../test-diagnosis.ts';

const IIS: HeaderList = [['Server', 'Microsoft-IIS/10.0']];

const CASES: { name: string; headers: HeaderList; title: string; says: string[]; snippet: string[]; not: string[] }[] = [
  {
    name: 'iisnode in front of Express (its X-Powered-By beside IIS\'s ASP.NET)',
    headers: [...IIS, ['X-Powered-By', 'Express'], ['X-Powered-By', 'ASP.NET']],
    title: 'IIS in front of Express: let the app answer CORS, keep IIS out',
    says: ['passes the requests on to the Express app (iisnode, or ARR as a reverse proxy)', 'fix CORS in the app (the Express fix)', 'a second copy', 'remove the WebDAV module', 'remove the app\'s CORS setup so only IIS sends the lines'],
    snippet: ['<remove name="WebDAVModule" />', 'No <cors> element here'],
    not: ['.NET Framework or PHP', '<cors enabled'],
  },
  {
    name: 'iisnode in front of Next.js',
    headers: [...IIS, ['X-Powered-By', 'Next.js']],
    title: 'IIS in front of Next.js: let the app answer CORS, keep IIS out',
    says: ['passes the requests on to the Next.js app', 'the Next.js fix'],
    snippet: ['<remove name="WebDAVModule" />'],
    not: ['.NET Framework or PHP', '<cors enabled'],
  },
  {
    name: '.NET Framework on IIS',
    headers: [...IIS, ['X-AspNet-Version', '4.0.30319'], ['X-Powered-By', 'ASP.NET']],
    title: 'IIS: the CORS module in web.config',
    says: ['This is IIS running .NET Framework or PHP'],
    snippet: ['<cors enabled="true" failUnlistedOrigins="true">'],
    not: ['iisnode'],
  },
  {
    name: 'PHP on IIS',
    headers: [...IIS, ['X-Powered-By', 'PHP/8.2.1'], ['X-Powered-By', 'ASP.NET']],
    title: 'IIS: the CORS module in web.config',
    says: ['This is IIS running .NET Framework or PHP'],
    snippet: ['<cors enabled="true" failUnlistedOrigins="true">'],
    not: ['iisnode'],
  },
];

describe('iisFix: worded for what IIS runs', () => {
  it.each(CASES)('$name', ({ headers, title, says, snippet, not }) => {
    const d = diagnosed(preflighted({ status: 204, headers: [['Access-Control-Allow-Origin', PAGE], ...headers] }, { method: 'PUT', headers: [['x-trace', '1']] }));
    const fix = explain(d.diagnosis, d.exchange).fixes.find((f) => f.target === 'iis');
    expect(fix?.title).toBe(title);
    for (const words of says) expect(fix!.trap).toContain(words);
    for (const line of snippet) expect(fix!.snippet).toContain(line);
    for (const words of not) expect(`${fix!.trap}\n${fix!.snippet}`).not.toContain(words);
  });
});
