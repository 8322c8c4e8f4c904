import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../exchange.ts';
import { detectStack, detectStacks } from './detect-stack.ts';

const cases: [string, HeaderList, string | null][] = [
  ['express', [['X-Powered-By', 'Express']], 'express'],
  ['fastify (explicit)', [['x-powered-by', 'Fastify']], 'fastify'],
  ['django runserver', [['Server', 'WSGIServer/0.2 CPython/3.12.1']], 'django'],
  ['django security defaults', [['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'same-origin'], ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff']], 'django'],
  ['helmet is not django', [['X-Frame-Options', 'SAMEORIGIN'], ['Referrer-Policy', 'no-referrer'], ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff']], null],
  ['X-Frame-Options DENY alone', [['X-Frame-Options', 'DENY']], null],
  ['flask', [['Server', 'Werkzeug/3.0.1 Python/3.12.1']], 'flask'],
  ['spring boot 1', [['X-Application-Context', 'application:8080']], 'spring'],
  ['spring vary', [['Vary', 'Origin'], ['Vary', 'Access-Control-Request-Method'], ['Vary', 'Access-Control-Request-Headers']], 'spring'],
  ['spring vary folded', [['Vary', 'Origin,Access-Control-Request-Method,Access-Control-Request-Headers']], 'spring'],
  ['vary origin alone', [['Vary', 'Origin']], null],
  ['asp.net', [['X-Powered-By', 'ASP.NET']], 'aspnet'],
  ['kestrel', [['Server', 'Kestrel']], 'aspnet'],
  ['iis', [['Server', 'Microsoft-IIS/10.0']], 'aspnet'],
  ['nginx', [['Server', 'nginx/1.25.3']], 'nginx'],
  ['openresty', [['server', 'openresty']], 'nginx'],
  ['apache', [['Server', 'Apache/2.4.58 (Debian)']], 'apache'],
  ['caddy', [['Server', 'Caddy']], 'caddy'],
  ['s3', [['Server', 'AmazonS3'], ['x-amz-request-id', 'X']], 'aws-s3'],
  ['s3 by ids', [['x-amz-request-id', 'X'], ['x-amz-id-2', 'Y']], 'aws-s3'],
  ['api gateway rest', [['x-amzn-RequestId', 'a'], ['x-amz-apigw-id', 'b']], 'aws-api-gateway'],
  ['api gateway http', [['apigw-requestid', 'a']], 'aws-api-gateway'],
  ['express behind nginx: the app first', [['Server', 'nginx'], ['X-Powered-By', 'Express']], 'express'],
  ['nothing', [['Content-Type', 'text/plain']], null],
  ['lookalike', [['Server', 'not-nginx']], null],
];

describe('detectStack', () => {
  it.each(cases)('%s', (_name, headers, stack) => expect(detectStack(headers)).toBe(stack));
  it('lists every stack it sees, the app before the front server', () => {
    expect(detectStacks([['Server', 'nginx'], ['X-Powered-By', 'Express']])).toEqual(['express', 'nginx']);
  });
});

describe('detectStacks reads only the names it keeps', () => {
  it('every rule runs on a response carrying each name the rules read (a rule reading another name throws)', () => {
    const all: [string, string][] = [
      ['Server', 'nginx'], ['X-Powered-By', 'Express'], ['Vary', 'Origin'], ['X-Frame-Options', 'DENY'], ['Referrer-Policy', 'same-origin'],
      ['Cross-Origin-Opener-Policy', 'same-origin'], ['X-Content-Type-Options', 'nosniff'],
    ];
    // No rule matches early on these, so every rule's test runs.
    expect(() => detectStacks([['Server', 'Unknown/1'], ...all.slice(2)])).not.toThrow();
    expect(detectStacks(all)).toContain('nginx');
  });
});
