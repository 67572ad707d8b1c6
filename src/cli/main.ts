import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config';
import type { Ctx } from '../core/context';
import { AppError, isAppError } from '../core/errors';
import { IMPORT_KINDS, type ImportKind, isImportKind } from '../imports/adapter';
import type { ImportResult } from '../imports/imports.service';
import { translate } from '../locales';
import * as team from '../modules/team/team.service';
import { openRuntime } from './runtime';

// Heavy modules (the web server, the simulator) load only for the commands that use them:
// a CLI import should not carry Fastify in its memory.

/**
 * `storeops <command>`. Exit codes: 0 success, 1 rejected input, 2 usage error.
 * `--json` prints one JSON document on stdout.
 */
const USAGE = `storeops — the operations desk for Taobao / Tmall / JD store teams

Usage:
  storeops serve [--port 3000] [--host 127.0.0.1] [--data DIR]
  storeops demo-serve [--port 3000] [--data ./data-demo]     demo store, one login per role
  storeops store add --code C --name N --platform taobao|tmall|jd [--time-zone Asia/Shanghai]
  storeops user add --login L --password-stdin [--name N] [--roles r1,r2 --stores C1,C2] [--owner]
  storeops import <kind|auto> <files…> --store C [--allow-partial] [--json] [--progress]
  storeops demo --out DIR [--days 365] [--seed 1] [--scale small|medium|large]
  storeops report daily --store C [--date yyyy-MM-dd] [--json]   the morning data diagnosis
  storeops backup FILE        (embedded database; the server must be stopped)
  storeops restore FILE [--force]
  storeops migrate
  storeops tick [--json]      one scheduler pass: owed daily jobs, escalations, notifications

Common options: --data DIR (embedded database folder, default ./data or $STOREOPS_DATA),
  --json (machine-readable output). DATABASE_URL=postgres://… uses a PostgreSQL server.
`;

class UsageError extends Error {}

type Out = { json: boolean };

function print(out: Out, human: string, doc: unknown) {
  if (out.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
  else process.stdout.write(`${human}\n`);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY)
    throw new UsageError('--password-stdin reads the password from standard input (pipe it in)');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withCtx<T>(dataDir: string | undefined, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const ctx = await openRuntime(loadConfig(process.env, dataDir ? { dataDir } : {}));
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

async function requireCliActor(ctx: Ctx): Promise<team.Actor> {
  const actor = await team.cliActor(ctx);
  if (!actor)
    throw new AppError(
      'setup.needed',
      1,
      'No owner yet: run `storeops user add --owner …` or open the web set-up page first',
    );
  return actor;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      platform: { type: 'string' },
      'time-zone': { type: 'string' },
      login: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      roles: { type: 'string' },
      stores: { type: 'string' },
      owner: { type: 'boolean', default: false },
      org: { type: 'string' },
      force: { type: 'boolean', default: false },
      store: { type: 'string' },
      'allow-partial': { type: 'boolean', default: false },
      progress: { type: 'boolean', default: false },
      out: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const out: Out = { json: values.json ?? false };
  if (!cmd || cmd === 'help' || values.help) {
    process.stdout.write(USAGE);
    return cmd ? 0 : 2;
  }

  switch (cmd) {
    case 'serve':
    case 'demo-serve': {
      const port = values.port ? Number(values.port) : undefined;
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
        throw new UsageError(`--port must be a port number, not ${values.port}`);
      const { serve } = await import('./serve');
      await serve({ port, host: values.host, dataDir: values.data, demo: cmd === 'demo-serve' });
      return 0; // serve resolves only on shutdown
    }

    case 'tick': {
      // One pass of the scheduler (for hosts that run it from cron instead of inside `serve`).
      const { tick } = await import('../server/scheduler');
      const r = await withCtx(values.data, (ctx) => tick(ctx));
      print(
        out,
        `daily jobs run: ${r.ran} (failed ${r.failed}) · difficulties moved up: ${r.escalated} · notifications sent: ${r.delivered}`,
        r,
      );
      return r.failed ? 1 : 0;
    }

    case 'migrate':
      await withCtx(values.data, async () => undefined);
      print(out, 'migrations applied', { ok: true });
      return 0;

    case 'store': {
      if (positionals[0] !== 'add') throw new UsageError('storeops store add --code C --name N --platform P');
      if (!values.code || !values.name || !values.platform)
        throw new UsageError('store add needs --code, --name and --platform');
      const s = await withCtx(values.data, async (ctx) =>
        team.createStore(ctx, await requireCliActor(ctx), {
          code: values.code!,
          name: values.name!,
          platform: values.platform!,
          timeZone: values['time-zone'],
        }),
      );
      print(out, `store ${s.code} (${s.name}, ${s.platform}) created`, s);
      return 0;
    }

    case 'user': {
      if (positionals[0] !== 'add')
        throw new UsageError(
          'storeops user add --login L --password-stdin --roles r1,r2 --stores C [--owner]',
        );
      if (!values.login) throw new UsageError('user add needs --login');
      if (!values['password-stdin'])
        throw new UsageError('user add needs --password-stdin (never a password in argv)');
      const password = await readStdin();
      const roles = (values.roles ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const storeCodes = (values.stores ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      if (!values.owner && (roles.length === 0 || storeCodes.length === 0))
        throw new UsageError('user add needs --roles and --stores (or --owner)');
      const result = await withCtx(values.data, async (ctx) => {
        const displayName = values.name ?? values.login!;
        if (values.owner && (await team.isSetupNeeded(ctx))) {
          const p = await team.setUp(ctx, {
            organizationName: values.org ?? displayName,
            owner: { login: values.login!, displayName, password },
          });
          if (storeCodes.length) {
            const actor = (await team.loadActor(ctx, p.id, 'cli'))!;
            for (const code of storeCodes)
              if (!actor.stores.has(code))
                throw new AppError('store.not_found', 400, `No store ${code}`, { params: { code } });
          }
          return team.getPerson(ctx, (await team.loadActor(ctx, p.id, 'cli'))!, p.id);
        }
        const actor = await requireCliActor(ctx);
        return team.createPerson(ctx, actor, {
          login: values.login!,
          displayName,
          password,
          isOwner: values.owner,
          memberships: storeCodes.map((storeCode) => ({
            storeCode,
            roles: roles.length ? roles : ['owner'],
          })),
        });
      });
      print(out, `user ${result.login} created${result.isOwner ? ' (owner)' : ''}`, result);
      return 0;
    }

    case 'import': {
      const [kind, ...files] = positionals;
      if (!kind || files.length === 0) throw new UsageError('storeops import <kind|auto> <files…> --store C');
      if (kind !== 'auto' && !isImportKind(kind))
        throw new UsageError(`unknown file kind ${kind}; one of: auto, ${IMPORT_KINDS.join(', ')}`);
      if (!values.store) throw new UsageError('import needs --store <code>');
      const { importFile } = await import('../imports/imports.service');
      const results = await withCtx(values.data, async (ctx) => {
        const store = await team.findStoreByCode(ctx, values.store!);
        if (!store)
          throw new AppError('store.not_found', 400, `No store ${values.store}`, {
            params: { code: values.store! },
          });
        const out: ImportResult[] = [];
        for (const file of files) {
          const r = await importFile(ctx, {
            storeId: store.id,
            personId: null,
            kind: kind as ImportKind | 'auto',
            path: file,
            allowPartial: values['allow-partial'] ?? false,
            onProgress: values.progress
              ? (p) => process.stderr.write(`${JSON.stringify({ progress: { file, ...p } })}\n`)
              : undefined,
          });
          out.push(r);
          if (!values.json) process.stdout.write(`${describeImport(r)}\n`);
        }
        return out;
      });
      if (values.json)
        process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results)}\n`);
      return results.every((r) => r.status === 'done' || r.status === 'duplicate') ? 0 : 1;
    }

    case 'report': {
      if (positionals[0] !== 'daily' || !values.store)
        throw new UsageError('storeops report daily --store C [--date yyyy-MM-dd] [--json]');
      if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
        throw new UsageError('--date is yyyy-MM-dd');
      const { dailyReport, reportText } = await import('../modules/metrics/metrics.service');
      const report = await withCtx(values.data, async (ctx) => {
        const store = await team.findStoreByCode(ctx, values.store!);
        if (!store)
          throw new AppError('store.not_found', 400, `No store ${values.store}`, {
            params: { code: values.store! },
          });
        return dailyReport(ctx, store, values.date);
      });
      print(out, reportText(report, 'zh-CN'), report);
      return 0;
    }

    case 'demo': {
      if (!values.out)
        throw new UsageError('storeops demo --out DIR [--days 365] [--seed N] [--scale small|medium|large]');
      const scale = (values.scale ?? 'medium') as 'small' | 'medium' | 'large';
      if (!['small', 'medium', 'large'].includes(scale))
        throw new UsageError('--scale is small, medium or large');
      const days = values.days ? Number(values.days) : 365;
      if (!Number.isInteger(days) || days < 1 || days > 3660)
        throw new UsageError('--days is a whole number of days (1–3660)');
      const { DEFAULT_SEED, simulateStore } = await import('../simulator');
      const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
      if (!Number.isInteger(seed)) throw new UsageError('--seed is a whole number');
      const t0 = Date.now();
      const r = await simulateStore({ outDir: values.out, days, seed, scale });
      print(
        out,
        `${r.files.length} files written to ${values.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s:\n${r.files
          .map((f) => `  ${f.kind.padEnd(20)} ${String(f.rows).padStart(9)} rows  ${f.path}`)
          .join('\n')}`,
        { outDir: values.out, files: r.files, manifest: r.manifestPath },
      );
      return 0;
    }

    case 'backup': {
      const file = positionals[0];
      if (!file) throw new UsageError('storeops backup FILE');
      const config = loadConfig(process.env, values.data ? { dataDir: values.data } : {});
      const { backupDatabase } = await import('./backup');
      const bytes = await backupDatabase(config, file);
      print(out, `backup written to ${file} (${bytes} bytes)`, { file, bytes });
      return 0;
    }

    case 'restore': {
      const file = positionals[0];
      if (!file) throw new UsageError('storeops restore FILE [--force]');
      const config = loadConfig(process.env, values.data ? { dataDir: values.data } : {});
      readFileSync(file); // a clear ENOENT before touching anything
      const { restoreDatabase } = await import('./backup');
      await restoreDatabase(config, file, { force: values.force ?? false });
      print(out, `restored ${file} into ${config.dataDir}`, { file, dataDir: config.dataDir });
      return 0;
    }

    default:
      throw new UsageError(`unknown command: ${cmd}`);
  }
}

/** One line per file, then the first rejected rows in plain words. */
function describeImport(r: ImportResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const secs = (r.durationMs / 1000).toFixed(1);
  if (r.status === 'duplicate')
    return `= ${r.file}: 已导入过的同一文件，未写入 / already imported (${r.duplicateOf}); nothing written`;
  const head = `${r.status === 'done' ? '✓' : '✗'} ${r.file}  ${r.kind ?? '?'}${r.version ? ` (${r.version})` : ''}: ${n(r.rows)} rows · ${n(r.inserted)} new · ${n(r.updated)} updated · ${n(r.unchanged)} unchanged · ${n(r.rejectedCount)} rejected (${secs}s)`;
  const lines = [head];
  if (r.error) lines.push(`  ${r.error.message}`);
  for (const x of r.rejected.slice(0, 20)) lines.push(`  ${x.message}`);
  if (r.rejectedCount > 20)
    lines.push(`  … ${n(r.rejectedCount - 20)} more rejected rows (--json lists up to 1000)`);
  return lines.join('\n');
}

function describeError(e: unknown): { code: string; message: string; exit: number } {
  if (e instanceof UsageError) return { code: 'usage', message: e.message, exit: 2 };
  const err = e as NodeJS.ErrnoException & { code?: string };
  if (
    err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    err?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  )
    return { code: 'usage', message: err.message, exit: 2 };
  if (isAppError(e)) {
    const message = translate('zh-CN', e.code, e.params) ?? e.message;
    return { code: e.code, message: `${message}${message !== e.message ? ` (${e.message})` : ''}`, exit: 1 };
  }
  if (err?.code === 'ENOENT') return { code: 'file.not_found', message: err.message, exit: 1 };
  return { code: 'internal', message: (e as Error)?.stack ?? String(e), exit: 1 };
}

const isMain = process.argv[1] && /storeops(\.mjs)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      const d = describeError(e);
      if (process.argv.includes('--json'))
        process.stdout.write(`${JSON.stringify({ error: { code: d.code, message: d.message } })}\n`);
      process.stderr.write(`storeops: ${d.message}\n`);
      if (d.exit === 2) process.stderr.write('run `storeops help` for usage\n');
      process.exitCode = d.exit;
    },
  );
}
