import { describe, expect, it } from 'vitest';
import { catalogs, pickLocale, translate } from './index';

describe('server messages', () => {
  it('has the same codes in zh-CN and en-US', () => {
    // Placeholders may differ: an English message takes the English label (`{kindEn}`).
    expect(Object.keys(catalogs['zh-CN']).sort()).toEqual(Object.keys(catalogs['en-US']).sort());
  });

  it('fills placeholders, and gives up when a value is missing', () => {
    expect(translate('zh-CN', 'store.not_found', { code: 'x' })).toBe('找不到店铺 x');
    expect(translate('zh-CN', 'store.not_found', {})).toBeNull();
    expect(translate('en-US', 'no.such.code')).toBeNull();
  });

  it('picks Chinese unless the client prefers English', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('en', 'zh-CN')).toBe('zh-CN');
  });
});
