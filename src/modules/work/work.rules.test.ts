import { describe, expect, it } from 'vitest';
import { canMoveStatus, compareTasksForQueue, isOverdue } from './work.rules';

const now = new Date('2026-11-25T02:00:00Z');
const t = (o: Partial<{ status: string; dueAt: Date | null; priority: string; createdAt: Date }>) => ({
  status: 'open',
  dueAt: null,
  priority: 'normal',
  createdAt: new Date('2026-11-24T00:00:00Z'),
  ...o,
});

describe('task rules', () => {
  it('is overdue only when open and past due', () => {
    expect(isOverdue(t({ dueAt: new Date('2026-11-25T01:59:59Z') }), now)).toBe(true);
    expect(isOverdue(t({ dueAt: now }), now)).toBe(false);
    expect(isOverdue(t({ dueAt: null }), now)).toBe(false);
    expect(isOverdue(t({ status: 'done', dueAt: new Date(0) }), now)).toBe(false);
    expect(isOverdue(t({ status: 'waiting', dueAt: new Date(0) }), now)).toBe(true);
  });

  it('orders a queue: overdue, then priority, then due time, then age', () => {
    const late = t({ dueAt: new Date('2026-11-25T01:00:00Z'), priority: 'low' });
    const urgent = t({ priority: 'urgent', dueAt: new Date('2026-11-26T00:00:00Z') });
    const soon = t({ dueAt: new Date('2026-11-25T03:00:00Z') });
    const noDue = t({});
    const sorted = [noDue, soon, urgent, late].sort((a, b) => compareTasksForQueue(a, b, now));
    expect(sorted).toEqual([late, urgent, soon, noDue]);
  });

  it('lets a closed task only be reopened', () => {
    expect(canMoveStatus('open', 'done')).toBe(true);
    expect(canMoveStatus('done', 'open')).toBe(true);
    expect(canMoveStatus('done', 'doing')).toBe(false);
    expect(canMoveStatus('cancelled', 'done')).toBe(false);
    expect(canMoveStatus('open', 'open')).toBe(false);
    expect(canMoveStatus('open', 'nonsense')).toBe(false);
  });
});
