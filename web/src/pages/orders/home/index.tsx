import {
  FlagOutlined,
  PhoneOutlined,
  ReloadOutlined,
  SettingOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  type Attribution,
  type Check,
  ordersApi,
  pct,
  type ShippingRow,
  type UnpaidRow,
  yuan,
} from '../../../api/orders';
import { PageContainer } from '../../../components/PageContainer';
import { QueueTable } from '../../../components/QueueTable';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { useAccess, useCurrentStore } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import { OrderDrawer } from '../OrderDrawer';
import { DeskSettings } from '../Settings';
import { dateIn, Explained, plusDays, reasonText, useStorePeople } from '../shared';

const CHANNELS = ['chat', 'phone', 'sms', 'other'] as const;
const OUTCOMES = ['exchange', 'refund', 'wait', 'cancelled'] as const;

export default function OrdersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'unpaid';
  const [drawer, setDrawer] = useState<string | null>(params.get('order'));
  const store = useCurrentStore();
  const access = useAccess();
  const code = store?.code ?? '';
  const { message } = App.useApp();
  const open = (id: string) => setDrawer(id);
  const runDaily = async () => {
    try {
      await ordersApi.runDaily(code);
      message.success(t('orders.runDailyDone'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  return (
    <PageContainer
      title={t('orders.title')}
      subTitle={t('orders.subTitle')}
      testId="orders-page"
      extra={
        <>
          <OrderSearch code={code} onOpen={open} />
          {access.canWrite('orders') ? (
            <Button icon={<ThunderboltOutlined />} onClick={runDaily} data-testid="orders-run-daily">
              {t('orders.runDaily')}
            </Button>
          ) : null}
        </>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'unpaid', label: t('orders.tab.unpaid'), children: <UnpaidTab code={code} onOpen={open} /> },
          {
            key: 'shipping',
            label: t('orders.tab.shipping'),
            children: (
              <ShippingTab code={code} onOpen={open} onSettings={() => setParams({ tab: 'settings' })} />
            ),
          },
          {
            key: 'attribution',
            label: t('orders.tab.attribution'),
            children: <AttributionTab code={code} onOpen={open} />,
          },
          { key: 'checks', label: t('orders.tab.checks'), children: <ChecksTab code={code} onOpen={open} /> },
          { key: 'settings', label: t('orders.tab.settings'), children: <DeskSettings code={code} /> },
        ]}
      />
      <OrderDrawer orderId={drawer} onClose={() => setDrawer(null)} />
    </PageContainer>
  );
}

type TabProps = { code: string; onOpen: (orderId: string) => void };

/** Find an order by id or buyer and open its story. */
function OrderSearch({ code, onOpen }: TabProps) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['order-search', code, q],
    queryFn: () => ordersApi.search(code, q),
    enabled: !!code && q.length >= 3,
  });
  return (
    <Select
      showSearch
      filterOption={false}
      style={{ width: 260 }}
      placeholder={t('orders.searchPlaceholder')}
      data-testid="order-search"
      onSearch={setQ}
      onChange={(v: string) => onOpen(v)}
      value={null}
      notFoundContent={null}
      options={(found.data?.items ?? []).map((o) => ({
        value: o.orderId,
        label: `${o.orderId} · ${o.buyer ?? ''} · ${yuan(o.paidAmountFen)}`,
      }))}
    />
  );
}

function OrderLink({
  id,
  onOpen,
  platform,
}: {
  id: string;
  onOpen: (id: string) => void;
  platform?: string;
}) {
  return (
    <Space size={4}>
      <Typography.Link onClick={() => onOpen(id)} data-testid={`order-link-${id}`}>
        {id}
      </Typography.Link>
      {platform === 'jd' && <Tag color="volcano">JD</Tag>}
    </Space>
  );
}

function UnpaidTab({ code, onOpen }: TabProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const store = useCurrentStore();
  const tz = store?.timeZone;
  const canWrite = useAccess().canWrite('orders');
  const { people } = useStorePeople(code);
  const today = dateIn(new Date(), tz);
  const [created, setCreated] = useState<'today' | 'yesterday' | '3days' | 'all'>('all');
  const [person, setPerson] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const range =
    created === 'today'
      ? { createdFrom: today, createdTo: today }
      : created === 'yesterday'
        ? { createdFrom: plusDays(today, -1), createdTo: plusDays(today, -1) }
        : created === '3days'
          ? { createdFrom: plusDays(today, -3) }
          : {};
  const list = useQuery({
    queryKey: ['unpaid', code, range, person],
    queryFn: () => ordersApi.unpaid(code, { ...range, personId: person }),
    placeholderData: keepPreviousData,
    enabled: !!code,
  });
  const conv = useQuery({
    queryKey: ['urge-conversion', code],
    queryFn: () => ordersApi.conversion(code, { from: plusDays(today, -30), to: plusDays(today, -1) }),
    enabled: !!code,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['unpaid'] });
    void qc.invalidateQueries({ queryKey: ['order-story'] });
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const rows = list.data?.items ?? [];
  const columns: ColumnsType<UnpaidRow> = [
    {
      title: t('orders.orderId'),
      dataIndex: 'orderId',
      render: (v: string, r) => <OrderLink id={v} onOpen={onOpen} platform={r.platform} />,
    },
    { title: t('orders.buyer'), dataIndex: 'buyer' },
    { title: t('orders.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
    {
      title: t('orders.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, tz),
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
    {
      title: <Explained title={t('orders.hoursUnpaid')} tip={t('orders.hoursUnpaidTip')} />,
      dataIndex: 'hoursUnpaid',
      align: 'right',
      sorter: (a, b) => a.hoursUnpaid - b.hoursUnpaid,
      render: (v: number, r) => (
        <Space size={4}>
          {v}h{r.takeoverOpen && <Tag color="orange">{t('orders.takeover')}</Tag>}
        </Space>
      ),
    },
    {
      title: <Explained title={t('orders.chattedBy')} tip={t('orders.chattedByTip')} />,
      key: 'chatted',
      render: (_, r) =>
        r.chattedBy.map((c) => (
          <Tag key={c.agent} color={c.personId ? 'blue' : 'default'}>
            {c.personName ?? c.agent.replace(/^.*:/, '')}
          </Tag>
        )),
    },
    {
      title: t('orders.flaggedBy'),
      dataIndex: 'flaggedByName',
      render: (v: string | null, r) =>
        v ? (
          <Tag color={r.flagColor ?? 'red'} icon={<FlagOutlined />}>
            {v}
          </Tag>
        ) : (
          ''
        ),
    },
    {
      title: <Explained title={t('orders.urges')} tip={t('orders.urgesTip')} />,
      key: 'urges',
      render: (_, r) =>
        r.urges ? `${r.urges} · ${r.lastUrgeBy ?? ''} ${formatDateTime(r.lastUrgeAt, tz)}` : '',
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: UnpaidRow) => (
              <Space size={0}>
                <Dropdown
                  menu={{
                    items: CHANNELS.map((c) => ({ key: c, label: t(`orders.channel.${c}`) })),
                    onClick: ({ key }) => act(() => ordersApi.urge(code, r.orderId, key), t('orders.urged')),
                  }}
                >
                  <Button type="link" size="small" icon={<PhoneOutlined />} data-testid={`urge-${r.orderId}`}>
                    {t('orders.urge')}
                  </Button>
                </Dropdown>
                {r.platform !== 'jd' && (
                  <Button
                    type="link"
                    size="small"
                    icon={<FlagOutlined />}
                    onClick={() => act(() => ordersApi.flag(code, r.orderId), t('orders.flagged'))}
                  >
                    {t('orders.flag')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  const bulk = async (fn: (id: string) => Promise<unknown>, done: string) => {
    let failed = 0;
    for (const id of selected) {
      try {
        await fn(id);
      } catch (e) {
        failed++;
        message.error(`${id}: ${errorText(t, e)}`);
      }
    }
    if (failed < selected.length) message.success(done);
    setSelected([]);
    refresh();
  };
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="orderId"
        loading={list.isFetching}
        testId="unpaid-table"
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        exportName={t('orders.tab.unpaid')}
        exportColumns={[
          { header: t('orders.orderId'), value: (r) => r.orderId },
          { header: t('orders.buyer'), value: (r) => r.buyer },
          { header: t('orders.amount'), value: (r) => r.amountFen / 100, numFmt: '0.00' },
          { header: t('orders.createdAt'), value: (r) => formatDateTime(r.createdAt, tz) },
          { header: t('orders.hoursUnpaid'), value: (r) => r.hoursUnpaid },
          {
            header: t('orders.chattedBy'),
            value: (r) => r.chattedBy.map((c) => c.personName ?? c.agent).join('、'),
          },
          { header: t('orders.flaggedBy'), value: (r) => r.flaggedByName },
          { header: t('orders.urges'), value: (r) => r.urges },
        ]}
      >
        <Segmented
          value={created}
          onChange={(v) => setCreated(v as typeof created)}
          options={(['all', 'today', 'yesterday', '3days'] as const).map((k) => ({
            value: k,
            label: t(`orders.created.${k}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('orders.person')}
          style={{ width: 160 }}
          value={person}
          onChange={setPerson}
          options={people.map((p) => ({ value: p.personId, label: p.displayName }))}
        />
        <Button icon={<ReloadOutlined />} onClick={refresh}>
          {t('common.refresh')}
        </Button>
        {canWrite && selected.length > 0 && (
          <>
            <Typography.Text type="secondary">
              {t('orders.selected', { count: selected.length })}
            </Typography.Text>
            <Dropdown
              menu={{
                items: CHANNELS.map((c) => ({ key: c, label: t(`orders.channel.${c}`) })),
                onClick: ({ key }) => bulk((id) => ordersApi.urge(code, id, key), t('orders.urged')),
              }}
            >
              <Button>{t('orders.bulkUrge')}</Button>
            </Dropdown>
            <Button onClick={() => bulk((id) => ordersApi.flag(code, id), t('orders.flagged'))}>
              {t('orders.bulkFlag')}
            </Button>
          </>
        )}
      </QueueTable>
      <Card size="small" title={<Explained title={t('orders.conversion')} tip={t('orders.conversionTip')} />}>
        <Table
          size="small"
          rowKey="personId"
          pagination={false}
          dataSource={conv.data?.items ?? []}
          columns={[
            { title: t('orders.person'), render: (_, r) => r.personName ?? r.personId },
            { title: t('orders.urgedOrders'), dataIndex: 'urged', align: 'right' },
            { title: t('orders.paidOrders'), dataIndex: 'paid', align: 'right' },
            { title: t('orders.rate'), dataIndex: 'rateBp', align: 'right', render: (v: number) => pct(v) },
          ]}
        />
      </Card>
    </Flex>
  );
}

function ShippingTab({ code, onOpen, onSettings }: TabProps & { onSettings: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tz = useCurrentStore()?.timeZone;
  const canWrite = useAccess().canWrite('orders');
  const [view, setView] = useState<'risky' | 'open' | 'late'>('risky');
  const [selected, setSelected] = useState<string[]>([]);
  const states =
    view === 'risky' ? 'at_risk,overdue,late' : view === 'late' ? 'late,shipped_late' : undefined;
  const list = useQuery({
    queryKey: ['shipping', code, view],
    queryFn: () => ordersApi.shipping(code, { states, includeShippedDays: view === 'late' ? 7 : undefined }),
    placeholderData: keepPreviousData,
    enabled: !!code,
  });
  const rows = list.data?.items ?? [];
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      void qc.invalidateQueries({ queryKey: ['shipping'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const color = (s: string) =>
    s === 'late' || s === 'shipped_late'
      ? 'red'
      : s === 'overdue'
        ? 'volcano'
        : s === 'at_risk'
          ? 'orange'
          : 'green';
  const columns: ColumnsType<ShippingRow> = [
    {
      title: t('orders.orderId'),
      dataIndex: 'orderId',
      render: (v: string, r) => <OrderLink id={v} onOpen={onOpen} platform={r.platform} />,
    },
    {
      title: <Explained title={t('orders.state')} tip={t('orders.stateTip')} />,
      dataIndex: 'state',
      render: (v: string, r) => (
        <Space size={4}>
          <Tag color={color(v)}>{tryT(t, `orders.state.${v}`, v)}</Tag>
          {r.stockout && <Tag>{t('orders.stockout')}</Tag>}
        </Space>
      ),
    },
    { title: t('orders.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatDateTime(v, tz) },
    { title: t('orders.dispatchAt'), dataIndex: 'dispatchAt', render: (v: string) => formatDateTime(v, tz) },
    { title: t('orders.target'), dataIndex: 'target', render: (v: string) => formatDateTime(v, tz) },
    { title: t('orders.limit'), dataIndex: 'limit', render: (v: string) => formatDateTime(v, tz) },
    {
      title: t('orders.hoursLeft'),
      dataIndex: 'hoursLeft',
      align: 'right',
      sorter: (a, b) => a.hoursLeft - b.hoursLeft,
    },
    { title: t('orders.items'), dataIndex: 'itemTitles', ellipsis: true },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: ShippingRow) =>
              r.stockout ? (
                <Select
                  size="small"
                  placeholder={t('orders.stockoutOutcome')}
                  style={{ width: 130 }}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`orders.outcome.${o}`) }))}
                  onChange={(v) =>
                    act(() => ordersApi.stockoutOutcome(code, r.orderId, v), t('common.saved'))
                  }
                />
              ) : (
                <Button
                  size="small"
                  type="link"
                  onClick={() => act(() => ordersApi.stockout(code, r.orderId), t('orders.stockoutDone'))}
                >
                  {t('orders.stockout')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="orderId"
        loading={list.isFetching}
        testId="shipping-table"
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        exportName={t('orders.tab.shipping')}
        exportColumns={[
          { header: t('orders.orderId'), value: (r) => r.orderId },
          { header: t('orders.state'), value: (r) => tryT(t, `orders.state.${r.state}`, r.state) },
          { header: t('orders.paidAt'), value: (r) => formatDateTime(r.paidAt, tz) },
          { header: t('orders.target'), value: (r) => formatDateTime(r.target, tz) },
          { header: t('orders.limit'), value: (r) => formatDateTime(r.limit, tz) },
          { header: t('orders.hoursLeft'), value: (r) => r.hoursLeft },
          { header: t('orders.items'), value: (r) => r.itemTitles },
        ]}
      >
        <Segmented
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'risky', label: t('orders.risky') },
            { value: 'open', label: t('orders.open') },
            { value: 'late', label: t('orders.state.late') },
          ]}
        />
        <Button icon={<SettingOutlined />} onClick={onSettings} data-testid="shipping-settings">
          {t('orders.settingsOpen')}
        </Button>
        {canWrite && selected.length > 0 && (
          <Button
            onClick={async () => {
              for (const id of selected)
                await act(() => ordersApi.stockout(code, id), t('orders.stockoutDone'));
              setSelected([]);
            }}
          >
            {t('orders.stockout')} ({selected.length})
          </Button>
        )}
      </QueueTable>
    </Flex>
  );
}

function AttributionTab({ code, onOpen }: TabProps) {
  const { t } = useI18n();
  const tz = useCurrentStore()?.timeZone;
  const yesterday = plusDays(dateIn(new Date(), tz), -1);
  const [range, setRange] = useState({ from: plusDays(yesterday, -6), to: yesterday });
  const [person, setPerson] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['attribution', code, range],
    queryFn: () => ordersApi.attribution(code, range),
    enabled: !!code,
  });
  const sum = useQuery({
    queryKey: ['attribution-person', code, range],
    queryFn: () => ordersApi.byPerson(code, range),
    enabled: !!code,
  });
  const rows = (list.data?.items ?? []).filter((a) => !person || a.personId === person);
  const columns: ColumnsType<Attribution> = [
    {
      title: t('orders.orderId'),
      dataIndex: 'orderId',
      render: (v: string, r) => <OrderLink id={v} onOpen={onOpen} platform={r.platform} />,
    },
    { title: t('orders.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatDateTime(v, tz) },
    { title: t('orders.amount'), dataIndex: 'paidAmountFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('orders.creditedTo'), dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
    {
      title: <Explained title={t('orders.credited')} tip={t('orders.creditedTip')} />,
      dataIndex: 'creditedFen',
      align: 'right',
      render: (v: number) => yuan(v),
    },
    { title: t('orders.reason'), key: 'reason', render: (_, a) => reasonText(t, a.reason) },
  ];
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="orderId"
        loading={list.isFetching}
        exportName={t('orders.tab.attribution')}
        exportColumns={[
          { header: t('orders.orderId'), value: (r) => r.orderId },
          { header: t('orders.paidAt'), value: (r) => formatDateTime(r.paidAt, tz) },
          { header: t('orders.amount'), value: (r) => r.paidAmountFen / 100, numFmt: '0.00' },
          { header: t('orders.creditedTo'), value: (r) => r.personName },
          { header: t('orders.credited'), value: (r) => r.creditedFen / 100, numFmt: '0.00' },
          { header: t('orders.reason'), value: (r) => r.steps.map((s) => reasonText(t, s)).join('；') },
        ]}
      >
        <Typography.Text>{t('orders.range')}</Typography.Text>
        <Input
          type="date"
          style={{ width: 150 }}
          value={range.from}
          onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
        />
        <Input
          type="date"
          style={{ width: 150 }}
          value={range.to}
          onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
        />
        <Select
          allowClear
          placeholder={t('orders.person')}
          style={{ width: 160 }}
          value={person}
          onChange={setPerson}
          options={(sum.data?.people ?? []).map((p) => ({
            value: p.personId,
            label: p.personName ?? p.personId,
          }))}
        />
      </QueueTable>
      <Card
        size="small"
        title={t('orders.byPerson')}
        extra={t('orders.unattributed', { count: sum.data?.unattributed ?? 0 })}
      >
        <Table
          size="small"
          rowKey="personId"
          pagination={false}
          loading={sum.isFetching}
          dataSource={sum.data?.people ?? []}
          columns={[
            { title: t('orders.person'), render: (_, p) => p.personName ?? p.personId },
            { title: t('orders.ordersCount'), dataIndex: 'orders', align: 'right' },
            {
              title: t('orders.credited'),
              dataIndex: 'creditedFen',
              align: 'right',
              render: (v: number) => yuan(v),
            },
            { title: t('orders.removedOrders'), dataIndex: 'removedOrders', align: 'right' },
          ]}
        />
      </Card>
      <AgentLinks code={code} />
    </Flex>
  );
}

/** Chat accounts (旺旺子账号) → store people: the credit goes to people, chats name accounts. */
function AgentLinks({ code }: { code: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const canWrite = useAccess().canWrite('orders');
  const q = useQuery({
    queryKey: ['orders-people', code],
    queryFn: () => ordersApi.agents(code),
    enabled: !!code,
  });
  const people = q.data?.people ?? [];
  const save = async (agent: string, personId: string | null) => {
    try {
      await ordersApi.setAgents(code, { [agent]: personId });
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['orders-people'] });
      void qc.invalidateQueries({ queryKey: ['attribution'] });
      void qc.invalidateQueries({ queryKey: ['attribution-person'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  return (
    <Card size="small" title={<Explained title={t('orders.agents')} tip={t('orders.agentsTip')} />}>
      <Table
        size="small"
        rowKey="agent"
        pagination={false}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="agent-links"
        columns={[
          { title: t('orders.agent'), dataIndex: 'agent' },
          {
            title: t('orders.agentPerson'),
            key: 'person',
            render: (_, a) =>
              canWrite ? (
                <Select
                  size="small"
                  allowClear
                  style={{ width: 180 }}
                  value={a.personId ?? undefined}
                  placeholder={t('orders.agentUnlinked')}
                  options={people.map((p) => ({ value: p.personId, label: p.displayName }))}
                  onChange={(v: string | undefined) => save(a.agent, v ?? null)}
                />
              ) : (
                (people.find((p) => p.personId === a.personId)?.displayName ?? t('orders.agentUnlinked'))
              ),
          },
          {
            title: t('orders.agentHow'),
            key: 'how',
            render: (_, a) =>
              a.linked ? (
                <Tag color="blue">{t('orders.agentLinked')}</Tag>
              ) : a.personId ? (
                <Tag>{t('orders.agentByName')}</Tag>
              ) : (
                ''
              ),
          },
        ]}
      />
    </Card>
  );
}

function ChecksTab({ code, onOpen }: TabProps) {
  const { t } = useI18n();
  const tz = useCurrentStore()?.timeZone;
  const [kind, setKind] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['order-checks', code, kind],
    queryFn: () => ordersApi.checks(code, kind),
    enabled: !!code,
  });
  const rows = list.data?.items ?? [];
  const columns: ColumnsType<Check> = [
    {
      title: t('orders.check.kind'),
      dataIndex: 'kind',
      render: (v: string) => tryT(t, `orders.check.${v}`, v),
    },
    {
      title: t('orders.orderId'),
      dataIndex: 'orderId',
      render: (v: string | null) => (v ? <OrderLink id={v} onOpen={onOpen} /> : ''),
    },
    { title: t('orders.check.ref'), dataIndex: 'refId' },
    {
      title: t('orders.check.detail'),
      dataIndex: 'data',
      render: (v: unknown) => (v ? JSON.stringify(v) : ''),
    },
    {
      title: t('orders.check.detectedAt'),
      dataIndex: 'detectedAt',
      render: (v: string) => formatDateTime(v, tz),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey={(r) => `${r.kind}:${r.refId}`}
        loading={list.isFetching}
        exportName={t('orders.tab.checks')}
        exportColumns={[
          { header: t('orders.check.kind'), value: (r) => tryT(t, `orders.check.${r.kind}`, r.kind) },
          { header: t('orders.orderId'), value: (r) => r.orderId },
          { header: t('orders.check.ref'), value: (r) => r.refId },
          { header: t('orders.check.detail'), value: (r) => (r.data ? JSON.stringify(r.data) : '') },
        ]}
      >
        <Select
          allowClear
          placeholder={t('orders.check.kind')}
          style={{ width: 200 }}
          value={kind}
          onChange={setKind}
          options={['status_backwards', 'over_refund', 'refund_unknown_order'].map((k) => ({
            value: k,
            label: t(`orders.check.${k}` as never),
          }))}
        />
      </QueueTable>
    </Flex>
  );
}
