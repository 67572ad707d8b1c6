import { calendarDay } from './calendar';
import type { Product } from './catalog';
import type { SimClock } from './clock';
import { Rng } from './rng';
import type { AdPlan, Agent, Competitor, World } from './world';

/**
 * The planted events the diagnosis must later find. Placed deterministically from the seed:
 * sales-level events (market dip, hero stock-out, competitor promotion, ad budget exhausted) on
 * ordinary days away from campaigns and from each other, so each one stands alone in the data.
 */
export type Plan = {
  marketDip: { from: number; to: number; factors: number[] } | null;
  heroStockout: { product: Product; from: number; to: number } | null;
  adBudget: { day: number; plan: AdPlan; offlineAt: number } | null;
  priceChange: { product: Product; day: number; pct: number; effect: number } | null;
  badBatch: { product: Product; from: number; to: number } | null;
  slowAgent: { agent: Agent; from: number; to: number } | null;
  rude: { agent: Agent; days: number[] } | null;
  unanswered: { agent: Agent; days: number[]; idleFrom: number; idleTo: number; perDay: number } | null;
  lateShipDay: number | null;
  competitorPromo: { competitor: Competitor; from: number; to: number } | null;
  lateArrival: { agent: Agent; days: number[]; minutes: number[] } | null;
};

export function isRosterOff(agent: Agent, day: number, clock: SimClock): boolean {
  if (calendarDay(clock.date(day)).peak) return false;
  return (day + agent.rosterOffset) % 7 === 0;
}

export function planEvents(
  world: World,
  clock: SimClock,
  expectedHeroDemand: (p: Product, day: number) => number,
): Plan {
  const rng = Rng.of(world.seed, 'plan');
  const n = clock.days;
  const ordinary = (d: number) => d >= 0 && d < n && calendarDay(clock.date(d)).campaign === null;
  /** Ordinary, with `margin` ordinary days around it where the window allows (no campaign hangover). */
  const calm = (d: number, margin: number) => {
    for (let k = d - margin; k <= d + margin; k++) if (k >= 0 && k < n && !ordinary(k)) return false;
    return ordinary(d);
  };
  const taken: [number, number][] = [];
  const free = (from: number, to: number, gap: number) =>
    taken.every(([a, b]) => to + gap < a || from - gap > b);

  /** A start s so that [s, s+len-1] is ordinary, inside [lo, hi], clear of taken ranges. */
  const place = (len: number, lo: number, hi: number, preferLate = false): number | null => {
    for (const [gap, margin] of [
      [2, 2],
      [1, 2],
      [1, 1],
      [0, 1],
      [0, 0],
    ]) {
      const cands: number[] = [];
      for (let s = Math.max(lo, 0); s + len - 1 <= Math.min(hi, n - 1); s++) {
        let ok = true;
        for (let d = s; d < s + len; d++) if (!calm(d, margin)) ok = false;
        if (ok && free(s, s + len - 1, gap)) cands.push(s);
      }
      if (cands.length > 0) {
        const s = preferLate ? cands[cands.length - 1] : rng.pick(cands);
        taken.push([s, s + len - 1]);
        return s;
      }
    }
    return null;
  };

  const baseline = Math.min(14, Math.floor(n / 4));
  const heroesByDemand = (day: number, exclude: Product[]) =>
    world.heroes
      .filter((h) => !exclude.includes(h))
      .sort((a, b) => expectedHeroDemand(b, day) - expectedHeroDemand(a, day) || a.index - b.index);

  // The ad plan going offline early is "yesterday" when possible: the morning report finds it.
  const adPlan = world.adPlans.find((p) => p.channel === 'ztc') ?? null;
  const adDay = adPlan && n >= 10 ? place(1, n - 6, n - 1, true) : null;

  const stockLen = n >= 45 ? 6 : 4;
  const stockFrom = n >= 30 ? place(stockLen, baseline, n - 4) : null;
  const stockHero = stockFrom !== null ? heroesByDemand(stockFrom, [])[0] : null;

  const dipFrom = n >= 30 ? place(3, baseline, n - 3) : null;
  const promoFrom = n >= 40 ? place(3, baseline, n - 3) : null;

  // Price change: an ordinary day with at least 10 days after it, on a hero other than the stocked-out one.
  let priceChange: Plan['priceChange'] = null;
  if (n >= 30) {
    const cands: number[] = [];
    for (let d = baseline; d <= n - 10; d++) if (ordinary(d) && ordinary(d - 1)) cands.push(d);
    if (cands.length > 0) {
      const day = rng.pick(cands);
      const product = heroesByDemand(day, stockHero ? [stockHero] : [])[1] ?? world.heroes[0];
      priceChange = { product, day, pct: 12, effect: 0.8 };
    }
  }

  // Bad batch: 6 days of orders on a busy hero (reviews follow over the next two weeks).
  let badBatch: Plan['badBatch'] = null;
  if (n >= 30) {
    const lo = Math.min(7, n - 24);
    const hi = n - 24;
    if (hi >= lo) {
      const from = rng.int(lo, hi);
      const exclude = [stockHero, priceChange?.product].filter(
        (p): p is Product => p !== null && p !== undefined,
      );
      const product = heroesByDemand(from, exclude)[0] ?? world.heroes[0];
      badBatch = { product, from, to: from + 5 };
    }
  }

  const agent = (name: string) => {
    const a = world.agents.find((x) => x.name === name);
    if (!a) throw new Error(`no agent ${name}`);
    return a;
  };
  const workingDays = (a: Agent, lo: number, hi: number) => {
    const out: number[] = [];
    for (let d = Math.max(lo, 0); d <= Math.min(hi, n - 1); d++) if (!isRosterOff(a, d, clock)) out.push(d);
    return out;
  };
  const pickDays = (a: Agent, count: number, lo: number, hi: number) => {
    const days = rng.shuffle(workingDays(a, lo, hi)).slice(0, count);
    return days.sort((x, y) => x - y);
  };

  let slowAgent: Plan['slowAgent'] = null;
  if (n >= 21) {
    const from = rng.int(Math.min(7, n - 15), n - 15);
    slowAgent = { agent: agent('小雨'), from, to: from + 13 };
  }
  const rudeAgent = agent('阿杰');
  const rude = n >= 14 ? { agent: rudeAgent, days: pickDays(rudeAgent, n >= 60 ? 4 : 3, 3, n - 1) } : null;
  const idleAgent = agent('小静');
  const unanswered =
    n >= 14
      ? {
          agent: idleAgent,
          days: pickDays(idleAgent, 2, 3, n - 1),
          idleFrom: 20.5 * 3600,
          idleTo: 22.75 * 3600,
          perDay: 4,
        }
      : null;

  let lateArrival: Plan['lateArrival'] = null;
  if (n >= 14) {
    const a = agent('大鹏');
    const start = rng.int(0, Math.max(0, n - 28));
    const days = pickDays(a, 3, start, start + 27);
    lateArrival = { agent: a, days, minutes: days.map(() => rng.int(12, 35)) };
  }

  // Late shipments: an ordinary day (the two days after it too: no campaign exemption applies).
  const lateShipDay = n >= 20 ? place(3, baseline, n - 2) : null;

  return {
    marketDip: dipFrom !== null ? { from: dipFrom, to: dipFrom + 2, factors: [0.8, 0.7, 0.78] } : null,
    heroStockout:
      stockFrom !== null && stockHero
        ? { product: stockHero, from: stockFrom, to: stockFrom + stockLen - 1 }
        : null,
    adBudget: adDay !== null && adPlan ? { day: adDay, plan: adPlan, offlineAt: 15 * 3600 + 20 * 60 } : null,
    priceChange,
    badBatch,
    slowAgent,
    rude,
    unanswered,
    lateShipDay,
    competitorPromo:
      promoFrom !== null ? { competitor: world.competitors[0], from: promoFrom, to: promoFrom + 2 } : null,
    lateArrival,
  };
}
