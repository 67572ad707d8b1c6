import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setRequestLocale } from './api/http';
import { DEFAULT_LOCALE, isLocale, type Locale, type MessageKey, type Params, translate } from './locales';

/** A tiny own i18n: the locale lives in localStorage and in the person's profile (synced on login). */

const STORAGE_KEY = 'storeops.locale';

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLocale(v)) return v;
  } catch {
    // storage blocked: fall through to the default
  }
  return DEFAULT_LOCALE;
}

export type TFunction = (key: MessageKey, params?: Params) => string;

type I18nValue = { locale: Locale; setLocale: (locale: Locale) => void; t: TFunction };

const I18nContext = createContext<I18nValue | null>(null);

function apply(locale: Locale) {
  setRequestLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = storedLocale();
    apply(l);
    return l;
  });

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
    apply(next);
    setLocaleState(next);
  }, []);

  const t = useCallback<TFunction>((key, params) => translate(locale, key, params), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** For keys built at run time from API values (roles, platforms): falls back to the raw value. */
export function tryT(t: TFunction, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}
