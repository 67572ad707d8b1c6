import type { SimClock } from './clock';
import { DAY, MINUTE } from './clock';
import { isRosterOff, type Plan } from './plan';
import { Rng } from './rng';
import { type Agent, SHIFT_HOURS } from './world';

/**
 * One agent's day: on the roster or off, when they logged in and out, their meal break (挂起),
 * and — for the planted idle agent — the window they were online but away (空挂).
 * A pure function of (seed, day, agent): after-sales chats days ahead can ask who is on duty.
 */
export type AgentDay = {
  present: boolean;
  login: number;
  logout: number;
  breakFrom: number;
  breakTo: number;
  idleFrom: number;
  idleTo: number;
  lateMinutes: number;
};

export class Roster {
  private readonly memo = new Map<number, AgentDay>();

  constructor(
    private readonly seed: number,
    private readonly clock: SimClock,
    private readonly plan: Plan,
    readonly agents: Agent[],
  ) {}

  day(d: number, a: Agent): AgentDay {
    const key = d * 16 + a.index;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const rng = Rng.of(this.seed, 'agent-day', d, a.index);
    const [s, e] = SHIFT_HOURS[a.shift];
    const base = d * DAY;
    const late = this.plan.lateArrival;
    const k = late && late.agent === a ? late.days.indexOf(d) : -1;
    const lateMinutes = k >= 0 && late ? late.minutes[k] : 0;
    const login =
      lateMinutes > 0 ? base + s + lateMinutes * MINUTE + rng.int(0, 59) : base + s - rng.int(180, 900);
    const logout = base + e + (a.shift === 'night' ? rng.int(300, 2400) : rng.int(0, 1500));
    const breakFrom = a.shift === 'day' ? base + rng.int(42_600, 45_600) : base + rng.int(66_600, 70_200);
    const breakTo = breakFrom + (a.shift === 'day' ? rng.int(1800, 3600) : rng.int(1200, 2400));
    const un = this.plan.unanswered;
    const idle = un && un.agent === a && un.days.includes(d);
    const out: AgentDay = {
      present: !isRosterOff(a, d, this.clock),
      login,
      logout,
      breakFrom,
      breakTo,
      idleFrom: idle && un ? base + un.idleFrom : -1,
      idleTo: idle && un ? base + un.idleTo : -1,
      lateMinutes,
    };
    if (this.memo.size > 4000) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }

  /** On duty and at the desk at instant t (logged in, not on a break, not away). */
  available(a: Agent, t: number): boolean {
    const ad = this.day(Math.floor(t / DAY), a);
    if (!ad.present) return false;
    if (t < ad.login || t > ad.logout - 300) return false;
    if (t >= ad.breakFrom && t < ad.breakTo) return false;
    if (t >= ad.idleFrom && t < ad.idleTo) return false;
    return true;
  }

  /** A random available agent for a pre-sale or after-sales chat at t, or null. */
  pick(rng: Rng, t: number, role: 'presale' | 'aftersale'): Agent | null {
    if (role === 'aftersale') {
      const after = this.agents.filter((a) => a.role === 'aftersale' && this.available(a, t));
      if (after.length > 0) return after[0];
    }
    const pre = this.agents.filter((a) => a.role === 'presale' && this.available(a, t));
    return pre.length > 0 ? rng.pick(pre) : null;
  }
}
