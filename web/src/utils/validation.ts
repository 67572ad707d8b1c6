import type { Rule } from 'antd/es/form';
import type { TFunction } from '../i18n';

/** The same input rules as the server, so a form fails before it is sent. */

export const STORE_CODE_RE = /^[a-z0-9][a-z0-9-]{1,31}$/;
/** 2–64 of: letters, digits, Chinese (CJK unified) characters, and _ . @ : - (like platform sub-accounts). */
export const LOGIN_RE = /^[A-Za-z0-9_.@:\-\u4e00-\u9fff]{2,64}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const PHONE_RE = /^[0-9+()\s-]{5,20}$/;

export const isStoreCode = (v: string) => STORE_CODE_RE.test(v);
export const isLogin = (v: string) => LOGIN_RE.test(v);
export const isPassword = (v: string) => v.length >= PASSWORD_MIN && v.length <= PASSWORD_MAX;

export const rules = {
  required: (t: TFunction): Rule => ({ required: true, whitespace: true, message: t('validation.required') }),
  requiredSelect: (t: TFunction): Rule => ({ required: true, message: t('validation.required') }),
  max: (t: TFunction, max: number): Rule => ({ max, message: t('validation.maxLength', { max }) }),
  storeCode: (t: TFunction): Rule => ({ pattern: STORE_CODE_RE, message: t('validation.storeCode') }),
  login: (t: TFunction): Rule => ({ pattern: LOGIN_RE, message: t('validation.login') }),
  password: (t: TFunction): Rule => ({
    min: PASSWORD_MIN,
    max: PASSWORD_MAX,
    message: t('validation.password'),
  }),
  phone: (t: TFunction): Rule => ({ pattern: PHONE_RE, message: t('validation.phone') }),
  /** The confirm field of a password pair; `field` is the name of the first password field. */
  sameAs:
    (t: TFunction, field: string | (string | number)[]): Rule =>
    ({ getFieldValue }) => ({
      validator(_, value) {
        if (!value || getFieldValue(field) === value) return Promise.resolve();
        return Promise.reject(new Error(t('validation.passwordMismatch')));
      },
    }),
};
