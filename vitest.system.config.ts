import { defineConfig } from 'vitest/config';

/** `npm run test:system`: the tests that need system packages (Chromium, redis-server); each skips, saying so, without its package. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/queue/**/*.test.ts'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
