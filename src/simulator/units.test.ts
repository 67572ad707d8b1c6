import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calendarDay, campaignWindows } from './calendar';
import { buildCatalog } from './catalog';
import { gbkSafe } from './csv';
import { raisedPrice } from './engine';
import { allocate, divFen, pct, yuanGrouped, yuanUnit } from './format';
import { DEFAULT_END_DATE, parseDemoArgs, simulateStore } from './index';
import { Customers, nickFor, PROVINCES } from './people';
import { hashSeed, Rng } from './rng';
import * as T from './text';
import { buildWorld } from './world';
import { sha256File, XlsxWriter } from './xlsx';

const dirs: string[] = [];
const tmp = async (p: string) => {
  const d = await mkdtemp(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(hashSeed('day', 3)).toBe(hashSeed('day', 3));
    expect(hashSeed('day', 3)).not.toBe(hashSeed('day', 4));
    expect(hashSeed('a', 'bc')).not.toBe(hashSeed('ab', 'c'));
  });

  it('draws sensible distributions', () => {
    const r = new Rng(1);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += r.poisson(4);
    expect(sum / n).toBeGreaterThan(3.9);
    expect(sum / n).toBeLessThan(4.1);
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += r.normal(10, 2);
    expect(Math.abs(s2 / n - 10)).toBeLessThan(0.1);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
  });
});

describe('money and rates', () => {
  it('allocates fen exactly and formats the platform way', () => {
    expect(allocate(1000, [1, 1, 1])).toEqual([334, 333, 333]);
    expect(allocate(1000, [1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    expect(divFen(1000, 3)).toBe(333);
    expect(divFen(1001, 2)).toBe(501);
    expect(pct(235, 10_000)).toBe('2.35%');
    expect(pct(1, 0)).toBe('-');
    expect(yuanUnit(0)).toBe('0元');
    expect(yuanUnit(1250)).toBe('12.50元');
    expect(yuanGrouped(123_456_789)).toBe('1,234,567.89');
    expect(raisedPrice(8900, 12)).toBe(9990);
    expect(raisedPrice(3990, 12)).toBe(4490);
  });
});

describe('world', () => {
  it('has ~60 SKUs with unique codes and ids, and 3–5 hero products', () => {
    const products = buildCatalog(1);
    const skus = products.flatMap((p) => p.skus);
    expect(skus.length).toBeGreaterThanOrEqual(55);
    expect(skus.length).toBeLessThanOrEqual(65);
    expect(new Set(skus.map((s) => s.code)).size).toBe(skus.length);
    expect(new Set(skus.map((s) => s.skuId)).size).toBe(skus.length);
    expect(new Set(products.map((p) => p.itemId)).size).toBe(products.length);
    const heroes = products.filter((p) => p.hero).length;
    expect(heroes).toBeGreaterThanOrEqual(3);
    expect(heroes).toBeLessThanOrEqual(5);
    for (const s of skus) expect(s.costFen).toBeLessThan(s.priceFen);
  });

  it('has 4–6 CS sub-accounts on day and night shifts', () => {
    const w = buildWorld({ seed: 1, scale: 'small', storeName: '测试旗舰店' });
    expect(w.agents.length).toBeGreaterThanOrEqual(4);
    expect(w.agents.length).toBeLessThanOrEqual(6);
    expect(w.agents.every((a) => /^测试旗舰店:\S+$/.test(a.account))).toBe(true);
    expect(new Set(w.agents.map((a) => a.shift))).toEqual(new Set(['day', 'night']));
  });

  it('gives every buyer a unique nickname and a well-formed address', () => {
    const names = new Set<string>();
    for (let i = 0; i < 50_000; i++) names.add(nickFor(i));
    expect(names.size).toBe(50_000);
    const c = new Customers(3);
    for (let i = 0; i < 200; i++) {
      const x = c.at(i);
      expect(x.address).toMatch(/^\S+ \S+ \S+ \S+\(\d{6}\)$/);
      expect(x.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(nickFor(7)).toBe(nickFor(7));
    expect(PROVINCES.some((p) => p.name === '广东省')).toBe(true);
  });

  it('writes only GBK-encodable text', () => {
    const texts: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(T);
    collect(buildCatalog(1));
    collect(PROVINCES);
    const c = new Customers(5);
    for (let i = 0; i < 2_000; i++) collect(c.at(i));
    const bad = texts.filter((t) => !gbkSafe(t));
    expect(bad).toEqual([]);
  });
});

describe('calendar', () => {
  it('knows the campaign peaks', () => {
    expect(calendarDay('2026-11-11').campaign).toBe('双11');
    expect(calendarDay('2026-11-11').peak).toBe(true);
    expect(calendarDay('2026-06-18').campaign).toBe('618');
    expect(calendarDay('2025-12-12').campaign).toBe('双12');
    expect(calendarDay('2026-01-18').campaign).toBe('年货节');
    expect(calendarDay('2026-02-17').campaign).toBe('春节');
    expect(calendarDay('2026-04-15').campaign).toBe(null);
    const w = campaignWindows('2025-11-25', '2026-11-24').map((c) => c.name);
    for (const n of ['双12', '年货节', '618', '双11']) expect(w).toContain(n);
  });
});

describe('deterministic XLSX', () => {
  it('writes the same bytes at different wall-clock times', async () => {
    const dir = await tmp('storeops-xlsx-');
    const stamp = new Date('2026-11-25T00:30:00Z');
    const write = async (name: string) => {
      const w = new XlsxWriter(join(dir, name), ['a', '金额'], stamp);
      w.addRow(['x', '12.30']);
      w.addRow(['测试', 3]);
      return (await w.close()).sha256;
    };
    const a = await write('a.xlsx');
    await new Promise((r) => setTimeout(r, 2_100)); // DOS times have a 2 s resolution
    const b = await write('b.xlsx');
    expect(b).toBe(a);
    expect(await sha256File(join(dir, 'b.xlsx'))).toBe(a);
  });
});

describe('other windows', () => {
  it('runs a summer window with 618 and plants the events inside it', async () => {
    const dir = await tmp('storeops-sim-summer-');
    const r = await simulateStore({ outDir: dir, days: 45, seed: 11, scale: 'small', endDate: '2026-07-10' });
    expect(r.manifest.startDate).toBe('2026-05-27');
    expect(r.manifest.calendar.map((c) => c.name)).toContain('618');
    for (const e of r.manifest.plantedEvents)
      expect(e.from >= '2026-05-27' && e.to <= '2026-07-10').toBe(true);
    expect(r.manifest.plantedEvents.length).toBeGreaterThanOrEqual(8);
    const names = JSON.parse(await readFile(r.manifestPath, 'utf8')).files.map(
      (f: { path: string }) => f.path,
    );
    expect(names).toContain('ExportOrderList202607110830.csv');
  });

  it('runs a very short window without planted sales events', async () => {
    const dir = await tmp('storeops-sim-short-');
    const r = await simulateStore({ outDir: dir, days: 5, seed: 2, scale: 'small' });
    expect(r.manifest.days).toBe(5);
    expect(r.files.find((f) => f.kind === 'store-metrics')?.rows).toBe(5);
  });

  it('rejects bad options with typed errors', async () => {
    await expect(simulateStore({ outDir: '/tmp/x', days: 0, seed: 1, scale: 'small' })).rejects.toMatchObject(
      {
        code: 'demo.invalid_days',
      },
    );
    await expect(
      simulateStore({ outDir: '/tmp/x', days: 5, seed: 1, scale: 'small', endDate: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'demo.invalid_end_date' });
  });
});

describe('parseDemoArgs', () => {
  it('parses the demo options with per-scale defaults', () => {
    expect(parseDemoArgs(['--out', 'demo'])).toEqual({
      outDir: 'demo',
      days: 365,
      seed: 20261124,
      scale: 'medium',
      endDate: DEFAULT_END_DATE,
    });
    expect(parseDemoArgs(['--out=d', '--scale', 'small', '--seed', '9'])).toMatchObject({
      outDir: 'd',
      days: 60,
      seed: 9,
      scale: 'small',
    });
    expect(
      parseDemoArgs(['--out', 'd', '--days', '30', '--end', '2026-06-30', '--store', '某某旗舰店']),
    ).toMatchObject({
      days: 30,
      endDate: '2026-06-30',
      storeName: '某某旗舰店',
    });
  });

  it('throws a usage error for anything else', () => {
    for (const argv of [
      [],
      ['--out'],
      ['--out', 'd', '--scale', 'huge'],
      ['--out', 'd', '--days', 'x'],
      ['--out', 'd', '--what', '1'],
      ['d'],
    ])
      expect(() => parseDemoArgs(argv), argv.join(' ')).toThrow(
        expect.objectContaining({ code: 'demo.usage' }),
      );
  });
});
