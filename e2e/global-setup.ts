import type { TestProject } from 'vitest/node';
import { pgliteTemplate } from '../src/db/test-global-setup';

/**
 * Before the browser tests: a migrated PGlite data dir as a tarball (cached across runs like the
 * db tests' one), which each harness unpacks into its server's new data dir — the server then
 * starts on a migrated database instead of running initdb and every migration itself.
 */
export default async function setup(project: TestProject): Promise<void> {
  project.provide('storeopsPgliteTemplate', await pgliteTemplate());
  project.provide('storeopsPgTemplate', null);
}
