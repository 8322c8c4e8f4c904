// A preflight refused with an error status, with and without Access-Control-Allow-Origin: Chromium
// checks the header before the status (PreflightMissingAllowOriginHeader, then PreflightInvalidStatus;
// Firefox ESR 153 alike: CORSMissingAllowOrigin, then CORSPreflightDidNotSucceed, recorded for 401,
// 404, 405 and 500 on 127.0.0.1). The two read apart, and each printed fix, applied as printed, lets
// the request through: without the header a 2xx alone would be refused next, so the fix must bring
// both; an auth layer in front must let OPTIONS through (the preflight carries no Authorization).

import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeApp } from '../servers/app.ts';
import { expressApp, fastifyApp } from './apps.ts';
import { openPageSite, type PageSite } from './browser.ts';
import { type ProofCase, runBroken, runFixed } from './prove.ts';

let site: PageSite;
beforeAll(async () => {
  site = await openPageSite();
});
afterAll(async () => {
  await site?.close();
});

// An auth middleware the page's token passes; the preflight never carries it.
const AUTH = `app.use((req, res, next) => {
  if (req.get('Authorization') !== 'Bearer t') return res.status(401).json({ error: 'unauthorized' });
  next();
});`;
// A middleware that throws when the request lacks X-Tenant (Express answers 500).
const TENANT = `app.use((req, res, next) => {
  if (!req.get('X-Tenant')) throw new Error('no tenant');
  next();
});`;
const AUTHORIZED_PUT = { method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' }, body: '{}' };

/**
 * An Express app whose broken setup is `broken`, ending with `guard` (the auth or tenant check); the
 * printed fix goes in its place, with `guard` after it, where the fix's comment says cors() goes.
 */
function expressCase(config: string, init: ProofCase['init'], broken: string, guard: string): ProofCase {
  return {
    stack: 'express',
    config,
    software: ['express 5 + cors 2.8'],
    path: '/api/items/7',
    init,
    start: (setup) => startNodeApp('express', expressApp(setup === null ? broken : `${setup}\n${guard}`)),
  };
}

interface Case {
  c: ProofCase;
  corsError: string;
  headline: string;
  explanation: string[];
  /** In the fix's snippet and trap. */
  fix: string[];
}

const cases = (origin: string): Case[] => [
  {
    // Auth before cors(): the 401 carries no CORS header.
    c: expressCase('auth-before-cors', AUTHORIZED_PUT, `${AUTH}\nimport cors from 'cors';\napp.use(cors({ origin: '${origin}' }));`, AUTH),
    corsError: 'PreflightMissingAllowOriginHeader',
    headline: 'Preflight got 401 without Access-Control-Allow-Origin',
    explanation: ['Two things must change', 'let OPTIONS through without auth'],
    fix: ['needs both a 2xx', 'authentication must let OPTIONS through'],
  },
  {
    // Hand-set headers before auth: the 401 carries them, and fails on its status alone.
    c: expressCase(
      'headers-then-auth',
      AUTHORIZED_PUT,
      `app.use((req, res, next) => {\n  res.set('Access-Control-Allow-Origin', '${origin}');\n  res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');\n  res.set('Access-Control-Allow-Methods', 'GET, PUT');\n  next();\n});\n${AUTH}`,
      AUTH,
    ),
    corsError: 'PreflightInvalidStatus',
    headline: 'Preflight got 401 with Access-Control-Allow-Origin',
    explanation: ['Its Access-Control-Allow-Origin passed', 'let OPTIONS through without auth'],
    fix: ["This replaces the code that sets the app's CORS headers now", 'its Access-Control-Allow-Origin passed', 'authentication must let OPTIONS through'],
  },
  {
    // A tenant check before cors() throws on the preflight, which carries no X-Tenant: Express's
    // error handler answers 500 without CORS headers. (A bare 404 names no server: its fix is the
    // plain headers, checked in the unit tests.)
    c: expressCase(
      'throwing-middleware-before-cors',
      { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Tenant': 'a' }, body: '{}' },
      `${TENANT}\nimport cors from 'cors';\napp.use(cors({ origin: '${origin}' }));`,
      TENANT,
    ),
    corsError: 'PreflightMissingAllowOriginHeader',
    headline: 'Preflight got 500 without Access-Control-Allow-Origin',
    explanation: ['Two things must change', 'A 500 means the server failed while answering OPTIONS'],
    fix: ['needs both a 2xx'],
  },
  {
    // Allow-Origin set by a hook on every answer, the 404 to OPTIONS included; no Allow-Methods for DELETE.
    c: {
      stack: 'fastify',
      config: 'allow-origin-hook',
      software: ['fastify 5'],
      path: '/api/items/7',
      init: { method: 'DELETE' },
      start: (setup) => startNodeApp('fastify', fastifyApp(setup ?? `fastify.addHook('onRequest', async (request, reply) => {\n  reply.header('Access-Control-Allow-Origin', '${origin}');\n});`)),
    },
    corsError: 'PreflightInvalidStatus',
    headline: 'Preflight got 404 with Access-Control-Allow-Origin',
    explanation: ['Its Access-Control-Allow-Origin passed', "with every CORS header under 'The server must send'"],
    fix: ["This replaces the code that sets the app's CORS headers now", 'its Access-Control-Allow-Origin passed'],
  },
];

it.each([0, 1, 2, 3])('a preflight refused with an error status (case %i): read apart, and the printed fix passes in Chromium', async (i) => {
  const { c, corsError, headline, explanation, fix: words } = cases(site.origin)[i]!;
  const broken = await runBroken(site, c);
  expect(broken.replayed.run).toMatchObject({ outcome: 'blocked', corsError });
  expect(broken.explained).toMatchObject({ corsError, headline });
  for (const w of explanation) expect(broken.explained.explanation).toContain(w);
  const fix = broken.explained.fix;
  expect(fix?.target).toBe(c.stack);
  for (const w of words) expect(`${fix?.snippet}\n${fix?.trap}`).toContain(w);

  const fixed = await runFixed(site, c, fix!.snippet);
  expect(fixed.run).toMatchObject({ outcome: 'allowed', corsError: null, status: 200 });
});
