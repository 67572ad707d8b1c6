import { describe, expect, it } from 'vitest';
import {
  assignableRoles,
  canInStore,
  chatAccountShortName,
  isAcceptablePassword,
  isValidLogin,
  isValidStoreCode,
  orgPermissions,
  qualityQueueRights,
  ROLES,
  resolveChatAccount,
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

describe('chat accounts → people', () => {
  it.each([
    ['测试旗舰店:小美', '小美'],
    ['测试旗舰店：小美', '小美'],
    ['小美(售前)', '小美'],
    ['小林（售后）', '小林'],
    ['shop:a:小美 (售前)', '小美'],
    ['小美', '小美'],
    ['  ', ''],
  ])('short name of %s is %s', (s, want) => expect(chatAccountShortName(s)).toBe(want));

  const people = [
    { personId: 'p1', login: 'mei', displayName: '小美(售前)' },
    { personId: 'p2', login: 'lin', displayName: '小林' },
    { personId: 'p3', login: 'lin2', displayName: '小林（售后）' },
    { personId: 'p4', login: '测试旗舰店:阿强', displayName: '强哥' },
  ];
  it.each([
    ['测试旗舰店:小美', {}, 'p1'], // display name without role note
    ['测试旗舰店:mei', {}, 'p1'], // login
    ['测试旗舰店:阿强', {}, 'p4'], // login with the shop prefix
    ['测试旗舰店:小林', {}, null], // two people are 小林: nobody
    ['测试旗舰店:小林', { '测试旗舰店:小林': 'p3' }, 'p3'], // the link decides
    ['测试旗舰店:小美', { '测试旗舰店:小美': 'p2' }, 'p2'], // a link beats the name
    ['测试旗舰店:小美', { '测试旗舰店:小美': 'gone' }, null], // linked to someone no longer here
    ['测试旗舰店:无名', {}, null],
    ['测试旗舰店:', {}, null],
  ] as const)('%s with links %j → %s', (account, links, want) =>
    expect(resolveChatAccount(account, new Map(Object.entries(links)), people)).toBe(want),
  );
});

describe('the quality review queue', () => {
  it.each([
    [['owner'], false, true, true],
    [['manager'], false, true, true],
    [['ops_assistant'], false, true, false], // inspects (chat-record checks), does not judge appeals
    [['cs_presale'], true, true, true], // the CS group leader
    [['cs_presale'], false, false, false],
    [['cs_aftersale'], false, false, false],
    [['analyst'], false, false, false],
    [['marketing', 'ops_assistant'], false, true, false],
    [[], false, false, false],
  ] as const)('%j leader=%s → inspect %s, decide appeals %s', (roles, leader, inspect, decide) =>
    expect(qualityQueueRights(roles, leader)).toEqual({ inspect, decideAppeals: decide }),
  );
  it('grants quality:write only to manager and operations assistant among non-owners', () => {
    expect(ROLES.filter((r) => canInStore([r], 'quality', 'write'))).toEqual([
      'owner',
      'manager',
      'ops_assistant',
    ]);
  });
});
