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
