import { describe, expect, it } from 'vitest';
import { addDays, businessDate, fixedClock, isValidDate, isValidTimeZone, zonedInstant } from './time';

describe('business dates in the store time zone', () => {
  it('puts 23:30 UTC on the next day in Shanghai', () => {
    expect(businessDate(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    expect(businessDate(new Date('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(businessDate(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('finds the instant of a wall-clock time', () => {
    expect(zonedInstant('2026-11-25', '08:30').toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(zonedInstant('2026-07-01', '12:00', 'America/New_York').toISOString()).toBe(
      '2026-07-01T16:00:00.000Z',
    );
  });

  it('rejects impossible dates', () => {
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-1')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows time zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('lets tests move the clock', () => {
    const c = fixedClock('2026-11-25T00:00:00Z');
    c.advance(3600_000);
    expect(c.now().toISOString()).toBe('2026-11-25T01:00:00.000Z');
  });
});
