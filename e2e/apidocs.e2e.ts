import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => h?.close());

describe('the API documentation', () => {
  it('renders the OpenAPI console at /api/docs under the security headers', async () => {
    // Swagger UI renders the operations below the fold lazily; a tall page shows them all.
    await h.page.setViewportSize({ width: 1280, height: 20_000 });
    await h.page.goto(`${h.base}/api/docs`);
    await h.page.getByText('StoreOps API').first().waitFor();
    await h.page.getByText('/api/v1/stores/{code}/imports').first().waitFor();
    await h.page.setViewportSize({ width: 1280, height: 900 });
    await h.shot('api-docs');
    const spec = (await (await fetch(`${h.base}/api/docs/json`)).json()) as {
      info: { title: string };
      paths: Record<string, unknown>;
    };
    expect(spec.info.title).toBe('StoreOps API');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/people', '/api/v1/stores/{code}/imports']),
    );
  }, 60_000);
});
