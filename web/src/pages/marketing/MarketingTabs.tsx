import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { PageContainer } from '../../components/PageContainer';
import { useI18n } from '../../i18n';
import { useAccess } from '../../layouts/useAccess';

const TABS = ['calendar', 'coupons', 'ads', 'content'] as const;

/** The marketing module's frame: one tab per page, the URL decides the tab. */
export function MarketingFrame({
  children,
  extra,
  testId,
}: {
  children: ReactNode;
  extra?: ReactNode;
  testId: string;
}) {
  const { t } = useI18n();
  const nav = useNavigate();
  const loc = useLocation();
  const code = useAccess().store?.code ?? '';
  const sub = loc.pathname.split('/')[4] ?? 'calendar';
  const active = (TABS as readonly string[]).includes(sub) ? sub : 'calendar';
  return (
    <PageContainer
      title={t('marketing.title')}
      subTitle={t('marketing.subTitle')}
      extra={extra}
      testId={testId}
    >
      <Tabs
        activeKey={active}
        onChange={(k) => nav(`/s/${encodeURIComponent(code)}/marketing/${k === 'calendar' ? '' : k}`)}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`mk-tab-${k}`}>{t(`marketing.tab.${k}`)}</span>,
        }))}
      />
      {children}
    </PageContainer>
  );
}

/** Local date helpers (business dates are yyyy-MM-dd strings). */
export const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const todayStr = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};
export const fmtTime = (iso: string) => iso.replace('T', ' ').slice(0, 16);
