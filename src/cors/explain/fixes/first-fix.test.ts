// firstFix keeps the first fix per (stacks, error, status, policy less its target URL, headers the
// server must send): a policy differing in any other member must get its own fix, never one kept
// for another policy. Each member below but `preflight` changes some stack's fix, so a key that
// left it out fails.

import { describe, expect, it } from 'vitest';
import { withoutMemo } from '../memo.ts';
import type { NeededPolicy } from '../policy.ts';
import type { ServerStack } from '../explanation.ts';
import type { FixContext } from './context.ts';
import { firstFix } from './index.ts';
import { contextFor } from './test-context.ts';

const URL = 'https://api.example.com/items/1';

function withPolicy(ctx: FixContext, change: Partial<NeededPolicy>): FixContext {
  return { ...ctx, policy: { ...ctx.policy, ...change } };
}

describe('firstFix, remembered', () => {
  const base = contextFor({ error: 'HeaderDisallowedByPreflightResponse' });
  const variants: [string, Partial<NeededPolicy>][] = [
    ['origin', { origin: 'https://other.example' }],
    ['originReplaced', { originReplaced: !base.policy.originReplaced }],
    ['credentials', { credentials: !base.policy.credentials }],
    ['methods', { methods: [...base.policy.methods, 'PATCH'] }],
    ['headers', { headers: [...base.policy.headers, 'x-other'] }],
    ['dropped', { dropped: [...base.policy.dropped, 'bad header'] }],
    ['preflight', { preflight: !base.policy.preflight }],
    ['expose', { expose: [...base.policy.expose, 'x-total'] }],
  ];

  const STACKS: ServerStack[][] = [[], ['express'], ['nginx'], ['apache'], ['spring'], ['django'], ['aws-s3']];

  it.each(variants)('a policy with another %s gets its own fix', (member, change) => {
    const ctx = withPolicy(base, change);
    let differs = 0;
    for (const stacks of STACKS) {
      const first = firstFix(stacks, base, URL);
      const fresh = withoutMemo(() => firstFix(stacks, ctx, URL));
      expect(firstFix(stacks, ctx, URL)).toEqual(fresh);
      if (JSON.stringify(fresh) !== JSON.stringify(first)) differs++;
    }
    // The member changes some fix: a key without it would have answered with the base's. No first
    // fix reads `preflight` (only the merged configuration does): kept in the key all the same.
    if (member !== 'preflight') expect(differs).toBeGreaterThan(0);
  });

  // Session 38's second read: the key left out `awsEntry`, so a REST API's exchange got the HTTP
  // API's tab first when another exchange had built it. Each optional member of the context below
  // changes some stack's first fix.
  const contextVariants: [string, Partial<FixContext>, ServerStack[]][] = [
    ['awsEntry', { awsEntry: 'rest-api' }, ['aws-api-gateway']],
    ['notModified', { notModified: true }, ['django']],
    ['iisInFrontOf', { iisInFrontOf: 'express' }, ['iis']],
    ['originVaries', { originVaries: true }, ['cloudfront']],
    ['preflightRedirected', { preflightRedirected: true }, ['nginx']],
    ['corsSentBy', { corsSentBy: ['express'] }, ['express']],
    ['corsMaybeSentBy', { corsMaybeSentBy: ['express'] }, ['express']],
  ];

  it.each(contextVariants)('a context with another %s gets its own fix', (_member, change, stacks) => {
    const ctx: FixContext = { ...base, ...change };
    const first = firstFix(stacks, base, URL);
    const fresh = withoutMemo(() => firstFix(stacks, ctx, URL));
    expect(JSON.stringify(fresh)).not.toBe(JSON.stringify(first));
    expect(firstFix(stacks, ctx, URL)).toEqual(fresh);
  });

  it('shares the fix between policies differing in their target URL only', () => {
    const first = firstFix(['express'], base, URL);
    expect(firstFix(['express'], withPolicy(base, { targetOrigin: 'https://b.example', targetPath: '/x' }), URL)).toBe(first);
  });
});
