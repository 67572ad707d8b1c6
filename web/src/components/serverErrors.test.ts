import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from './serverErrors';

describe('fieldErrorsOf', () => {
  it('reads details.field as a dotted path with numeric indexes', () => {
    expect(fieldErrorsOf({ field: 'memberships.0.roles' }, 'bad')).toEqual([
      { path: ['memberships', 0, 'roles'], message: 'bad' },
    ]);
  });

  it('reads zod-like issues and a fields map', () => {
    expect(fieldErrorsOf({ issues: [{ path: ['store', 'code'], message: 'x' }] }, 'm')).toEqual([
      { path: ['store', 'code'], message: 'x' },
    ]);
    expect(fieldErrorsOf({ fields: { login: 'taken' } }, 'm')).toEqual([
      { path: ['login'], message: 'taken' },
    ]);
  });

  it('ignores details without a field', () => {
    expect(fieldErrorsOf(undefined, 'm')).toEqual([]);
    expect(fieldErrorsOf({ limit: 3 }, 'm')).toEqual([]);
  });
});
