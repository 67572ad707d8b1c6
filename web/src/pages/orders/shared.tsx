import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { ordersApi, type Reason, yuan } from '../../api/orders';
import { type TFunction, tryT } from '../../i18n';

/** A column title with its definition in a tooltip (every number explained). */
export function Explained({ title, tip }: { title: ReactNode; tip: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={tip}>
        <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
      </Tooltip>
    </Space>
  );
}

/** A decision's reason in the current language; money parameters in yuan, causes named. */
export function reasonText(t: TFunction, r: Reason): string {
  const params: Record<string, string | number> = { ...r.params };
  if (typeof params.amountFen === 'number') params.amount = yuan(params.amountFen);
  if (typeof params.cause === 'string') params.cause = tryT(t, `cause.${params.cause}`, params.cause);
  const key = `orders.reason.${r.code}`;
  const text = t(key as never, params);
  return text === key ? r.code : text;
}

/** The store's people (for owner selects), from the orders desk's agents endpoint. */
export function useStorePeople(storeCode: string) {
  const q = useQuery({
    queryKey: ['orders-people', storeCode],
    queryFn: () => ordersApi.agents(storeCode),
    staleTime: 60_000,
    enabled: !!storeCode,
  });
  const people = q.data?.people ?? [];
  const name = (id: string | null | undefined) =>
    id ? (people.find((p) => p.personId === id)?.displayName ?? id) : '';
  return { people, name };
}

/** yyyy-MM-dd of an instant in a zone, and calendar arithmetic on such dates. */
export function dateIn(now: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
export function plusDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! + days));
  return t.toISOString().slice(0, 10);
}
