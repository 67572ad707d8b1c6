/**
 * What every browser test needs: a real server on a free port with its own embedded database in a
 * temp dir, Debian's Chromium driven by playwright-core, and screenshots into e2e/artifacts/
 * (git-ignored). Needs `npm run build` (the server also rebuilds dist/web when web/ is newer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { openDatabase } from '../src/db/client';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const artifacts = join(root, 'e2e/artifacts');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess, log: () => string, ms = 180_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited (${server.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/v1/health within ${ms} ms:\n${log()}`);
}

export type Harness = {
  base: string;
  page: Page;
  /** Everything the server printed, and the page's uncaught errors. */
  log: () => string;
  /** Lets antd's animations (drawers, menus, toasts) finish, then saves a full-page screenshot. */
  shot: (name: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Fills a new data dir with the migrated database of the global setup (e2e/global-setup.ts):
 * unpacking it is much cheaper than the server's initdb and migrations. The server still
 * opens, recovers and migrates (a no-op) it as on any start.
 */
async function seedDataDir(data: string, env: NodeJS.ProcessEnv): Promise<void> {
  const template = inject('storeopsPgliteTemplate');
  if (!template || env.DATABASE_URL) return;
  const database = await openDatabase({
    engine: 'pglite',
    dataDir: data,
    loadDataDir: new Blob([readFileSync(template)]),
  });
  await database.close();
}

/** `env`: extra environment for the server (e.g. the test-mode clock of e2e/work.e2e.ts). */
export async function startHarness(opts: { env?: Record<string, string> } = {}): Promise<Harness> {
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'storeops-e2e-'));
  await seedDataDir(join(dataDir, 'data'), { ...process.env, ...opts.env });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let serverLog = '';
  const server = spawn(
    process.execPath,
    ['bin/storeops.mjs', 'serve', '--port', String(port), '--data', join(dataDir, 'data')],
    {
      cwd: root,
      env: { ...process.env, STOREOPS_LOG_LEVEL: 'warn', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout?.on('data', (d) => {
    serverLog += d;
  });
  server.stderr?.on('data', (d) => {
    serverLog += d;
  });
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, server, () => serverLog);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (e) {
    await close();
    throw e;
  }
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => {
    serverLog += `\n[pageerror] ${e.message}`;
  });
  const shot = async (name: string) => {
    await page.waitForTimeout(600);
    // a full-page shot of a scrolled page draws the fixed header and menu where they were
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  };
  return { base, page, log: () => serverLog, shot, close };
}

/** The rendered text of an element (Playwright's innerText, not the DOM property). */
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText() is the visible text
export const visibleText = (l: Locator) => l.innerText();
export const textOf = (page: Page, testId: string) => visibleText(page.getByTestId(testId));

/** Picks an option of an antd Select (the dropdown renders in a portal). */
export async function pickOption(page: Page, selectTestId: string, label: string) {
  await page.getByTestId(selectTestId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}
