import { describe, expect, it } from 'vitest';
import { isLogin, isPassword, isStoreCode } from './validation';

describe('client-side input rules (same as the server)', () => {
  it('accepts store codes of 2–32 lowercase letters, digits and hyphens', () => {
    expect(isStoreCode('tb-flagship')).toBe(true);
    expect(isStoreCode('jd1')).toBe(true);
    expect(isStoreCode('a')).toBe(false);
    expect(isStoreCode('-abc')).toBe(false);
    expect(isStoreCode('TB')).toBe(false);
    expect(isStoreCode('a'.repeat(33))).toBe(false);
  });

  it('accepts logins of letters, digits, Chinese and _ . @ : -', () => {
    expect(isLogin('zhang.san@shop')).toBe(true);
    expect(isLogin('张经理')).toBe(true);
    expect(isLogin('tb:客服01')).toBe(true);
    expect(isLogin('x')).toBe(false);
    expect(isLogin('has space')).toBe(false);
    expect(isLogin('a'.repeat(65))).toBe(false);
  });

  it('wants passwords of at least 8 characters', () => {
    expect(isPassword('1234567')).toBe(false);
    expect(isPassword('12345678')).toBe(true);
  });
});
