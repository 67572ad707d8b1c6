import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * `npm start` on a fresh clone has no built desk (bundles are never committed): build it once,
 * and again whenever web/ is newer than the build.
 */
export function ensureWebBuilt(log: (s: string) => void): boolean {
  const index = join(root, 'dist/web/index.html');
  const webSrc = join(root, 'web');
  if (!existsSync(webSrc)) return existsSync(index);
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(webSrc)) return true;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  if (!existsSync(vite)) {
    log('web desk not built and vite is not installed (npm ci installs it); serving the API only');
    return false;
  }
  log('building the web desk (first start, or web/ changed)…');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) {
    log('web build failed; serving the API only');
    return false;
  }
  return true;
}
