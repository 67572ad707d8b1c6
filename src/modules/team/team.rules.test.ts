import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canInStore,
  isAcceptablePassword,
  isValidLogin,
  isValidStoreCode,
  orgPermissions,
  ROLES,
  STORE_RESOURCES,
  storePermissions,
} from './team.rules';

describe('who may do what', () => {
  it('lets the owner role do everything in its store, including approving payroll', () => {
    for (const r of STORE_RESOURCES) {
      expect(canInStore(['owner'], r, 'read')).toBe(true);
      expect(canInStore(['owner'], r, 'write')).toBe(true);
    }
    expect(canInStore(['owner'], 'pay', 'approve')).toBe(true);
  });

  it('never lets CS see finance or pay', () => {
    for (const role of ['cs_presale', 'cs_aftersale']) {
      expect(canInStore([role], 'finance', 'read')).toBe(false);
      expect(canInStore([role], 'pay', 'read')).toBe(false);
      expect(canInStore([role], 'orders', 'write')).toBe(true);
    }
  });

  it('gives a manager everything but payroll approval and finance writes', () => {
    expect(canInStore(['manager'], 'pay', 'approve')).toBe(false);
    expect(canInStore(['manager'], 'finance', 'write')).toBe(false);
    expect(canInStore(['manager'], 'finance', 'read')).toBe(true);
    expect(canInStore(['manager'], 'team', 'write')).toBe(true);
  });

  it('unions the roles of a person who holds several', () => {
    expect(canInStore(['designer'], 'inventory', 'read')).toBe(false);
    expect(canInStore(['designer', 'warehouse'], 'inventory', 'write')).toBe(true);
  });

  it('denies by default: no roles, unknown roles', () => {
    expect(canInStore([], 'today', 'read')).toBe(false);
    expect(canInStore(['intern'], 'today', 'read')).toBe(false);
    expect(storePermissions([])).toEqual([]);
  });

  it('gives every role its own day (today) and the team list', () => {
    for (const role of ROLES) {
      expect(canInStore([role], 'today', 'read')).toBe(true);
      expect(canInStore([role], 'team', 'read')).toBe(true);
    }
  });

  it('lists approve only where there is an approval step', () => {
    expect(storePermissions(['owner'])).toContain('pay:approve');
    expect(storePermissions(['owner'])).not.toContain('orders:approve');
  });

  it('keeps organisation rights to owners and managers', () => {
    expect(orgPermissions(true, [])).toContain('stores:create');
    expect(orgPermissions(false, [['manager']])).toEqual([
      'stores:write',
      'people:read',
      'people:write',
      'audit:read',
    ]);
    expect(orgPermissions(false, [['cs_presale'], ['finance']])).toEqual([]);
  });

  it('lets only an owner hand out the owner role', () => {
    expect(assignableRoles(true)).toContain('owner');
    expect(assignableRoles(false)).not.toContain('owner');
  });
});

describe('validation rules', () => {
  it.each([
    ['tmall-main', true],
    ['jd1', true],
    ['a', false],
    ['Tmall', false],
    ['-abc', false],
    ['x!', false],
    ['a'.repeat(33), false],
  ])('store code %s valid=%s', (code, ok) => expect(isValidStoreCode(code)).toBe(ok));

  it.each([
    ['zhang.san', true],
    ['测试旗舰店:小美', true],
    ['a', false],
    ['has space', false],
    ['x'.repeat(65), false],
  ])('login %s valid=%s', (login, ok) => expect(isValidLogin(login)).toBe(ok));

  it('wants passwords of at least 8 characters', () => {
    expect(isAcceptablePassword('1234567')).toBe(false);
    expect(isAcceptablePassword('12345678')).toBe(true);
  });
});
