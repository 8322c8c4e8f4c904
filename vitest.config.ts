import { defineConfig } from 'vitest/config';

// Unit tests: pure code, beside the code (`src/**/*.test.ts`), plus the tests of the CLI and of the
// recorded HAR that need no browser.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
