import { defineConfig } from 'vitest/config';

// Browser tests: each file boots a real server (embedded database in a temp dir) and drives
// Debian's Chromium with playwright-core. One file at a time, in one fork. The global setup
// prepares one migrated data dir that each server starts from.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // expect.poll waits for the page to catch up with a click (a mutation, then a refetch). Its
    // default of 1 s failed once under CI load (the campaign checklist's override, 2026-11-26: the
    // item was done 3 s later); a poll ends as soon as its condition holds, so a longer bound
    // costs nothing when the page is quick.
    expect: { poll: { timeout: 10_000 } },
  },
});
