import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Playwright, system binary) against real servers on 127.0.0.1.
// One file at a time: the machine has two cores and each file starts its own browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/fix-proof/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
