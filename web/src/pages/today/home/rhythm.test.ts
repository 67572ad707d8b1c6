import { describe, expect, it } from 'vitest';
import { MANAGER_RHYTHM, rhythmAt } from './rhythm';

const at = (h: number, m = 0) => rhythmAt(MANAGER_RHYTHM, h * 60 + m);

describe('the manager daily rhythm', () => {
  it('is in data diagnosis at 09:15 with store foundation next', () => {
    expect(at(9, 15).current?.key).toBe('dataDiagnosis');
    expect(at(9, 15).next?.key).toBe('storeFoundation');
  });

  it('starts a block on its start minute and leaves it on its end minute', () => {
    expect(at(10, 30).current?.key).toBe('storeFoundation');
    expect(at(11).current?.key).toBe('promotion');
  });

  it('has a lunch break with activities next', () => {
    expect(at(12, 45).current).toBeNull();
    expect(at(12, 45).next?.key).toBe('activities');
  });

  it('is the design handover before 08:30 and over after 17:30', () => {
    expect(at(7, 50).current?.key).toBe('designHandover');
    expect(at(18).over).toBe(true);
  });
});
