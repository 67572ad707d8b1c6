import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the web desk (pure TypeScript: locales, helpers). Run: npx vitest run --config web/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // keep the cache out of web/ (the server rebuilds the desk when anything under web/ is newer)
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web-vitest', import.meta.url)),
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
