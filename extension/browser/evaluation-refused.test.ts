import { describe, expect, it } from 'vitest';
import { evaluationRefused } from './evaluation-refused.ts';

describe('evaluationRefused: DevTools will not evaluate in the page (no use asking again)', () => {
  it.each([
    ['Chromium, a page extensions may not run on', { code: 'E_FAILED', description: 'Operation failed: %s', details: ['Permission denied'], isError: true }, true],
    ['Firefox, a page with the system principal', { code: 'E_PROTOCOLERROR', description: 'Inspector protocol error: %s', details: ['This target has a system principal. inspectedWindow.eval denied.'], isError: true }, true],
    ['Chromium, no frame yet while a page replaces another', { code: 'E_NOTFOUND', description: 'Object not found: %s', details: ['<top>'], isError: true }, false],
    ['Chromium, the context went away while evaluating', { code: 'E_PROTOCOLERROR', description: 'Inspector protocol error: %s', details: ['Cannot find context with specified id'], isError: true }, false],
    ['an exception the expression threw', { isException: true, value: 'ReferenceError: performance is not defined' }, false],
    ['no exception', undefined, false],
    ['something else', 'Permission denied', false],
  ])('%s', (_about, exceptionInfo, refused) => expect(evaluationRefused(exceptionInfo)).toBe(refused));
});
