import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { createEmptyPgDatabase, testEngine } from '../db/test-helpers';

/**
 * A crash mid-import: the importing process is killed with SIGKILL half-way through a large
 * file; after a restart the file's rows are all there or none are, and earlier imports are intact.
 */
const engine = testEngine();
const dir = mkdtempSync(join(tmpdir(), 'storeops-crash-'));
const ROWS = 120_000;
let target: { args: string[]; env: NodeJS.ProcessEnv; open: () => ReturnType<typeof openDatabase> };
let drop: (() => Promise<void>) | null = null;
const bigFile = join(dir, 'ExportOrderList202611250830.csv');

function run(
  args: string[],
  opts: { stdin?: string; onStderr?: (line: string, child: ChildProcess) => void } = {},
) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(process.execPath, ['bin/storeops.mjs', ...args, ...target.args], {
        env: { ...process.env, DATABASE_URL: '', ...target.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let pending = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
        pending += d;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) opts.onStderr?.(l, child);
      });
      child.stdin.end(opts.stdin ?? '');
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    },
  );
}

async function writeBigOrderFile(path: string, rows: number) {
  const src = iconv.decode(
    readFileSync('test/fixtures/taobao-orders/ExportOrderList201707151030.csv'),
    'gb18030',
  );
  const [header, template] = src.split('\r\n');
  const out = createWriteStream(path);
  out.write(iconv.encode(`${header}\r\n`, 'gb18030'));
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${template.replace('="35153131473293579"', `="${(90000000000000000n + BigInt(i)).toString()}"`)}\r\n`;
    if (chunk.length > 1 << 20) {
      out.write(iconv.encode(chunk, 'gb18030'));
      chunk = '';
    }
  }
  out.write(iconv.encode(chunk, 'gb18030'));
  await new Promise<void>((res) => out.end(res));
}

async function counts() {
  const database = await target.open();
  try {
    const q = async (text: string) =>
      ((await database.db.execute(sql.raw(text))) as unknown as { rows: Record<string, unknown>[] }).rows;
    const big = Number((await q("select count(*)::int n from orders where order_id like '9000%'"))[0].n);
    const small = Number(
      (await q("select count(*)::int n from orders where order_id not like '9000%'"))[0].n,
    );
    const runs = await q('select status, file_name from import_runs order by started_at');
    const stages = await q(
      "select table_name from information_schema.tables where table_name like 'import_stage_%'",
    );
    return { big, small, runs, stages: stages.length };
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  if (engine === 'postgres') {
    const created = await createEmptyPgDatabase();
    drop = created.drop;
    target = {
      args: [],
      env: { DATABASE_URL: created.url },
      open: () => openDatabase({ engine: 'postgres', url: created.url }),
    };
  } else {
    const data = join(dir, 'data');
    target = {
      args: ['--data', data],
      env: {},
      open: () => openDatabase({ engine: 'pglite', dataDir: data }),
    };
  }
  expect(
    (await run(['user', 'add', '--login', 'boss', '--owner', '--password-stdin'], { stdin: 'secret-123' }))
      .code,
  ).toBe(0);
  expect((await run(['store', 'add', '--code', 'shop', '--name', '店', '--platform', 'tmall'])).code).toBe(0);
  const earlier = await run([
    'import',
    'auto',
    'test/fixtures/taobao-orders/ExportOrderList201707151030.csv',
    '--store',
    'shop',
    '--json',
  ]);
  expect(earlier.code, earlier.stderr).toBe(0);
  await writeBigOrderFile(bigFile, ROWS);
}, 300_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await drop?.();
});

describe(`a crash mid-import on ${engine}`, () => {
  it.each([
    ['while staging rows', (p: { phase: string; rows: number }) => p.phase === 'stage' && p.rows >= ROWS / 3],
    ['while merging', (p: { phase: string }) => p.phase === 'merge'],
  ])(
    'leaves all or none of the file after SIGKILL %s, and earlier imports intact',
    async (_when, killWhen) => {
      const before = await counts();
      let killed = false;
      const r = await run(['import', 'taobao-orders', bigFile, '--store', 'shop', '--progress', '--json'], {
        onStderr: (line, child) => {
          if (killed || !line.startsWith('{"progress"')) return;
          if (killWhen(JSON.parse(line).progress)) {
            killed = true;
            child.kill('SIGKILL');
          }
        },
      });
      expect(killed).toBe(true);
      expect(r.signal).toBe('SIGKILL');
      // Restart: any command opens the database, recovers, and sweeps the interrupted import.
      const restart = await run(['migrate']);
      expect(restart.code, restart.stderr).toBe(0);
      const after = await counts();
      expect([before.big, ROWS]).toContain(after.big);
      expect(after.small).toBe(before.small);
      expect(after.stages).toBe(0);
      expect(after.runs.some((x) => x.status === 'running')).toBe(false);
      if (after.big === before.big) expect(after.runs.at(-1)?.status).toBe('failed');
    },
    300_000,
  );

  it('imports the whole file after the crashes', async () => {
    const r = await run(['import', 'taobao-orders', bigFile, '--store', 'shop', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(['done', 'duplicate']).toContain(res.status);
    expect((await counts()).big).toBe(ROWS);
  }, 300_000);
});
