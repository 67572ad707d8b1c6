import { PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  aftersalesApi,
  type Dispute,
  pct,
  type Question,
  type RefundRow,
  type ReviewRow,
  yuan,
} from '../../../api/orders';
import { EChart } from '../../../components/EChart';
import { PageContainer } from '../../../components/PageContainer';
import { QueueTable } from '../../../components/QueueTable';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { useAccess, useCurrentStore } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import { OrderDrawer } from '../../orders/OrderDrawer';
import { dateIn, Explained, plusDays, useStorePeople } from '../../orders/shared';

const GROUPS = ['reason', 'product', 'sku', 'responsibility', 'stage', 'cause'] as const;
const CAUSES = ['quality', 'buyer', 'service', 'logistics', 'warehouse', 'listing', 'other'] as const;
const REFUND_OUTCOMES = ['resolved', 'buyer_unreachable', 'escalated', 'other'] as const;
const CLASSES = ['quality', 'size', 'logistics', 'service', 'price', 'description', 'other'] as const;
const REVIEW_OUTCOMES = ['changed', 'follow_up', 'explained', 'unresolved'] as const;

type Range = { from: string; to: string };
type TabProps = { code: string; range: Range; onOpen: (orderId: string) => void };

export default function AftersalesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'refunds';
  const store = useCurrentStore();
  const code = store?.code ?? '';
  const yesterday = plusDays(dateIn(new Date(), store?.timeZone), -1);
  const [range, setRange] = useState<Range>({ from: plusDays(yesterday, -6), to: yesterday });
  const [drawer, setDrawer] = useState<string | null>(null);
  const props = { code, range, onOpen: setDrawer };
  return (
    <PageContainer
      title={t('aftersales.title')}
      subTitle={t('aftersales.subTitle')}
      testId="aftersales-page"
      extra={
        <Space>
          <Typography.Text>{t('aftersales.range')}</Typography.Text>
          <Input
            type="date"
            style={{ width: 150 }}
            value={range.from}
            data-testid="range-from"
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          />
          <Input
            type="date"
            style={{ width: 150 }}
            value={range.to}
            data-testid="range-to"
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'refunds', label: t('aftersales.tab.refunds'), children: <RefundsTab {...props} /> },
          { key: 'reviews', label: t('aftersales.tab.reviews'), children: <ReviewsTab {...props} /> },
          { key: 'disputes', label: t('aftersales.tab.disputes'), children: <DisputesTab {...props} /> },
          { key: 'questions', label: t('aftersales.tab.questions'), children: <QuestionsTab {...props} /> },
        ]}
      />
      <OrderDrawer orderId={drawer} onClose={() => setDrawer(null)} />
    </PageContainer>
  );
}

function useAct() {
  const { t } = useI18n();
  const { message } = App.useApp();
  return async (fn: () => Promise<unknown>, done: string, after?: () => void) => {
    try {
      await fn();
      message.success(done);
      after?.();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
}

function AssignBar({
  count,
  people,
  onAssign,
}: {
  count: number;
  people: { personId: string; displayName: string }[];
  onAssign: (personId: string | null) => void;
}) {
  const { t } = useI18n();
  if (count === 0) return null;
  return (
    <Space>
      <Typography.Text type="secondary">{t('orders.selected', { count })}</Typography.Text>
      <Select
        placeholder={t('aftersales.assignTo')}
        style={{ width: 160 }}
        data-testid="bulk-assign"
        options={people.map((p) => ({ value: p.personId, label: p.displayName }))}
        onChange={(v: string) => onAssign(v)}
      />
    </Space>
  );
}

function RefundsTab({ code, range, onOpen }: TabProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const tz = useCurrentStore()?.timeZone;
  const canWrite = useAccess().canWrite('aftersales');
  const { people, name } = useStorePeople(code);
  const act = useAct();
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('reason');
  const [reason, setReason] = useState<string | undefined>();
  const [openOnly, setOpenOnly] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const stats = useQuery({
    queryKey: ['refund-stats', code, range, groupBy],
    queryFn: () => aftersalesApi.stats(code, { ...range, groupBy }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
  const spikes = useQuery({
    queryKey: ['refund-spikes', code, range.to],
    queryFn: () => aftersalesApi.spikes(code, range.to),
    enabled: !!code,
  });
  const list = useQuery({
    queryKey: ['refunds', code, range, reason, openOnly],
    queryFn: () => aftersalesApi.refunds(code, { ...range, reason, openOnly }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['refunds'] });
    void qc.invalidateQueries({ queryKey: ['refund-stats'] });
  };
  const s = stats.data;
  const groups = s?.groups ?? [];
  const rows = list.data?.items ?? [];
  const pareto = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('aftersales.refundCount'), t('aftersales.cumulative')] },
    grid: { left: 40, right: 50, bottom: 80, top: 30 },
    xAxis: {
      type: 'category',
      data: groups.map((g) => g.key || '—'),
      axisLabel: { rotate: 30, interval: 0 },
    },
    yAxis: [
      { type: 'value', name: t('aftersales.refundCount') },
      { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: t('aftersales.refundCount'),
        type: 'bar',
        data: groups.map((g) => g.count),
        itemStyle: { color: '#cf1322' },
      },
      {
        name: t('aftersales.cumulative'),
        type: 'line',
        yAxisIndex: 1,
        data: groups.map((g) => g.cumulativeBp / 100),
      },
    ],
  };
  const columns: ColumnsType<RefundRow> = [
    { title: t('aftersales.refundId'), dataIndex: 'refundId' },
    {
      title: t('aftersales.orderId'),
      dataIndex: 'orderId',
      render: (v: string) => <Typography.Link onClick={() => onOpen(v)}>{v}</Typography.Link>,
    },
    { title: t('aftersales.item'), dataIndex: 'itemTitle', ellipsis: true },
    { title: t('aftersales.reason'), dataIndex: 'refundReason' },
    {
      title: t('aftersales.refundAmount'),
      dataIndex: 'refundAmountFen',
      align: 'right',
      render: (v: number) => yuan(v),
    },
    {
      title: t('aftersales.requestedAt'),
      dataIndex: 'requestedAt',
      render: (v: string) => formatDateTime(v, tz),
    },
    {
      title: <Explained title={t('aftersales.cause')} tip={t('aftersales.causeTip')} />,
      key: 'cause',
      render: (_, r) =>
        canWrite ? (
          <Select
            size="small"
            style={{ width: 130 }}
            value={r.cause}
            options={CAUSES.map((c) => ({ value: c, label: t(`cause.${c}`) }))}
            onChange={(v) =>
              act(
                () => aftersalesApi.updateRefund(code, r.refundId, { cause: v }),
                t('aftersales.saved'),
                refresh,
              )
            }
          />
        ) : (
          tryT(t, `cause.${r.cause}`, r.cause)
        ),
    },
    {
      title: t('aftersales.listing'),
      dataIndex: 'listingIssue',
      render: (v: string | null, r) => (
        <Space size={4}>
          {v && <Tag color="purple">{tryT(t, `aftersales.listing.${v}`, v)}</Tag>}
          {r.intervention && <Tag color="red">{t('aftersales.intervention')}</Tag>}
        </Space>
      ),
    },
    { title: t('aftersales.owner'), key: 'owner', render: (_, r) => name(r.case?.ownerPersonId) },
    {
      title: t('aftersales.outcome'),
      key: 'outcome',
      render: (_, r) =>
        canWrite ? (
          <Select
            size="small"
            allowClear
            style={{ width: 120 }}
            value={r.case?.outcome ?? undefined}
            options={REFUND_OUTCOMES.map((o) => ({ value: o, label: t(`aftersales.refundOutcome.${o}`) }))}
            onChange={(v) =>
              act(
                () => aftersalesApi.updateRefund(code, r.refundId, { outcome: v ?? null }),
                t('aftersales.saved'),
                refresh,
              )
            }
          />
        ) : (
          (r.case?.outcome ?? '')
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('aftersales.refundCount')} value={s?.total.count ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('aftersales.refundAmount')} value={yuan(s?.total.amountFen ?? 0)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={<Explained title={t('aftersales.refundRate')} tip={t('aftersales.refundRateTip')} />}
              value={pct(s?.total.rateBp ?? 0)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card
            size="small"
            title={<Explained title={t('aftersales.spikes')} tip={t('aftersales.spikesTip')} />}
          >
            {(spikes.data?.items ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('aftersales.noSpikes')}</Typography.Text>
            ) : (
              (spikes.data?.items ?? []).map((x) => (
                <div key={`${x.kind}:${x.key}`} style={{ color: '#cf1322' }}>
                  ▲ {t('aftersales.spikeRow', { key: x.key, today: x.today, mean: x.mean })}
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<Explained title={t(`aftersales.group.${groupBy}`)} tip={t('aftersales.paretoTip')} />}
        extra={
          <Select
            value={groupBy}
            style={{ width: 140 }}
            onChange={setGroupBy}
            data-testid="refund-group-by"
            options={GROUPS.map((g) => ({ value: g, label: t(`aftersales.group.${g}`) }))}
          />
        }
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <EChart option={pareto} style={{ height: 300 }} />
          </Col>
          <Col xs={24} lg={10}>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              data-testid="refund-reasons"
              dataSource={groups}
              scroll={{ y: 260 }}
              onRow={(g) => ({ onClick: () => groupBy === 'reason' && setReason(g.key || undefined) })}
              columns={[
                { title: t(`aftersales.group.${groupBy}`), dataIndex: 'key', ellipsis: true },
                { title: t('aftersales.refundCount'), dataIndex: 'count', align: 'right' },
                {
                  title: t('aftersales.refundAmount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (v: number) => yuan(v),
                },
                {
                  title: t('aftersales.share'),
                  dataIndex: 'shareBp',
                  align: 'right',
                  render: (v: number) => pct(v),
                },
                {
                  title: t('aftersales.cumulative'),
                  dataIndex: 'cumulativeBp',
                  align: 'right',
                  render: (v: number) => pct(v),
                },
              ]}
            />
          </Col>
        </Row>
      </Card>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="refundId"
        loading={list.isFetching}
        testId="refunds-table"
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        exportName={t('aftersales.tab.refunds')}
        exportColumns={[
          { header: t('aftersales.refundId'), value: (r) => r.refundId },
          { header: t('aftersales.orderId'), value: (r) => r.orderId },
          { header: t('aftersales.item'), value: (r) => r.itemTitle },
          { header: t('aftersales.reason'), value: (r) => r.refundReason },
          {
            header: t('aftersales.refundAmount'),
            value: (r) => r.refundAmountFen / 100,
            numFmt: '0.00',
          },
          { header: t('aftersales.requestedAt'), value: (r) => formatDateTime(r.requestedAt, tz) },
          { header: t('aftersales.cause'), value: (r) => tryT(t, `cause.${r.cause}`, r.cause) },
          { header: t('aftersales.owner'), value: (r) => name(r.case?.ownerPersonId) },
          { header: t('aftersales.outcome'), value: (r) => r.case?.outcome ?? '' },
        ]}
      >
        <Select
          allowClear
          placeholder={t('aftersales.reason')}
          style={{ width: 200 }}
          value={reason}
          onChange={setReason}
          options={(s?.groupBy === 'reason' ? groups : []).map((g) => ({ value: g.key, label: g.key }))}
        />
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>
          {t('aftersales.openOnly')}
        </Checkbox>
        {canWrite && (
          <AssignBar
            count={selected.length}
            people={people}
            onAssign={(p) =>
              act(
                () => aftersalesApi.assignRefunds(code, selected, p),
                t('aftersales.assigned'),
                () => {
                  setSelected([]);
                  refresh();
                },
              )
            }
          />
        )}
      </QueueTable>
    </Flex>
  );
}

function ReviewsTab({ code, range, onOpen }: TabProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const tz = useCurrentStore()?.timeZone;
  const canWrite = useAccess().canWrite('aftersales');
  const { people, name } = useStorePeople(code);
  const act = useAct();
  const [cls, setCls] = useState<string | undefined>();
  const [openOnly, setOpenOnly] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [reply, setReply] = useState<{ key: string; text: string } | null>(null);
  const list = useQuery({
    queryKey: ['reviews', code, range, cls, openOnly],
    queryFn: () => aftersalesApi.reviews(code, { ...range, cls, openOnly }),
    enabled: !!code,
    placeholderData: keepPreviousData,
  });
  const byProduct = useQuery({
    queryKey: ['reviews-by-product', code, range],
    queryFn: () => aftersalesApi.reviewsByProduct(code, { from: plusDays(range.to, -180), to: range.to }),
    enabled: !!code,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['reviews'] });
  const rows = list.data?.items ?? [];
  const update = (key: string, body: Parameters<typeof aftersalesApi.updateReview>[2]) =>
    act(() => aftersalesApi.updateReview(code, key, body), t('aftersales.saved'), refresh);
  const columns: ColumnsType<ReviewRow> = [
    {
      title: t('aftersales.sentiment'),
      dataIndex: 'sentiment',
      render: (v: string) => (
        <Tag color={v === 'bad' ? 'red' : 'orange'}>{tryT(t, `aftersales.sentiment.${v}`, v)}</Tag>
      ),
    },
    { title: t('aftersales.content'), dataIndex: 'content', width: 260 },
    { title: t('aftersales.product'), dataIndex: 'productId' },
    {
      title: t('aftersales.orderId'),
      dataIndex: 'orderId',
      render: (v: string | null) =>
        v ? <Typography.Link onClick={() => onOpen(v)}>{v}</Typography.Link> : '—',
    },
    {
      title: t('aftersales.reviewedAt'),
      dataIndex: 'reviewedAt',
      render: (v: string) => formatDateTime(v, tz),
    },
    {
      title: <Explained title={t('aftersales.class')} tip={t('aftersales.classTip')} />,
      key: 'cls',
      render: (_, r) =>
        canWrite ? (
          <Select
            size="small"
            style={{ width: 110 }}
            value={r.reasonClass}
            options={CLASSES.map((c) => ({ value: c, label: t(`aftersales.class.${c}`) }))}
            onChange={(v) => update(r.platformId, { reasonClass: v })}
          />
        ) : (
          tryT(t, `aftersales.class.${r.reasonClass}`, r.reasonClass)
        ),
    },
    {
      title: t('aftersales.owner'),
      key: 'owner',
      render: (_, r) =>
        canWrite ? (
          <Select
            size="small"
            allowClear
            style={{ width: 120 }}
            value={r.case.ownerPersonId ?? undefined}
            options={people.map((p) => ({ value: p.personId, label: p.displayName }))}
            onChange={(v) => update(r.platformId, { ownerPersonId: v ?? null })}
          />
        ) : (
          name(r.case.ownerPersonId)
        ),
    },
    {
      title: <Explained title={t('aftersales.contacts')} tip={t('aftersales.contactsTip')} />,
      key: 'contacts',
      render: (_, r) => (
        <Space size={4}>
          {r.case.contacts.length > 0 && <Tag>{r.case.contacts.length}</Tag>}
          {r.calledSameDay && <Tag color="green">{t('aftersales.calledSameDay')}</Tag>}
          {r.needsCallToday && <Tag color="red">{t('aftersales.callToday')}</Tag>}
          {canWrite && (
            <Button
              size="small"
              type="link"
              icon={<PhoneOutlined />}
              onClick={() => update(r.platformId, { contact: { channel: 'phone' } })}
            >
              {t('aftersales.addCall')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('aftersales.outcome'),
      key: 'outcome',
      render: (_, r) =>
        canWrite ? (
          <Select
            size="small"
            allowClear
            style={{ width: 120 }}
            value={r.case.outcome ?? undefined}
            options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`aftersales.reviewOutcome.${o}`) }))}
            onChange={(v) => update(r.platformId, { outcome: v ?? null })}
          />
        ) : (
          (r.case.outcome ?? '')
        ),
    },
    {
      title: t('aftersales.publicReply'),
      key: 'reply',
      render: (_, r) =>
        canWrite ? (
          <Typography.Link onClick={() => setReply({ key: r.platformId, text: r.case.publicReply ?? '' })}>
            {r.case.publicReply ? r.case.publicReply.slice(0, 12) : t('common.edit')}
          </Typography.Link>
        ) : (
          r.case.publicReply
        ),
    },
  ];
  // Bad reviews per product over the last months: a stacked bar per month.
  const items = byProduct.data?.items ?? [];
  const months = [...new Set(items.map((i) => i.month))].sort();
  const products = [...new Set(items.map((i) => i.productId))];
  const chart = {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll' },
    grid: { left: 40, right: 20, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: products.map((p) => ({
      name: p,
      type: 'bar',
      stack: 'bad',
      data: months.map((m) => items.find((i) => i.month === m && i.productId === p)?.total ?? 0),
    })),
  };
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="platformId"
        loading={list.isFetching}
        testId="reviews-table"
        selection={canWrite ? { selected, onChange: setSelected } : undefined}
        exportName={t('aftersales.tab.reviews')}
        exportColumns={[
          {
            header: t('aftersales.sentiment'),
            value: (r) => tryT(t, `aftersales.sentiment.${r.sentiment}`, r.sentiment),
          },
          { header: t('aftersales.content'), value: (r) => r.content },
          { header: t('aftersales.product'), value: (r) => r.productId },
          { header: t('aftersales.orderId'), value: (r) => r.orderId },
          { header: t('aftersales.reviewedAt'), value: (r) => formatDateTime(r.reviewedAt, tz) },
          {
            header: t('aftersales.class'),
            value: (r) => tryT(t, `aftersales.class.${r.reasonClass}`, r.reasonClass),
          },
          { header: t('aftersales.owner'), value: (r) => name(r.case.ownerPersonId) },
          { header: t('aftersales.contacts'), value: (r) => r.case.contacts.length },
          { header: t('aftersales.outcome'), value: (r) => r.case.outcome ?? '' },
          { header: t('aftersales.publicReply'), value: (r) => r.case.publicReply ?? '' },
        ]}
      >
        <Select
          allowClear
          placeholder={t('aftersales.class')}
          style={{ width: 140 }}
          value={cls}
          onChange={setCls}
          options={CLASSES.map((c) => ({ value: c, label: t(`aftersales.class.${c}`) }))}
        />
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>
          {t('aftersales.openOnly')}
        </Checkbox>
        {canWrite && <LexiconButton code={code} />}
        {canWrite && (
          <AssignBar
            count={selected.length}
            people={people}
            onAssign={(p) =>
              act(
                () => aftersalesApi.assignReviews(code, selected, p),
                t('aftersales.assigned'),
                () => {
                  setSelected([]);
                  refresh();
                },
              )
            }
          />
        )}
      </QueueTable>
      <Card size="small" title={t('aftersales.byProduct')}>
        <EChart option={chart} style={{ height: 280 }} />
      </Card>
      <Modal
        open={!!reply}
        title={t('aftersales.publicReply')}
        onCancel={() => setReply(null)}
        onOk={async () => {
          if (reply) await update(reply.key, { publicReply: reply.text });
          setReply(null);
        }}
      >
        <Input.TextArea
          rows={4}
          value={reply?.text}
          onChange={(e) => setReply((r) => (r ? { ...r, text: e.target.value } : r))}
        />
      </Modal>
    </Flex>
  );
}

/** The keyword lexicon of the review reason classes, editable per store. */
function LexiconButton({ code }: { code: string }) {
  const { t } = useI18n();
  const act = useAct();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const q = useQuery({
    queryKey: ['lexicon', code],
    queryFn: () => aftersalesApi.lexicon(code),
    enabled: open && !!code,
  });
  const start = () => {
    setOpen(true);
    setDraft({});
  };
  const value = (c: string) => draft[c] ?? (q.data?.[c] ?? []).join(' ');
  return (
    <>
      <Button onClick={start} data-testid="lexicon-edit">
        {t('aftersales.lexicon')}
      </Button>
      <Modal
        open={open}
        width={640}
        title={<Explained title={t('aftersales.lexicon')} tip={t('aftersales.lexiconTip')} />}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const body: Record<string, string[]> = {};
          for (const c of CLASSES) {
            if (c === 'other') continue;
            body[c] = value(c)
              .split(/[\s,，、]+/)
              .map((w) => w.trim())
              .filter(Boolean);
          }
          await act(() => aftersalesApi.setLexicon(code, body), t('aftersales.saved'));
          setOpen(false);
        }}
      >
        <Flex vertical gap={8}>
          {CLASSES.filter((c) => c !== 'other').map((c) => (
            <div key={c}>
              <Typography.Text strong>{t(`aftersales.class.${c}`)}</Typography.Text>
              <Input.TextArea
                autoSize
                value={value(c)}
                onChange={(e) => setDraft((d) => ({ ...d, [c]: e.target.value }))}
              />
            </div>
          ))}
        </Flex>
      </Modal>
    </>
  );
}

function DisputesTab({ code, onOpen }: TabProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const tz = useCurrentStore()?.timeZone;
  const canWrite = useAccess().canWrite('aftersales');
  const act = useAct();
  const [openOnly, setOpenOnly] = useState(true);
  const [adding, setAdding] = useState<{ title: string; orderId: string; reason: string } | null>(null);
  const list = useQuery({
    queryKey: ['disputes', code, openOnly],
    queryFn: () => aftersalesApi.disputes(code, openOnly),
    enabled: !!code,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['disputes'] });
  const rows = list.data?.items ?? [];
  const columns: ColumnsType<Dispute> = [
    { title: t('aftersales.disputeTitle'), dataIndex: 'title' },
    {
      title: t('aftersales.source'),
      dataIndex: 'source',
      render: (v: string) => tryT(t, `aftersales.source.${v}`, v),
    },
    {
      title: t('aftersales.orderId'),
      dataIndex: 'orderId',
      render: (v: string | null) =>
        v ? <Typography.Link onClick={() => onOpen(v)}>{v}</Typography.Link> : '',
    },
    {
      title: <Explained title={t('aftersales.deadline')} tip={t('aftersales.deadlineTip')} />,
      key: 'deadline',
      render: (_, d) => (
        <Space size={4}>
          {formatDateTime(d.deadlineAt, tz)}
          {d.deadlineState !== 'none' && (
            <Tag
              color={
                d.deadlineState === 'overdue' ? 'red' : d.deadlineState === 'due_soon' ? 'orange' : 'green'
              }
            >
              {tryT(t, `aftersales.deadline.${d.deadlineState}`, d.deadlineState)}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('aftersales.evidence'),
      key: 'evidence',
      render: (_, d) => (
        <Space size={4} wrap>
          {Object.entries(d.evidence).map(([k, v]) => (
            <Checkbox
              key={k}
              checked={v}
              disabled={!canWrite}
              onChange={(e) =>
                act(
                  () => aftersalesApi.updateDispute(code, d.id, { evidence: { [k]: e.target.checked } }),
                  t('aftersales.saved'),
                  refresh,
                )
              }
            >
              {tryT(t, `aftersales.evidence.${k}`, k)}
            </Checkbox>
          ))}
        </Space>
      ),
    },
    {
      title: t('aftersales.status'),
      dataIndex: 'status',
      render: (v: string, d) =>
        canWrite ? (
          <Select
            size="small"
            style={{ width: 100 }}
            value={v}
            options={['open', 'won', 'lost', 'withdrawn'].map((s) => ({
              value: s,
              label: t(`aftersales.disputeStatus.${s}` as never),
            }))}
            onChange={(s) =>
              act(
                () => aftersalesApi.updateDispute(code, d.id, { status: s }),
                t('aftersales.saved'),
                refresh,
              )
            }
          />
        ) : (
          tryT(t, `aftersales.disputeStatus.${v}`, v)
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="id"
        loading={list.isFetching}
        exportName={t('aftersales.tab.disputes')}
        exportColumns={[
          { header: t('aftersales.disputeTitle'), value: (r) => r.title },
          { header: t('aftersales.orderId'), value: (r) => r.orderId },
          { header: t('aftersales.deadline'), value: (r) => formatDateTime(r.deadlineAt, tz) },
          {
            header: t('aftersales.evidence'),
            value: (r) => r.evidenceMissing.map((k) => tryT(t, `aftersales.evidence.${k}`, k)).join('、'),
          },
          {
            header: t('aftersales.status'),
            value: (r) => tryT(t, `aftersales.disputeStatus.${r.status}`, r.status),
          },
        ]}
      >
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>
          {t('aftersales.openOnly')}
        </Checkbox>
        {canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding({ title: '', orderId: '', reason: '' })}>
            {t('aftersales.newDispute')}
          </Button>
        )}
      </QueueTable>
      <Modal
        open={!!adding}
        title={t('aftersales.newDispute')}
        onCancel={() => setAdding(null)}
        onOk={async () => {
          if (adding)
            await act(
              () =>
                aftersalesApi.createDispute(code, {
                  title: adding.title,
                  orderId: adding.orderId || undefined,
                  reason: adding.reason || undefined,
                }),
              t('aftersales.saved'),
              refresh,
            );
          setAdding(null);
        }}
      >
        <Flex vertical gap={8}>
          <Input
            placeholder={t('aftersales.disputeTitle')}
            value={adding?.title}
            onChange={(e) => setAdding((a) => a && { ...a, title: e.target.value })}
          />
          <Input
            placeholder={t('aftersales.orderId')}
            value={adding?.orderId}
            onChange={(e) => setAdding((a) => a && { ...a, orderId: e.target.value })}
          />
          <Input
            placeholder={t('aftersales.reason')}
            value={adding?.reason}
            onChange={(e) => setAdding((a) => a && { ...a, reason: e.target.value })}
          />
        </Flex>
      </Modal>
    </Flex>
  );
}

function QuestionsTab({ code }: TabProps) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const tz = useCurrentStore()?.timeZone;
  const canWrite = useAccess().canWrite('aftersales');
  const act = useAct();
  const [unansweredOnly, setUnansweredOnly] = useState(true);
  const [answer, setAnswer] = useState<{ id: string; text: string } | null>(null);
  const [adding, setAdding] = useState<{ productId: string; question: string; isBad: boolean } | null>(null);
  const list = useQuery({
    queryKey: ['questions', code, unansweredOnly],
    queryFn: () => aftersalesApi.questions(code, { unansweredOnly }),
    enabled: !!code,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['questions'] });
  const rows = list.data?.items ?? [];
  const columns: ColumnsType<Question> = [
    { title: t('aftersales.product'), dataIndex: 'productId' },
    {
      title: t('aftersales.question'),
      dataIndex: 'question',
      render: (v: string, q) => (
        <Space size={4}>
          {q.isBad && <Tag color="red">{t('aftersales.isBad')}</Tag>}
          {v}
        </Space>
      ),
    },
    { title: t('aftersales.askedAt'), dataIndex: 'askedAt', render: (v: string) => formatDateTime(v, tz) },
    {
      title: t('aftersales.answer'),
      dataIndex: 'answer',
      render: (v: string | null, q) =>
        v ??
        (canWrite ? (
          <Button size="small" onClick={() => setAnswer({ id: q.id, text: '' })}>
            {t('aftersales.reply')}
          </Button>
        ) : (
          ''
        )),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <QueueTable
        rows={rows}
        columns={columns}
        rowKey="id"
        loading={list.isFetching}
        testId="questions-table"
        exportName={t('aftersales.tab.questions')}
        exportColumns={[
          { header: t('aftersales.product'), value: (r) => r.productId },
          { header: t('aftersales.question'), value: (r) => r.question },
          { header: t('aftersales.isBad'), value: (r) => (r.isBad ? '是' : '') },
          { header: t('aftersales.answer'), value: (r) => r.answer },
        ]}
      >
        <Checkbox checked={unansweredOnly} onChange={(e) => setUnansweredOnly(e.target.checked)}>
          {t('aftersales.unansweredOnly')}
        </Checkbox>
        {canWrite && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding({ productId: '', question: '', isBad: false })}
          >
            {t('aftersales.newQuestion')}
          </Button>
        )}
      </QueueTable>
      <Modal
        open={!!answer}
        title={t('aftersales.reply')}
        onCancel={() => setAnswer(null)}
        onOk={async () => {
          if (answer)
            await act(
              () => aftersalesApi.answer(code, answer.id, answer.text),
              t('aftersales.saved'),
              refresh,
            );
          setAnswer(null);
        }}
      >
        <Input.TextArea
          rows={4}
          value={answer?.text}
          onChange={(e) => setAnswer((a) => a && { ...a, text: e.target.value })}
        />
      </Modal>
      <Modal
        open={!!adding}
        title={t('aftersales.newQuestion')}
        onCancel={() => setAdding(null)}
        onOk={async () => {
          if (adding)
            await act(() => aftersalesApi.addQuestion(code, adding), t('aftersales.saved'), refresh);
          setAdding(null);
        }}
      >
        <Flex vertical gap={8}>
          <Input
            placeholder={t('aftersales.product')}
            value={adding?.productId}
            onChange={(e) => setAdding((a) => a && { ...a, productId: e.target.value })}
          />
          <Input.TextArea
            placeholder={t('aftersales.question')}
            value={adding?.question}
            onChange={(e) => setAdding((a) => a && { ...a, question: e.target.value })}
          />
          <Checkbox
            checked={adding?.isBad}
            onChange={(e) => setAdding((a) => a && { ...a, isBad: e.target.checked })}
          >
            {t('aftersales.isBad')}
          </Checkbox>
        </Flex>
      </Modal>
    </Flex>
  );
}
