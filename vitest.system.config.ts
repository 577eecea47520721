import { defineConfig } from 'vitest/config';

/** `npm run test:system`: the tests that need system packages (a Chromium browser). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
