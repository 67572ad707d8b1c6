import { describe, expect, it } from 'vitest';
import { enUSParts } from './en-US';
import { format, messages, placeholders } from './index';
import { zhCNParts } from './zh-CN';

describe('web locales', () => {
  it('has exactly the same keys in zh-CN and en-US', () => {
    const zh = Object.keys(messages['zh-CN']).sort();
    const en = Object.keys(messages['en-US']).sort();
    expect(en).toEqual(zh);
  });

  it('splits both locales into the same module files with the same keys', () => {
    expect(Object.keys(enUSParts).sort()).toEqual(Object.keys(zhCNParts).sort());
    for (const part of Object.keys(zhCNParts) as (keyof typeof zhCNParts)[]) {
      expect(Object.keys(enUSParts[part]).sort(), part).toEqual(Object.keys(zhCNParts[part]).sort());
    }
  });

  it('never defines the same key in two module files (a merge would hide one)', () => {
    const seen = new Map<string, string>();
    for (const [part, dict] of Object.entries(zhCNParts)) {
      for (const key of Object.keys(dict)) {
        expect(seen.get(key), `${key} in ${part} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, part);
      }
    }
  });

  it('gives every message a non-empty text with the same placeholders in both locales', () => {
    const zh = messages['zh-CN'];
    const en = messages['en-US'];
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('共 {total} 条', { total: 3 })).toBe('共 3 条');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
