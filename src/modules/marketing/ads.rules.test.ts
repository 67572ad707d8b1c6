import { describe, expect, it } from 'vitest';
import {
  type AdRow,
  daysLeft,
  fallingCtr,
  HOUR_PROFILE,
  hourReaching,
  keywordAlerts,
  metricsOf,
  offlineFromDaily,
  offlineFromHourly,
  roiBelowFloor,
} from './ads.rules';

/** A usual day of `total` fen spent along the hour profile, stopped at `stopHour` (exclusive). */
function hourly(total: number, stopHour = 24, cpc = 100) {
  return HOUR_PROFILE.map((share, hour) => {
    const spendFen = hour < stopHour ? Math.round(total * share) : 0;
    return { hour, spendFen, clicks: Math.round(spendFen / cpc) };
  });
}

describe('early offline from hourly spend', () => {
  it.each([
    ['a full day is not offline', hourly(50_000), 50_000, null],
    [
      'stopped at 15:00 with the budget spent',
      hourly(80_000, 15),
      hourly(80_000, 15).reduce((a, h) => a + h.spendFen, 0),
      '15:00',
    ],
    ['stopped at 15:00 but the budget was not spent (paused by hand)', hourly(20_000, 15), 80_000, null],
    ['stopped at 15:00, budget unknown', hourly(80_000, 15), null, '15:00'],
    ['stopped at 22:00 is the usual end of the evening', hourly(80_000, 22), null, null],
    [
      'only a morning test (3 hours), budget unknown',
      hourly(80_000, 24).map((h) => ({ ...h, spendFen: h.hour >= 8 && h.hour < 11 ? 1_000 : 0 })),
      null,
      null,
    ],
    ['never spent', hourly(0), 10_000, null],
  ])('%s', (_n, hours, budget, at) => {
    const r = offlineFromHourly(hours, budget as number | null);
    expect(r?.offlineAt ?? null).toBe(at);
  });
  it('estimates the clicks lost for the rest of the day', () => {
    const r = offlineFromHourly(hourly(100_000, 15), null)!;
    const full = hourly(100_000).reduce((a, h) => a + h.clicks, 0);
    const got = hourly(100_000, 15).reduce((a, h) => a + h.clicks, 0);
    expect(Math.abs(r.lostClicks! - (full - got))).toBeLessThan(full * 0.02);
  });
});

describe('early offline from daily data', () => {
  const usual = Array.from({ length: 7 }, (_, i) => ({ spendFen: 50_000 + i * 100, clicks: 500 + i }));
  it.each([
    ['a usual day', { spendFen: 50_000, clicks: 500 }, null, null],
    ['fewer clicks but cheaper: demand fell, not budget', { spendFen: 20_000, clicks: 300 }, null, null],
    ['fewer clicks, dearer: starved of budget', { spendFen: 30_000, clicks: 230 }, null, 'daily_pattern'],
    ['budget spent with 80 % of clicks', { spendFen: 40_000, clicks: 400 }, 40_000, 'budget'],
    ['budget spent with the usual clicks (a busy day)', { spendFen: 40_000, clicks: 500 }, 40_000, null],
  ])('%s', (_n, day, budget, basis) => {
    expect(offlineFromDaily(day, usual, budget)?.basis ?? null).toBe(basis);
  });
  it('places the stop where the usual profile reaches the share of clicks', () => {
    const r = offlineFromDaily({ spendFen: 30_000, clicks: 250 }, usual, null)!;
    expect(r.offlineAt).toBe(
      `${String(Math.floor(hourReaching(250 / 503))).padStart(2, '0')}:${String(Math.round((hourReaching(250 / 503) % 1) * 60)).padStart(2, '0')}`,
    );
    expect(r.lostClicks).toBe(253);
  });
  it('no history, no finding', () => {
    expect(offlineFromDaily({ spendFen: 1, clicks: 1 }, [], null)).toBeNull();
  });
});

const row = (date: string, o: Partial<AdRow>): AdRow => ({
  channel: 'ztc',
  date,
  planId: 'p1',
  planName: '计划一',
  impressions: 10_000,
  clicks: 300,
  spendFen: 30_000,
  orders: 10,
  gmvFen: 90_000,
  ...o,
});
const dates = Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 15).padStart(2, '0')}`);

describe('metrics, creatives, keywords, ROI, balance', () => {
  it('metrics', () => {
    expect(metricsOf([row(dates[0], {}), row(dates[1], {})])).toMatchObject({
      ctrBp: 300,
      cpcFen: 100,
      cvrBp: 333,
      roi: 300,
    });
    expect(metricsOf([])).toMatchObject({ ctrBp: null, cpcFen: null, roi: null });
  });
  it('a creative whose CTR fell by a quarter asks for a new design; a steady one does not', () => {
    const rows = dates.flatMap((d, i) => [
      row(d, { unitId: 'u1', unitName: '主图A', clicks: i >= 7 ? 225 : 300 }),
      row(d, { unitId: 'u2', unitName: '主图B', clicks: 300 }),
    ]);
    const f = fallingCtr(rows, dates[9]);
    expect(f.map((t) => t.label)).toEqual(['计划一 / 主图A']);
    expect(f[0].changeBp).toBe(-2500);
  });
  it('keywords: rank falling by a place or more, CPC up 20 %', () => {
    const rows = dates.flatMap((d, i) => [
      row(d, { keyword: '凉席', averageRank: i >= 7 ? 5.5 : 3.2 }),
      row(d, { keyword: '冰丝', averageRank: 4, spendFen: i >= 7 ? 39_000 : 30_000 }),
      row(d, { keyword: '竹席', averageRank: 4.4 }),
    ]);
    const k = keywordAlerts(rows, dates[9]);
    expect(k.rank.map((t) => t.label)).toEqual(['凉席（计划一）']);
    expect(k.cpc.map((t) => t.label)).toEqual(['冰丝（计划一）']);
  });
  it.each([
    [{ spendFen: 50_000, gmvFen: 90_000 }, 200, true],
    [{ spendFen: 50_000, gmvFen: 100_000 }, 200, false],
    [{ spendFen: 5_000, gmvFen: 0 }, 200, false],
  ])('ROI floor %j', (m, floor, below) => {
    expect(roiBelowFloor(metricsOf([row(dates[0], m)]), floor)).toBe(below);
  });
  it.each([
    [100_000, [50_000, 50_000], 2],
    [100_000, [30_000, 30_000, 30_000], 3.3],
    [100_000, [], null],
    [100_000, [0, 0], null],
  ])('days left %i / %j', (bal, spend, want) => {
    expect(daysLeft(bal, spend)).toBe(want);
  });
});
