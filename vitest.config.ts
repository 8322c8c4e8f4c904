import { defineConfig } from 'vitest/config';

// Unit tests: pure code, beside the code (`src/**/*.test.ts`, and the service worker's logic in
// `extension/**/*.test.ts`, run with its browser APIs replaced), plus the tests of the CLI and of the
// recorded HAR that need no browser, and the probe's tests against real servers (test/probe/). The CLI is built first (test/unit/cli.test.ts runs the bin,
// which runs the build): never a stale one.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'extension/**/*.test.ts', 'scripts/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/probe/**/*.test.ts'],
    globalSetup: ['scripts/build-cli.mjs'],
    environment: 'node',
    // Vitest's default 5 s is for one test alone; the property tests (hundreds of runs each) have
    // gone over it on a 2-core machine busy with the browser suite. Not a speed goal: speed lives in
    // `npm run bench`.
    testTimeout: 30_000,
  },
});
