import { addDays } from '../core/time';

/**
 * The platform calendar the simulated market lives by: 年货节 before the Spring Festival, the
 * Spring Festival itself (a market-wide low), 女王节, 618, 国庆, 双11 (pre-sale, first wave, peak),
 * 双12. Multipliers apply to the market as a whole; the store follows them with its own noise.
 */

/** Spring Festival (正月初一) dates. */
const SPRING_FESTIVAL: Record<number, string> = {
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
};

export type CampaignName = '年货节' | '春节' | '女王节' | '618' | '国庆' | '双11' | '双12';

export type CalendarDay = {
  /** Campaign or holiday the day belongs to, if any. */
  campaign: CampaignName | null;
  /** The campaign's phase, e.g. 预售 / 第一波 / 正式 / 返场. */
  phase: string | null;
  /** Visitors multiplier. */
  traffic: number;
  /** Conversion multiplier (pre-sale days convert worse, peak days better). */
  conversion: number;
  /** Add-to-cart multiplier (pre-sale days fill carts). */
  cart: number;
  /** True on the days orders open at midnight (or 20:00) — the hour profile changes. */
  midnightPeak: boolean;
  /** Cross-store 满减 (每满300减50) active. */
  crossStoreDiscount: boolean;
  /** True on the main days of a big promotion (shipping may take up to 72 h; CS all on duty). */
  peak: boolean;
};

const NORMAL: CalendarDay = {
  campaign: null,
  phase: null,
  traffic: 1,
  conversion: 1,
  cart: 1,
  midnightPeak: false,
  crossStoreDiscount: false,
  peak: false,
};

function md(date: string): string {
  return date.slice(5);
}

function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = a.split('-').map(Number);
  const [y2, m2, d2] = b.split('-').map(Number);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

function springFestival(year: number): string | null {
  return SPRING_FESTIVAL[year] ?? null;
}

const memo = new Map<string, CalendarDay>();

/** The calendar facts of a yyyy-MM-dd date (memoised: asked for every order and chat message). */
export function calendarDay(date: string): CalendarDay {
  let c = memo.get(date);
  if (!c) {
    c = computeCalendarDay(date);
    if (memo.size > 5_000) memo.clear();
    memo.set(date, c);
  }
  return c;
}

function computeCalendarDay(date: string): CalendarDay {
  const year = Number(date.slice(0, 4));
  const mmdd = md(date);

  // Spring Festival and 年货节 (relative to the festival of this or next year).
  for (const y of [year, year + 1]) {
    const sf = springFestival(y);
    if (!sf) continue;
    const k = daysBetween(sf, date); // negative before the festival
    if (k >= -30 && k <= -20) {
      const first = k === -30;
      return {
        ...NORMAL,
        campaign: '年货节',
        phase: first ? '开门红' : '正式',
        traffic: first ? 1.9 : 1.35,
        conversion: first ? 1.25 : 1.1,
        cart: 1.3,
        crossStoreDiscount: true,
        peak: first,
      };
    }
    if (k >= -9 && k <= 6) {
      // Logistics wind down before the festival and restart after it: a market-wide low.
      const depth = k <= -6 ? 0.75 : k <= 3 ? 0.45 : 0.65;
      return {
        ...NORMAL,
        campaign: '春节',
        phase: k < 0 ? '节前' : '节后',
        traffic: depth + 0.1,
        conversion: depth / (depth + 0.1),
      };
    }
  }

  if (mmdd >= '03-05' && mmdd <= '03-08') {
    return {
      ...NORMAL,
      campaign: '女王节',
      phase: '正式',
      traffic: mmdd === '03-08' ? 1.45 : 1.2,
      conversion: 1.08,
    };
  }

  if (mmdd >= '05-26' && mmdd <= '06-20') {
    if (mmdd <= '05-30')
      return { ...NORMAL, campaign: '618', phase: '预售', traffic: 1.25, conversion: 0.85, cart: 2.0 };
    if (mmdd === '05-31')
      return {
        ...NORMAL,
        campaign: '618',
        phase: '开门红',
        traffic: 1.8,
        conversion: 1.3,
        cart: 1.5,
        midnightPeak: true,
        crossStoreDiscount: true,
        peak: true,
      };
    if (mmdd === '06-01')
      return {
        ...NORMAL,
        campaign: '618',
        phase: '开门红',
        traffic: 2.1,
        conversion: 1.35,
        cart: 1.3,
        crossStoreDiscount: true,
        peak: true,
      };
    if (mmdd <= '06-15')
      return {
        ...NORMAL,
        campaign: '618',
        phase: '续售',
        traffic: 1.1,
        conversion: 1.05,
        cart: 1.2,
        crossStoreDiscount: true,
      };
    if (mmdd === '06-16' || mmdd === '06-17')
      return {
        ...NORMAL,
        campaign: '618',
        phase: '冲刺',
        traffic: 1.4,
        conversion: 1.1,
        cart: 1.8,
        crossStoreDiscount: true,
      };
    if (mmdd === '06-18')
      return {
        ...NORMAL,
        campaign: '618',
        phase: '正式',
        traffic: 2.8,
        conversion: 1.5,
        cart: 1.2,
        midnightPeak: true,
        crossStoreDiscount: true,
        peak: true,
      };
    return {
      ...NORMAL,
      campaign: '618',
      phase: '返场',
      traffic: 1.1,
      conversion: 1.0,
      crossStoreDiscount: true,
    };
  }

  if (mmdd >= '10-01' && mmdd <= '10-07') {
    return { ...NORMAL, campaign: '国庆', phase: '假期', traffic: 0.88, conversion: 0.95 };
  }

  if (mmdd >= '10-24' && mmdd <= '11-13') {
    if (mmdd <= '10-30')
      return { ...NORMAL, campaign: '双11', phase: '预售', traffic: 1.3, conversion: 0.8, cart: 2.4 };
    if (mmdd === '10-31')
      return {
        ...NORMAL,
        campaign: '双11',
        phase: '第一波',
        traffic: 2.6,
        conversion: 1.45,
        cart: 1.4,
        midnightPeak: true,
        crossStoreDiscount: true,
        peak: true,
      };
    if (mmdd <= '11-03')
      return {
        ...NORMAL,
        campaign: '双11',
        phase: '第一波',
        traffic: 1.45,
        conversion: 1.15,
        cart: 1.3,
        crossStoreDiscount: true,
      };
    if (mmdd <= '11-09')
      return { ...NORMAL, campaign: '双11', phase: '蓄水', traffic: 1.05, conversion: 0.9, cart: 2.0 };
    if (mmdd === '11-10')
      return { ...NORMAL, campaign: '双11', phase: '预热', traffic: 1.35, conversion: 0.85, cart: 2.2 };
    if (mmdd === '11-11')
      return {
        ...NORMAL,
        campaign: '双11',
        phase: '正式',
        traffic: 4.2,
        conversion: 1.6,
        cart: 1.2,
        midnightPeak: true,
        crossStoreDiscount: true,
        peak: true,
      };
    return {
      ...NORMAL,
      campaign: '双11',
      phase: '返场',
      traffic: 1.2,
      conversion: 1.05,
      crossStoreDiscount: true,
    };
  }

  if (mmdd >= '12-10' && mmdd <= '12-13') {
    if (mmdd === '12-12')
      return {
        ...NORMAL,
        campaign: '双12',
        phase: '正式',
        traffic: 2.3,
        conversion: 1.35,
        midnightPeak: true,
        crossStoreDiscount: true,
        peak: true,
      };
    return {
      ...NORMAL,
      campaign: '双12',
      phase: mmdd < '12-12' ? '预热' : '返场',
      traffic: 1.15,
      conversion: 1.0,
      cart: 1.5,
    };
  }

  return NORMAL;
}

/** Weekday factor for a home-goods store: weekends and Monday evenings shop more. 0 = Sunday. */
export const WEEKDAY_FACTOR = [1.12, 1.02, 0.98, 0.97, 0.96, 0.92, 1.06];

/** Store-wide seasonality (home goods peak before winter and around the new year). */
export function storeSeason(date: string): number {
  const doy = dayOfYear(date);
  return 1 + 0.1 * Math.cos(((doy - 355) / 365) * 2 * Math.PI);
}

export type Season = 'all' | 'winter' | 'summer';

/** Product seasonality: winter goods peak late December, summer goods in mid July. */
export function productSeason(season: Season, date: string): number {
  const doy = dayOfYear(date);
  if (season === 'winter') return 0.95 + 0.8 * Math.cos(((doy - 360) / 365) * 2 * Math.PI);
  if (season === 'summer') return 0.95 + 0.8 * Math.cos(((doy - 195) / 365) * 2 * Math.PI);
  return 1;
}

export function dayOfYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return daysBetween(`${y}-01-01`, date) + 1;
}

export type CampaignWindow = { name: CampaignName; start: string; end: string; peakDays: string[] };

/** The campaigns and holidays that intersect [startDate, endDate], for the manifest. */
export function campaignWindows(startDate: string, endDate: string): CampaignWindow[] {
  const out: CampaignWindow[] = [];
  let current: CampaignWindow | null = null;
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) {
    const c = calendarDay(d);
    if (c.campaign && current && current.name === c.campaign && current.end === addDays(d, -1)) {
      current.end = d;
      if (c.peak) current.peakDays.push(d);
      continue;
    }
    if (current) out.push(current);
    current = c.campaign ? { name: c.campaign, start: d, end: d, peakDays: c.peak ? [d] : [] } : null;
  }
  if (current) out.push(current);
  return out;
}
