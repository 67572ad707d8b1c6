/** Task vocabulary and the pure rules about tasks. */

export const TASK_STATUSES = ['open', 'doing', 'waiting', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const CLOSED_STATUSES: ReadonlySet<TaskStatus> = new Set(['done', 'cancelled']);

export const isClosed = (status: string): boolean => CLOSED_STATUSES.has(status as TaskStatus);

/** Overdue: still open in any form and its due time has passed. */
export function isOverdue(task: { status: string; dueAt: Date | null }, now: Date): boolean {
  return !isClosed(task.status) && task.dueAt !== null && task.dueAt.getTime() < now.getTime();
}

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * The order a person works a queue in: overdue first, then by priority, then by due time
 * (no due time last), then oldest first.
 */
export function compareTasksForQueue(
  a: { status: string; dueAt: Date | null; priority: string; createdAt: Date },
  b: { status: string; dueAt: Date | null; priority: string; createdAt: Date },
  now: Date,
): number {
  const ao = isOverdue(a, now) ? 0 : 1;
  const bo = isOverdue(b, now) ? 0 : 1;
  if (ao !== bo) return ao - bo;
  const ap = PRIORITY_RANK[a.priority as TaskPriority] ?? 2;
  const bp = PRIORITY_RANK[b.priority as TaskPriority] ?? 2;
  if (ap !== bp) return ap - bp;
  const ad = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bd = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ad !== bd) return ad - bd;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

/** Allowed status moves: anything open may move anywhere; a closed task may only be reopened. */
export function canMoveStatus(from: string, to: string): boolean {
  if (from === to) return false;
  if (isClosed(from)) return to === 'open';
  return (TASK_STATUSES as readonly string[]).includes(to);
}
