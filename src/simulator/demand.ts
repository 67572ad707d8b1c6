import { calendarDay, productSeason, storeSeason, WEEKDAY_FACTOR } from './calendar';
import type { Product } from './catalog';
import type { SimClock } from './clock';
import { DAY, HOUR } from './clock';
import type { Rng } from './rng';
import { WeightedPicker } from './rng';
import type { World } from './world';

/**
 * Expected demand: orders per product per day before noise and before the planted events, from
 * the weekday pattern, seasonality, a growth trend and the campaign calendar. Stock planning uses
 * it as its forecast; the day loop adds noise and the events on top.
 */
export class Demand {
  /** expected[d][p] = expected orders of product p on day d (d may run past the window). */
  private readonly table: Float64Array[] = [];
  private readonly popShare: number[];

  constructor(
    private readonly world: World,
    private readonly clock: SimClock,
  ) {
    const pop = world.products.reduce((a, p) => a + p.popularity, 0);
    this.popShare = world.products.map((p) => p.popularity / pop);
  }

  /** The store-level multiplier of a day (no product seasonality). */
  dayFactor(d: number): number {
    const date = this.clock.date(d);
    const cal = calendarDay(date);
    const trend = 1 + 0.15 * (d / 365);
    return WEEKDAY_FACTOR[this.clock.weekday(d)] * storeSeason(date) * trend * cal.traffic * cal.conversion;
  }

  expected(d: number, p: Product): number {
    let row = this.table[d];
    if (!row) {
      row = new Float64Array(this.world.products.length);
      const date = this.clock.date(d);
      const f = this.dayFactor(d);
      for (const q of this.world.products) {
        row[q.index] =
          this.world.config.baseOrders * this.popShare[q.index] * productSeason(q.season, date) * f;
      }
      this.table[d] = row;
    }
    return row[p.index];
  }

  /** Visitors that produce the expected orders at the product's ordinary conversion. */
  visitors(d: number, p: Product): number {
    const cal = calendarDay(this.clock.date(d));
    return this.expected(d, p) / (p.conversion * cal.conversion);
  }
}

/** Order-creation hour profile of a Taobao home-goods store (evening peak 20–22 h). */
const HOURS = [
  2.2, 1.1, 0.5, 0.3, 0.2, 0.3, 0.7, 1.6, 3.2, 4.8, 6.0, 5.8, 4.9, 5.3, 5.8, 5.8, 5.4, 4.6, 4.4, 5.3, 6.8,
  7.9, 7.6, 5.0,
];
const HOURS_PEAK = HOURS.map((w, h) =>
  h === 0 ? w * 7 : h === 1 ? w * 2.5 : h === 20 ? w * 1.8 : h === 21 ? w * 1.3 : w,
);
const normalPicker = new WeightedPicker(HOURS);
const peakPicker = new WeightedPicker(HOURS_PEAK);
/** Chat hours: only inside the CS shifts (08:30–24:00). */
const CHAT_HOURS = HOURS.map((w, h) => (h >= 9 && h <= 23 ? w : 0));
const chatPicker = new WeightedPicker(CHAT_HOURS);

/** A random instant of day d following the hour profile. */
export function sampleTime(rng: Rng, d: number, midnightPeak: boolean): number {
  const h = (midnightPeak ? peakPicker : normalPicker).pick(rng);
  return d * DAY + h * HOUR + rng.int(0, HOUR - 1);
}

/** A random instant of day d inside CS hours (09:00–23:40). */
export function sampleChatTime(rng: Rng, d: number): number {
  const h = chatPicker.pick(rng);
  const t = d * DAY + h * HOUR + rng.int(0, HOUR - 1);
  return Math.min(t, d * DAY + 23 * HOUR + 40 * 60);
}

/** Fraction of a day's traffic that arrives before second-of-day s. */
export function trafficShareBefore(s: number): number {
  const total = HOURS.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    const from = h * HOUR;
    if (s >= from + HOUR) acc += HOURS[h];
    else if (s > from) acc += (HOURS[h] * (s - from)) / HOUR;
  }
  return acc / total;
}
