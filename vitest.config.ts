import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // A browser journey of many pages took 35–57 s with the machine busy: a hung test still fails, after two minutes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A browser journey polls what the page shows; one second ran out whenever the machine was busy
    // (the console's pages make more requests now). A poll still fails when the page never shows it.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    // Vitest runs one file at a time on a two-core machine (cores − 1), yet a file spends much of
    // its time waiting on chromium or PostgreSQL: two at once keep both cores busy.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
