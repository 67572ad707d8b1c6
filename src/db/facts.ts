import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from './client';
import { type CopyBytes, quoteIdent, sqlLiteral } from './copy';

/**
 * Where the records of one file kind land: a fact table keyed by (store_id, platform_id). The
 * columns filled from a record are the table's columns whose property names match the record's
 * fields; store_id, import_id, first_seen_at and updated_at are bookkeeping.
 */
export type FactSink = {
  /** The import kind (file kind) whose records land here. */
  kind: string;
  tableName: string;
  /**
   * Database column names filled from records, platform_id first; then `row_hash` when the table
   * keeps one (the hash of the values before it, see db/hash53.ts).
   */
  columns: string[];
  /** The table keeps `row_hash`, the last of `columns`. */
  hashed: boolean;
  /** One staging line (the row number, then the columns, then a newline) as UTF-8 COPY bytes: the import's hot loop. */
  writeCopyLine(out: CopyBytes, rowNo: number, record: Record<string, unknown>): void;
  /** Column whose changes are kept in fact_status_history (orders, refunds). */
  statusColumn?: string;
  /**
   * The record fields that are instants (`ts`) or business dates (`date`), with their database
   * columns: the import notes the range of each over the file's rows (see TimeBounds).
   */
  timeFields: { key: string; column: string; type: 'ts' | 'date' }[];
  /**
   * Runs in the merge transaction just before the upsert of rows that may already exist, with the
   * staging tables there and the facts as they were (e.g. the rollups note the business dates a
   * changed row leaves: a re-export that moved an order's payment time to another day).
   */
  beforeMerge?: (
    tx: DbOrTx,
    p: { storeId: string; importId: string; stages: readonly string[]; now: Date },
  ) => Promise<void>;
  /**
   * Runs in the merge transaction after the upsert, with the staging table still there (e.g.
   * the catalog learns SKU titles and prices from order lines).
   */
  afterMerge?: (
    tx: DbOrTx,
    p: { storeId: string; importId: string; stage: string; now: Date },
  ) => Promise<void>;
};

const BOOKKEEPING = new Set(['store_id', 'import_id', 'first_seen_at', 'updated_at', 'row_hash']);

export function sinkFromTable(
  kind: string,
  table: PgTable,
  opts: {
    statusColumn?: string;
    /** Properties that are the team's own (an order's flag): never written by an import. */
    teamColumns?: string[];
    afterMerge?: FactSink['afterMerge'];
  } = {},
): FactSink {
  const own = new Set(opts.teamColumns ?? []);
  const cols = Object.entries(getTableColumns(table)).filter(
    ([k, c]) => !BOOKKEEPING.has(c.name) && !own.has(k),
  );
  const pid = cols.findIndex(([, c]) => c.name === 'platform_id');
  if (pid < 0) throw new Error(`${getTableName(table)} has no platform_id column`);
  const ordered = [cols[pid], ...cols.slice(0, pid), ...cols.slice(pid + 1)];
  const keys = ordered.map(([k]) => k);
  const hashed = Object.values(getTableColumns(table)).some((c) => c.name === 'row_hash');
  const timeFields = ordered.flatMap(([key, c]): FactSink['timeFields'] =>
    c.columnType === 'PgTimestamp'
      ? [{ key, column: c.name, type: 'ts' }]
      : c.columnType === 'PgDateString'
        ? [{ key, column: c.name, type: 'date' }]
        : [],
  );
  return {
    kind,
    tableName: getTableName(table),
    columns: [...ordered.map(([, c]) => c.name), ...(hashed ? ['row_hash'] : [])],
    hashed,
    timeFields,
    writeCopyLine(out, rowNo, record) {
      out.integer(rowNo);
      const from = out.length;
      for (let i = 0; i < keys.length; i++) {
        out.byte(9);
        out.value(record[keys[i]]);
      }
      if (hashed) {
        // The hash of the values' bytes (from the tab before platform_id): see db/hash53.ts.
        const h = out.hashSince(from);
        out.byte(9);
        out.integer(h);
      }
      out.byte(10);
    },
    statusColumn: opts.statusColumn,
    afterMerge: opts.afterMerge,
  };
}

/**
 * The earliest and latest value of each time column over the rows of a file (by database column:
 * an instant as epoch milliseconds, a business date as yyyy-MM-dd; a column that is empty in every
 * row is absent). Noted while parsing, so a module that needs the dates an import touched need
 * not scan the fact table for them when every row of the file was written.
 */
export type TimeBounds = Record<string, { min: number | string; max: number | string }>;

/** Widens `into` by one record's time values. */
export function noteTimeBounds(
  into: TimeBounds,
  fields: FactSink['timeFields'],
  record: Record<string, unknown>,
) {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = record[f.key];
    let x: number | string;
    if (v instanceof Date) x = v.getTime();
    else if (typeof v === 'string' && f.type === 'date') x = v;
    else continue;
    if (Number.isNaN(x)) continue;
    const b = into[f.column];
    if (!b) into[f.column] = { min: x, max: x };
    else {
      if (x < b.min) b.min = x;
      if (x > b.max) b.max = x;
    }
  }
}

/** Widens `into` by `more` (the bounds of another batch). */
export function mergeTimeBounds(into: TimeBounds, more: TimeBounds) {
  for (const [c, b] of Object.entries(more)) {
    const a = into[c];
    if (!a) into[c] = { ...b };
    else {
      if (b.min < a.min) a.min = b.min;
      if (b.max > a.max) a.max = b.max;
    }
  }
}

/** The staging table of an import; a large file staged in chunks has one per chunk (`…_2`, `…_3`). */
export function stageTableName(importId: string, chunk = 1): string {
  const base = `import_stage_${importId.replace(/-/g, '')}`;
  return chunk === 1 ? base : `${base}_${chunk}`;
}

/** Whether a table is one of the staging tables of an import (any chunk). */
export function isStageOf(tableName: string, importId: string): boolean {
  const base = stageTableName(importId);
  return (
    tableName === base || (tableName.startsWith(`${base}_`) && /^\d+$/.test(tableName.slice(base.length + 1)))
  );
}

/**
 * A staging table shaped like the sink's columns plus `row_no`. UNLOGGED: it is scratch space
 * (no WAL), dropped after the merge, and swept at start-up after a crash.
 */
export async function createStage(
  database: Database,
  sink: FactSink,
  importId: string,
  chunk = 1,
): Promise<string> {
  const stage = stageTableName(importId, chunk);
  const cols = sink.columns.map(quoteIdent).join(', ');
  await database.db.execute(
    sql.raw(
      `create unlogged table ${quoteIdent(stage)} as select 0::int as row_no, ${cols} from ${quoteIdent(sink.tableName)} with no data`,
    ),
  );
  return stage;
}

export async function dropStage(db: DbOrTx, importId: string, chunks = 1): Promise<void> {
  for (let k = 1; k <= chunks; k++)
    await db.execute(sql.raw(`drop table if exists ${quoteIdent(stageTableName(importId, k))}`));
}

export type MergeCounts = { inserted: number; updated: number };

/**
 * Upserts the staged rows into the fact table, inside the caller's transaction. When a file
 * holds one platform id twice, its last row wins. A row whose values are all unchanged is not
 * written at all (re-importing a file changes nothing). Status changes go to the history first.
 * `stage` may be several staging tables (the chunks of one file), merged as one.
 */
export async function mergeStage(
  tx: DbOrTx,
  sink: FactSink,
  stage: string | readonly string[],
  p: { storeId: string; importId: string; now: Date; duplicateIds?: boolean },
): Promise<MergeCounts> {
  const t = quoteIdent(sink.tableName);
  const cols = sink.columns.map(quoteIdent);
  const stages = typeof stage === 'string' ? [stage] : stage;
  const s =
    stages.length === 1
      ? quoteIdent(stages[0])
      : `(${stages.map((x) => `select row_no, ${cols.join(', ')} from ${quoteIdent(x)}`).join(' union all ')}) chunks`;
  const dataCols = cols.slice(1); // all but platform_id
  const now = p.now.toISOString();
  const lit = sqlLiteral;
  // Only a file that holds one id twice needs the sort (its last row wins); "C" collation: ids
  // compare byte-wise, much faster than the database's linguistic collation.
  const src =
    p.duplicateIds === false
      ? `select ${cols.join(', ')} from ${s}`
      : `select distinct on (platform_id collate "C") ${cols.join(', ')} from ${s} order by platform_id collate "C", row_no desc`;

  // Two plain statements instead of INSERT … ON CONFLICT: the speculative insertion of an upsert
  // costs more than a join, and no other merge into this store runs meanwhile (the caller holds
  // the store's import lock). Updates first, so inserts need not be compared again.
  // A table that keeps row hashes: a fact whose hash is the staged row's has the same values (it
  // is not even compared); one whose hash differs is compared column by column — the values may
  // still be the same (a fact written before hashes were kept, or hashed by an older parser): then
  // only its hash is brought up to date, and it counts as unchanged (no status history, its
  // import_id and updated_at stay).
  const valueCols = sink.hashed ? dataCols.filter((c) => c !== '"row_hash"') : dataCols;
  const differs = valueCols.length
    ? `(${valueCols.map((c) => `f.${c}`).join(', ')}) is distinct from (${valueCols.map((c) => `s.${c}`).join(', ')})`
    : 'false';
  const candidate = sink.hashed ? 'f.row_hash is distinct from s.row_hash' : differs;
  const changedFlag = sink.hashed ? differs : 'true';
  const ifChanged = (v: string, old: string) =>
    sink.hashed ? `case when s.storeops_changed then ${v} else ${old} end` : v;
  const set = [
    ...dataCols.map((c) => `${c} = s.${c}`),
    `import_id = ${ifChanged(lit(p.importId), 'f.import_id')}`,
    `updated_at = ${ifChanged(`${lit(now)}::timestamptz`, 'f.updated_at')}`,
  ].join(', ');
  // The comparing join probes the fact table's primary key row by row: a hash join of two wide
  // tables (every column of both sides) spills them to temporary files, measured 1.6–1.9× slower
  // for a 989 k-row re-export on PostgreSQL; a nested loop needs no work memory either (PGlite's
  // WebAssembly heap never shrinks).
  await tx.execute(sql.raw('set local enable_hashjoin = off'));
  await tx.execute(sql.raw('set local enable_mergejoin = off'));
  // The candidate rows are found by one comparing join (the costly part), kept with their old
  // status; the status history and the update then read only them (a re-export with nothing
  // changed costs one join, not two). One statement: all parts see the facts as they were before it.
  const sc = sink.statusColumn ? quoteIdent(sink.statusColumn) : null;
  const history = sc
    ? `, history as (
            insert into fact_status_history (store_id, kind, platform_id, from_status, to_status, observed_at, import_id)
            select ${lit(p.storeId)}, ${lit(sink.kind)}, c.platform_id, c.storeops_old_status, c.${sc}, ${lit(now)}::timestamptz, ${lit(p.importId)}
            from changed c
            where c.storeops_changed and c.storeops_old_status is distinct from c.${sc} and c.${sc} is not null
          )`
    : '';
  const r = (await tx.execute(
    sql.raw(`with changed as materialized (
            select s.*, ${sc ? `f.${sc}` : 'null'} as storeops_old_status, ${changedFlag} as storeops_changed
            from (${src}) s
            join ${t} f on f.store_id = ${lit(p.storeId)} and f.platform_id = s.platform_id
            where ${candidate}
          )${history}, written as (
            update ${t} f set ${set}
            from changed s
            where f.store_id = ${lit(p.storeId)} and f.platform_id = s.platform_id
            returning s.storeops_changed
          )
          select count(*) filter (where storeops_changed)::int as n from written`),
  )) as unknown as { rows: { n: number }[] };
  const updated = Number(r.rows[0].n);
  await tx.execute(sql.raw('reset enable_hashjoin'));
  await tx.execute(sql.raw('reset enable_mergejoin'));
  const inserted = affectedRows(
    await tx.execute(
      sql.raw(`insert into ${t} (store_id, ${cols.join(', ')}, import_id, first_seen_at, updated_at)
        select ${lit(p.storeId)}, ${cols.map((c) => `s.${c}`).join(', ')}, ${lit(p.importId)}, ${lit(now)}::timestamptz, ${lit(now)}::timestamptz
        from (${src}) s
        where not exists (select 1 from ${t} f where f.store_id = ${lit(p.storeId)} and f.platform_id = s.platform_id)`),
    ),
  );
  return { inserted, updated };
}

/** Whether the store has any fact of this sink's table. */
export async function storeHasFacts(db: DbOrTx, sink: FactSink, storeId: string): Promise<boolean> {
  const r = (await db.execute(
    sql.raw(
      `select exists (select 1 from ${quoteIdent(sink.tableName)} where store_id = ${sqlLiteral(storeId)}) as has`,
    ),
  )) as unknown as { rows: { has: boolean }[] };
  return r.rows[0].has;
}

/**
 * Inserts staged rows that are all new: for a store that had no facts of this table when the
 * caller took the store's import lock, and rows whose ids no earlier insert of the same file had
 * (so no comparison, no status history, no anti-join). Within the stage, the last row of an id wins.
 */
export async function insertStage(
  tx: DbOrTx,
  sink: FactSink,
  stage: string,
  p: { storeId: string; importId: string; now: Date; duplicateIds?: boolean },
): Promise<number> {
  const cols = sink.columns.map(quoteIdent);
  const s = quoteIdent(stage);
  const now = sqlLiteral(p.now.toISOString());
  const src = p.duplicateIds
    ? `select distinct on (platform_id collate "C") ${cols.join(', ')} from ${s} order by platform_id collate "C", row_no desc`
    : `select ${cols.join(', ')} from ${s}`;
  return affectedRows(
    await tx.execute(
      sql.raw(`insert into ${quoteIdent(sink.tableName)} (store_id, ${cols.join(', ')}, import_id, first_seen_at, updated_at)
        select ${sqlLiteral(p.storeId)}, ${cols.map((c) => `s.${c}`).join(', ')}, ${sqlLiteral(p.importId)}, ${now}::timestamptz, ${now}::timestamptz
        from (${src}) s`),
    ),
  );
}

/** Rows a statement wrote: node-postgres says rowCount, PGlite affectedRows. */
function affectedRows(r: unknown): number {
  const x = r as { rowCount?: number | null; affectedRows?: number };
  return Number(x.rowCount ?? x.affectedRows ?? 0);
}

/**
 * The planner's statistics of a fact table after a merge that wrote a large share of it (or when
 * the table was never analysed). The followers query the facts right after the merge; without
 * statistics (autovacuum off, as on the CI server, or not yet run: it lags a bulk load by a minute
 * or more) PostgreSQL takes a 3 M-row table for a few hundred rows and joins the day's rows
 * against the whole store's history. At most one ANALYZE per 10 % of the table written. On
 * PGlite from a small sample (statistics target 10: its WebAssembly heap never shrinks).
 */
export async function refreshFactStatistics(
  db: Database['db'],
  engine: Database['engine'],
  table: string,
  written: number,
): Promise<boolean> {
  if (written < 1000) return false;
  const r = (await db.execute(
    sql.raw(`select reltuples::float8 as n from pg_class where oid = to_regclass(${sqlLiteral(table)})`),
  )) as unknown as { rows: { n: number }[] };
  const estimate = Number(r.rows[0]?.n ?? -1);
  if (estimate >= 0 && written < estimate * 0.1) return false;
  await db.transaction(async (tx) => {
    // A small sample (3 000 rows) on PGlite, whose WebAssembly heap never gives ANALYZE's sample
    // back, and after a first load on PostgreSQL (3× quicker; enough for the followers' plans).
    if (engine === 'pglite' || written >= 50_000)
      await tx.execute(sql.raw('set local default_statistics_target = 10'));
    await tx.execute(sql.raw(`analyze ${quoteIdent(table)}`));
  });
  return true;
}

/**
 * Fresh statistics for the planner: a staging table is new and its size unknown. Only the id
 * column, from a small sample: ANALYZE keeps its sample rows in memory (300 × the statistics
 * target of wide rows: ~30 MB at the default, which PGlite's WebAssembly heap never gives back).
 */
export async function analyzeStage(db: DbOrTx, stage: string): Promise<void> {
  const s = quoteIdent(stage);
  await db.execute(sql.raw(`alter table ${s} alter column platform_id set statistics 10`));
  await db.execute(sql.raw(`analyze ${s} (platform_id)`));
}
