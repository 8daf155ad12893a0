import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest runs one file at a time on a two-core machine (cores − 1), yet a file spends much of
    // its time waiting on chromium or PostgreSQL: two at once keep both cores busy.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
