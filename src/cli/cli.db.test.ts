import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPgDatabase, testEngine } from '../db/test-helpers';

const engine = testEngine();
const dirs: string[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const d of drops) await d();
});

async function target(): Promise<{ args: string[]; env: NodeJS.ProcessEnv; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'storeops-cli-'));
  dirs.push(dir);
  if (engine === 'postgres') {
    const { url, drop } = await createEmptyPgDatabase();
    drops.push(drop);
    return { args: [], env: { DATABASE_URL: url }, dir };
  }
  return { args: ['--data', join(dir, 'data')], env: {}, dir };
}

function run(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/storeops.mjs', ...args], {
      env: { ...process.env, DATABASE_URL: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdin.end(opts.stdin ?? '');
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe(`the storeops command on ${engine}`, () => {
  it('creates the owner, a store and a person, with JSON output and exit codes', async () => {
    const t = await target();
    const owner = await run(
      [
        'user',
        'add',
        '--login',
        'boss',
        '--name',
        '王老板',
        '--owner',
        '--password-stdin',
        '--json',
        ...t.args,
      ],
      {
        env: t.env,
        stdin: 'secret-123\n',
      },
    );
    expect(owner.code, owner.stderr).toBe(0);
    expect(JSON.parse(owner.stdout)).toMatchObject({ login: 'boss', isOwner: true });

    const store = await run(
      [
        'store',
        'add',
        '--code',
        'tmall-main',
        '--name',
        '测试旗舰店',
        '--platform',
        'tmall',
        '--json',
        ...t.args,
      ],
      {
        env: t.env,
      },
    );
    expect(store.code, store.stderr).toBe(0);
    expect(JSON.parse(store.stdout)).toMatchObject({
      code: 'tmall-main',
      platform: 'tmall',
      timeZone: 'Asia/Shanghai',
    });

    const cs = await run(
      [
        'user',
        'add',
        '--login',
        'xiaomei',
        '--roles',
        'cs_presale,cs_aftersale',
        '--stores',
        'tmall-main',
        '--password-stdin',
        '--json',
        ...t.args,
      ],
      { env: t.env, stdin: 'password-1' },
    );
    expect(cs.code, cs.stderr).toBe(0);
    expect(JSON.parse(cs.stdout).memberships).toEqual([
      { storeCode: 'tmall-main', roles: ['cs_presale', 'cs_aftersale'] },
    ]);

    // Rejected input: exit 1 with the reason.
    const bad = await run(
      ['store', 'add', '--code', 'Bad!', '--name', 'x', '--platform', 'jd', '--json', ...t.args],
      { env: t.env },
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).error.code).toBe('store.invalid_code');
    const dup = await run(
      [
        'user',
        'add',
        '--login',
        'XIAOMEI',
        '--roles',
        'editor',
        '--stores',
        'tmall-main',
        '--password-stdin',
        ...t.args,
      ],
      {
        env: t.env,
        stdin: 'password-1',
      },
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('已被使用');

    // Usage errors: exit 2.
    expect((await run(['store', 'add', '--code', 'x', ...t.args], { env: t.env })).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['store', 'add', '--bogus-flag'])).code).toBe(2);
  }, 120_000);

  it.runIf(engine === 'pglite')(
    'backs up and restores the embedded database',
    async () => {
      const t = await target();
      expect(
        (
          await run(['user', 'add', '--login', 'boss', '--owner', '--password-stdin', ...t.args], {
            stdin: 'secret-123',
          })
        ).code,
      ).toBe(0);
      expect(
        (await run(['store', 'add', '--code', 'shop1', '--name', '店一', '--platform', 'taobao', ...t.args]))
          .code,
      ).toBe(0);
      const file = join(t.dir, 'backup.tar.gz');
      const b = await run(['backup', file, '--json', ...t.args]);
      expect(b.code, b.stderr).toBe(0);
      expect(existsSync(file)).toBe(true);

      const fresh = ['--data', join(t.dir, 'restored')];
      const r = await run(['restore', file, ...fresh]);
      expect(r.code, r.stderr).toBe(0);
      // The restored copy has the store: adding it again is refused as taken.
      const again = await run([
        'store',
        'add',
        '--code',
        'shop1',
        '--name',
        'x',
        '--platform',
        'jd',
        '--json',
        ...fresh,
      ]);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout).error.code).toBe('store.code_taken');
      // Restoring over data needs --force.
      const over = await run(['restore', file, ...fresh]);
      expect(over.code).toBe(1);
      expect(over.stderr).toContain('--force');
      expect((await run(['restore', file, '--force', ...fresh])).code).toBe(0);
    },
    120_000,
  );

  it.runIf(engine === 'postgres')('points PostgreSQL users to pg_dump for backups', async () => {
    const t = await target();
    const r = await run(['backup', join(t.dir, 'x.tar.gz')], { env: t.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pg_dump');
  });
});
