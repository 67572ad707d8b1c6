/**
 * Customer-service attendance sheet (遵时率): one row per agent for a period. The period comes
 * from 开始日期/结束日期 or 日期 columns when present, else from the caller, else from the file
 * name (`…20260301-20260331…`, `…2026-03…`); it is part of the row key.
 */
import { defineAdapter, stableId } from '../adapter';
import type { FormatVersion } from '../format';

export type CsAttendance = {
  /** hash of agent + period */
  platformId: string;
  /** First and last day covered, yyyy-MM-dd (null when unknown). */
  periodStart: string | null;
  periodEnd: string | null;
  /** 客服 */
  agent: string;
  /** 上班天数 */
  workDays: number | null;
  /** 平均上线时间, HH:mm:ss */
  averageOnlineTime: string | null;
  /** 最早上线, HH:mm:ss */
  earliestOnlineTime: string | null;
  /** 最晚在线, HH:mm:ss */
  latestOnlineTime: string | null;
  /** 在线总时长, seconds */
  totalOnlineSeconds: number | null;
  /** 挂起总时长, seconds (idleOnline time) */
  totalIdleSeconds: number | null;
};

const FIELDS = [
  'agent',
  'workDays',
  'averageOnlineTime',
  'earliestOnlineTime',
  'latestOnlineTime',
  'totalOnlineSeconds',
  'totalIdleSeconds',
  'periodStart',
  'periodEnd',
  'date',
] as const;
type Field = (typeof FIELDS)[number];

export const CS_ATTENDANCE_VERSIONS: readonly FormatVersion<Field>[] = [
  {
    id: 'zunshilv',
    label: '遵时率表',
    labelEn: 'attendance (遵时率) sheet',
    columns: {
      agent: ['客服', '旺旺', '子账号'],
      workDays: ['上班天数', '出勤天数'],
      averageOnlineTime: ['平均上线时间'],
      earliestOnlineTime: ['最早上线', '最早上线时间'],
      latestOnlineTime: ['最晚在线', '最晚在线时间'],
      totalOnlineSeconds: ['在线总时长'],
      totalIdleSeconds: ['挂起总时长'],
      periodStart: ['开始日期'],
      periodEnd: ['结束日期'],
      date: ['日期', '统计日期'],
    },
    required: ['agent', 'workDays', 'totalOnlineSeconds'],
  },
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Period from a file name: `20260301-20260331`, `2026-03-01~2026-03-31`, `202603`, `2026-03`. */
export function periodFromFileName(name: string): { from: string; to: string } | null {
  const range = /(\d{4})-?(\d{2})-?(\d{2})\s*[-~_至到]\s*(\d{4})-?(\d{2})-?(\d{2})/.exec(name);
  if (range)
    return { from: `${range[1]}-${range[2]}-${range[3]}`, to: `${range[4]}-${range[5]}-${range[6]}` };
  const month = /(?:^|[^\d])(\d{4})-?(0[1-9]|1[0-2])(?:[^\d]|$)/.exec(name);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${y}-${pad2(m)}-01`, to: `${y}-${pad2(m)}-${pad2(last)}` };
  }
  return null;
}

export const csAttendanceAdapter = defineAdapter<CsAttendance, Field>({
  kind: 'cs-attendance',
  label: '客服遵时率表',
  labelEn: 'CS attendance (遵时率)',
  fields: FIELDS,
  versions: CS_ATTENDANCE_VERSIONS,
  fileNamePatterns: [/遵时率/, /考勤/, /attendance/i],
  excludeHeaders: ['询单人数', '接待人数'],
  rowParser({ columns: C, context }) {
    const filePeriod = context.period ?? (context.fileName ? periodFromFileName(context.fileName) : null);
    return (r) => {
      const agent = r.text(C.agent, true)!;
      const day = r.date(C.date);
      const periodStart = r.date(C.periodStart) ?? day ?? filePeriod?.from ?? null;
      const periodEnd = r.date(C.periodEnd) ?? day ?? filePeriod?.to ?? null;
      return {
        platformId: stableId('cs-attendance', agent, periodStart, periodEnd),
        periodStart,
        periodEnd,
        agent,
        workDays: r.count(C.workDays),
        averageOnlineTime: r.timeOfDay(C.averageOnlineTime),
        earliestOnlineTime: r.timeOfDay(C.earliestOnlineTime),
        latestOnlineTime: r.timeOfDay(C.latestOnlineTime),
        totalOnlineSeconds: r.seconds(C.totalOnlineSeconds),
        totalIdleSeconds: r.seconds(C.totalIdleSeconds),
      };
    };
  },
});
