import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three tiers (as Immich): pure unit tests; database tests (`*.db.test.ts`) on the embedded
// PGlite and, when STOREOPS_TEST_PG_URL is set, again on a real PostgreSQL; browser tests
// live in e2e/ with their own config.
const pgUrl = process.env.STOREOPS_TEST_PG_URL;
const common = {
  pool: 'forks' as const,
  testTimeout: 60_000,
  hookTimeout: 120_000,
  globalSetup: ['src/db/test-global-setup.ts'],
};

export default defineConfig({
  test: {
    // Vitest's default on N cores is N − 1 workers: on the 2-core CI machine one, so every test
    // file of the three projects ran one after another while the second core idled (the main
    // process only serves the transformed modules; PGlite and the simulator are single-threaded,
    // PostgreSQL answers in its own processes). At least two workers: files of all projects run
    // two at a time. Every file has its own database (test-helpers.ts) and temp dirs, so files
    // never share state. `VITEST_MAX_WORKERS=1` (or `--maxWorkers=1`) runs one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...common,
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'node_modules', 'dist', 'e2e'],
        },
      },
      {
        test: {
          ...common,
          name: 'db-pglite',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          env: { STOREOPS_TEST_ENGINE: 'pglite' },
        },
      },
      ...(pgUrl
        ? [
            {
              test: {
                ...common,
                name: 'db-postgres',
                include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
                env: { STOREOPS_TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
