import { Segmented } from 'antd';
import { useI18n } from '../i18n';
import type { Locale } from '../locales';

/** 中文 / English. `onChange` lets the shell also save the choice to the person's profile. */
export function LangSwitch({
  onChange,
  size = 'small',
}: {
  onChange?: (l: Locale) => void;
  size?: 'small' | 'middle';
}) {
  const { locale, setLocale, t } = useI18n();
  return (
    <span data-testid="lang-switch">
      <Segmented<Locale>
        size={size}
        value={locale}
        options={[
          { value: 'zh-CN', label: <span data-testid="lang-zh-CN">{t('shell.lang.zh')}</span> },
          { value: 'en-US', label: <span data-testid="lang-en-US">{t('shell.lang.en')}</span> },
        ]}
        onChange={(v) => {
          setLocale(v);
          onChange?.(v);
        }}
      />
    </span>
  );
}
