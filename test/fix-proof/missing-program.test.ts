// A stack whose server software is missing fails the suite with the Debian package to install; it
// is never skipped.

import { expect, it } from 'vitest';
import { requireProgram } from '../servers/process.ts';

it('a missing program is a failure naming its Debian package', () => {
  expect(() => requireProgram('/nonexistent/sbin/nginx', 'nginx')).toThrow('install the Debian package "nginx"');
});

it('a present program is returned as it is', () => {
  expect(requireProgram(process.execPath, 'nodejs')).toBe(process.execPath);
});
