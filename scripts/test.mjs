#!/usr/bin/env node
// `npm test`: lint → typecheck → unit + database tests (PGlite, and PostgreSQL when
// STOREOPS_TEST_PG_URL is set) → production build → browser tests in Chromium.
// Prints one closing line "N passed, N failed" over all Vitest runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('.tmp', { recursive: true });

function run(name, cmd, args, { jsonReport } = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n── ${name} ──\n`);
  if (jsonReport) rmSync(jsonReport, { force: true });
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  steps.push(`${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds}s)`);
  if (jsonReport && existsSync(jsonReport)) {
    const j = JSON.parse(readFileSync(jsonReport, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  }
  if (r.status !== 0) finish(1);
}

function finish(code) {
  process.stdout.write(`\n── summary ──\n${steps.join('\n')}\n`);
  if (!process.env.STOREOPS_TEST_PG_URL)
    process.stdout.write('(PostgreSQL tests skipped: STOREOPS_TEST_PG_URL is not set)\n');
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // a failed lint/build counts as a failure
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(code);
}

const bin = (name) => `node_modules/.bin/${name}`;
run('lint (biome)', bin('biome'), ['check', '.']);
run('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
if (existsSync('web/tsconfig.json'))
  run('typecheck web (tsc)', bin('tsc'), ['-p', 'web/tsconfig.json', '--noEmit']);
run(
  'unit + database tests (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest-main.json'],
  {
    jsonReport: '.tmp/vitest-main.json',
  },
);
if (existsSync('web/vite.config.ts'))
  run('build (vite)', bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
if (existsSync('e2e/vitest.config.ts') && process.env.STOREOPS_SKIP_E2E !== '1') {
  run(
    'browser tests (vitest + chromium)',
    bin('vitest'),
    [
      'run',
      '--config',
      'e2e/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=.tmp/vitest-e2e.json',
    ],
    { jsonReport: '.tmp/vitest-e2e.json' },
  );
}
finish(0);
