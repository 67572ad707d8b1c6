import { QuestionCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Flex,
  Input,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  type DailyReport,
  type Finding,
  type Headline,
  type MetricKey,
  metricsApi,
  type Num,
  type ProductRow,
} from '../../../api/metrics';
import { EChart } from '../../../components/EChart';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { type TFunction, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { CompetitorLogCard, PushSettings } from './CompetitorLog';
import { ProductSourcesChart, TrafficSourcesCard } from './TrafficSources';

const RED = '#cf1322';
const GREEN = '#389e0d';
const tabular = { fontVariantNumeric: 'tabular-nums' } as const;

/** Money in fen as yuan (¥1,234.56); rates as %; counts whole. Null is "no data", never 0. */
export function formatValue(metric: MetricKey | string, v: Num | undefined, noData = '—'): string {
  if (v == null) return noData;
  if (metric === 'paidAmount' || metric === 'aov' || metric === 'uvValue')
    return `¥${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (metric === 'conversion' || metric === 'refundRate') return `${(v * 100).toFixed(2)}%`;
  return Math.round(v).toLocaleString('zh-CN');
}

const yuan = (fen: Num | undefined) => formatValue('paidAmount', fen);

/** ▲ red for a rise, ▼ green for a fall (Chinese convention); "—" when there is nothing to compare. */
export function Delta({ v, label }: { v: Num | undefined; label?: string }) {
  const text = v == null ? '—' : `${v >= 0 ? '▲' : '▼'}${Math.abs(v * 100).toFixed(1)}%`;
  const color = v == null || v === 0 ? undefined : v > 0 ? RED : GREEN;
  return (
    <span style={{ ...tabular, whiteSpace: 'nowrap' }}>
      {label && <Typography.Text type="secondary">{label} </Typography.Text>}
      <span style={{ color }}>{text}</span>
    </span>
  );
}

function HeadlineCard({ h, t }: { h: Headline; t: TFunction }) {
  const c = h.comparison;
  const vsBaseline = h.baseline && h.value != null ? h.value / h.baseline.expected - 1 : null;
  return (
    <Card size="small" data-testid={`metric-card-${h.metric}`} style={{ height: '100%' }}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">
          {t(`metrics.m.${h.metric}` as never)}{' '}
          <Tooltip
            title={
              <div>
                <div>{h.rule}</div>
                {h.source && <div>{t(`metrics.source.${h.source}` as never)}</div>}
                <div>{t('metrics.baselineHelp')}</div>
                {h.baseline && (
                  <div>
                    {t('metrics.expected')}: {formatValue(h.metric, h.baseline.expected)} (
                    {formatValue(h.metric, h.baseline.low)} – {formatValue(h.metric, h.baseline.high)})
                  </div>
                )}
              </div>
            }
          >
            <QuestionCircleOutlined />
          </Tooltip>
        </Typography.Text>
      </Flex>
      <div
        style={{ fontSize: 24, fontWeight: 600, margin: '4px 0', ...tabular }}
        data-testid={`metric-value-${h.metric}`}
      >
        {formatValue(h.metric, h.value, t('metrics.noValue'))}
      </div>
      <Flex vertical gap={2} style={{ fontSize: 12 }}>
        <Delta v={c.vsDayBefore} label={t('metrics.vsDayBefore')} />
        <Delta v={c.vsLastWeek} label={t('metrics.vsLastWeek')} />
        <Delta v={vsBaseline} label={t('metrics.vsBaseline')} />
        {h.industry && (
          <Delta v={h.industry.vsBaseline} label={`${t('metrics.industry')} ${t('metrics.vsBaseline')}`} />
        )}
      </Flex>
    </Card>
  );
}

const SEV_COLOR = { high: 'red', medium: 'orange', low: 'blue' } as const;
const CAUSE_COLOR = { market: 'default', ours: 'volcano', mixed: 'gold', unknown: 'default' } as const;

function trendOption(r: DailyReport, t: TFunction) {
  const dates = r.trend.map((p) => p.date.slice(5));
  const y = (v: Num) => (v == null ? null : v / 100);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('metrics.m.paidAmount'), t('metrics.expected'), t('metrics.band')] },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: '¥' },
    series: [
      {
        name: 'low',
        type: 'line',
        stack: 'band',
        data: r.trend.map((p) => y(p.low)),
        lineStyle: { opacity: 0 },
        symbol: 'none',
      },
      {
        name: t('metrics.band'),
        type: 'line',
        stack: 'band',
        data: r.trend.map((p) => (p.low == null || p.high == null ? null : (p.high - p.low) / 100)),
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(24,144,255,0.15)' },
        symbol: 'none',
      },
      {
        name: t('metrics.expected'),
        type: 'line',
        data: r.trend.map((p) => y(p.expected)),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
      {
        name: t('metrics.m.paidAmount'),
        type: 'line',
        data: r.trend.map((p) => y(p.paidAmountFen)),
        itemStyle: { color: RED },
      },
    ],
  };
}

function funnelOption(r: DailyReport, t: TFunction) {
  const f = r.funnel;
  const data = f
    ? [
        { name: t('metrics.m.visitors'), value: f.visitors },
        { name: t('metrics.cart'), value: f.addToCartBuyers },
        { name: t('metrics.m.buyers'), value: f.buyers },
      ].filter((d) => d.value != null)
    : [];
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        left: '10%',
        width: '80%',
        sort: 'descending',
        label: { formatter: '{b}: {c}' },
        data,
      },
    ],
  };
}

function waterfallOption(r: DailyReport, t: TFunction) {
  const w = r.waterfall;
  if (!w || w.base == null || w.cur == null) return null;
  const steps = [
    { name: t('metrics.m.visitors'), v: w.visitors },
    { name: t('metrics.m.conversion'), v: w.conversion },
    { name: t('metrics.m.aov'), v: w.aov },
  ];
  const names = [t('metrics.lastWeek'), ...steps.map((s) => s.name), t('metrics.today')];
  const hidden: number[] = [0];
  const shown: { value: number; itemStyle: { color: string } }[] = [
    { value: w.base / 100, itemStyle: { color: '#8c8c8c' } },
  ];
  let level = w.base;
  for (const s of steps) {
    const next = level + s.v;
    hidden.push(Math.min(level, next) / 100);
    shown.push({ value: Math.abs(s.v) / 100, itemStyle: { color: s.v >= 0 ? RED : GREEN } });
    level = next;
  }
  hidden.push(0);
  shown.push({ value: w.cur / 100, itemStyle: { color: '#1677ff' } });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 70, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: names },
    yAxis: { type: 'value', name: '¥' },
    series: [
      {
        type: 'bar',
        stack: 'w',
        data: hidden,
        itemStyle: { color: 'transparent' },
        tooltip: { show: false },
      },
      {
        type: 'bar',
        stack: 'w',
        data: shown,
        label: { show: true, position: 'top', formatter: (p: { value: number }) => p.value.toFixed(0) },
      },
    ],
  };
}

function industryOption(r: DailyReport, t: TFunction) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('metrics.store'), t('metrics.industry')] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: r.trend.map((p) => p.date.slice(5)) },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        name: t('metrics.store'),
        type: 'line',
        data: r.trend.map((p) => p.storeIndex),
        itemStyle: { color: RED },
      },
      {
        name: t('metrics.industry'),
        type: 'line',
        data: r.trend.map((p) => p.industryIndex),
        itemStyle: { color: '#8c8c8c' },
      },
    ],
  };
}

function ChartCard({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <Space size={4}>
          {title}
          {help && (
            <Tooltip title={help}>
              <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />
            </Tooltip>
          )}
        </Space>
      }
    >
      {children}
    </Card>
  );
}

function ProductDrawer({
  storeCode,
  productId,
  date,
  onClose,
}: {
  storeCode: string;
  productId: string | null;
  date: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const from = useMemo(() => {
    const d = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return date;
    d.setUTCDate(d.getUTCDate() - 59);
    return d.toISOString().slice(0, 10);
  }, [date]);
  const q = useQuery({
    queryKey: ['metrics', storeCode, 'product', productId, from, date],
    queryFn: () => metricsApi.product(storeCode, productId!, from, date),
    enabled: !!productId && !!date,
  });
  const days = q.data?.days ?? [];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: {
      data: [
        t('metrics.productPaid'),
        t('metrics.productVisitors'),
        t('metrics.refunds'),
        t('metrics.badReviews'),
      ],
    },
    grid: { left: 60, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
    yAxis: [{ type: 'value', name: '¥' }, { type: 'value' }],
    series: [
      {
        name: t('metrics.productPaid'),
        type: 'line',
        data: days.map((d) => d.paidAmountFen / 100),
        itemStyle: { color: RED },
      },
      { name: t('metrics.productVisitors'), type: 'line', yAxisIndex: 1, data: days.map((d) => d.visitors) },
      { name: t('metrics.refunds'), type: 'bar', yAxisIndex: 1, data: days.map((d) => d.refundCount) },
      { name: t('metrics.badReviews'), type: 'bar', yAxisIndex: 1, data: days.map((d) => d.reviewsBad) },
    ],
  };
  return (
    <Drawer
      open={!!productId}
      onClose={onClose}
      size="large"
      title={`${t('metrics.drill')} · ${q.data?.title ?? productId ?? ''}`}
    >
      {q.isLoading ? (
        <Spin />
      ) : (
        <Flex vertical gap={16} data-testid="product-drill">
          <EChart option={option} />
          <ProductSourcesChart sources={q.data?.sources ?? []} t={t} />
          <Table
            size="small"
            rowKey={(r) => r.date}
            pagination={{ pageSize: 10 }}
            dataSource={[...days].reverse()}
            columns={[
              { title: t('metrics.date'), dataIndex: 'date' },
              {
                title: t('metrics.productPaid'),
                dataIndex: 'paidAmountFen',
                align: 'right',
                render: (v: number) => yuan(v),
              },
              {
                title: t('metrics.productVisitors'),
                dataIndex: 'visitors',
                align: 'right',
                render: (v: Num) => formatValue('visitors', v),
              },
              {
                title: t('metrics.productConversion'),
                dataIndex: 'conversion',
                align: 'right',
                render: (v: Num) => formatValue('conversion', v),
              },
              { title: t('metrics.refunds'), dataIndex: 'refundCount', align: 'right' },
              { title: t('metrics.badReviews'), dataIndex: 'reviewsBad', align: 'right' },
              {
                title: t('metrics.adSpend'),
                dataIndex: 'adSpendFen',
                align: 'right',
                render: (v: number) => yuan(v),
              },
            ]}
          />
          <Typography.Title level={5}>{t('metrics.skus')}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => r.skuCode}
            pagination={false}
            dataSource={(q.data?.skus ?? []).filter((s) => s.date === date)}
            columns={[
              { title: 'SKU', dataIndex: 'skuCode' },
              {
                title: t('metrics.productPaid'),
                dataIndex: 'paidAmountFen',
                align: 'right',
                render: (v: number) => yuan(v),
              },
              { title: t('metrics.orders'), dataIndex: 'paidOrders', align: 'right' },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

/** /s/:storeCode/metrics: the morning report (数据诊断) of a business date (default yesterday). */
export default function MetricsReportPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const storeCode = access.store?.code ?? '';
  const canWrite = access.canWrite('metrics');
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? undefined;
  const [drill, setDrill] = useState<string | null>(null);

  const q = useQuery({
    queryKey: ['metrics', storeCode, 'report', date ?? ''],
    queryFn: () => metricsApi.report(storeCode, date),
    placeholderData: keepPreviousData,
    enabled: !!storeCode,
  });
  const r = q.data;

  const toTask = async (f: Finding) => {
    try {
      const res = await metricsApi.createTask(storeCode, f.id);
      message.success(res.created ? t('metrics.taskCreated') : t('metrics.taskExists'));
      await qc.invalidateQueries({ queryKey: ['metrics', storeCode, 'report'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const findingColumns: ColumnsType<Finding> = [
    {
      title: t('metrics.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (s: Finding['severity']) => <Tag color={SEV_COLOR[s]}>{t(`metrics.sev.${s}` as never)}</Tag>,
    },
    {
      title: t('metrics.cause'),
      dataIndex: 'cause',
      width: 110,
      render: (c: Finding['cause']) =>
        c ? <Tag color={CAUSE_COLOR[c]}>{t(`metrics.cause.${c}` as never)}</Tag> : null,
    },
    {
      title: t('metrics.finding'),
      key: 'text',
      render: (_: unknown, f) => (
        <Tooltip
          title={
            <pre style={{ margin: 0, fontSize: 11, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify(f.explanation, null, 1)}
            </pre>
          }
        >
          <span data-testid="finding-text">{f.text[locale]}</span>
        </Tooltip>
      ),
    },
    {
      title: (
        <Space size={4}>
          {t('metrics.money')}
          <Tooltip title={t('metrics.moneyHelp')}>
            <QuestionCircleOutlined />
          </Tooltip>
        </Space>
      ),
      dataIndex: 'moneyAtStakeFen',
      align: 'right',
      width: 120,
      render: (v: number) => <span style={tabular}>{yuan(v)}</span>,
    },
    {
      key: 'act',
      width: 110,
      render: (_: unknown, f) =>
        f.taskId ? (
          <Tag color="green">{t('metrics.openTask')}</Tag>
        ) : canWrite ? (
          <Button size="small" onClick={() => toTask(f)} data-testid="finding-to-task">
            {t('metrics.toTask')}
          </Button>
        ) : null,
    },
  ];

  const productColumns: ColumnsType<ProductRow> = [
    {
      title: t('metrics.product'),
      dataIndex: 'title',
      render: (v: string | null, p) => (
        <Typography.Link onClick={() => setDrill(p.productId)} ellipsis style={{ maxWidth: 280 }}>
          {v ?? p.productId}
        </Typography.Link>
      ),
    },
    {
      title: t('metrics.productPaid'),
      dataIndex: 'paidAmountFen',
      align: 'right',
      sorter: (a, b) => a.paidAmountFen - b.paidAmountFen,
      render: (v: number) => yuan(v),
    },
    {
      title: t('metrics.productLastWeek'),
      dataIndex: 'lastWeekPaidAmountFen',
      align: 'right',
      render: (v: number) => yuan(v),
    },
    {
      title: t('metrics.productChange'),
      dataIndex: 'change',
      align: 'right',
      render: (v: Num) => <Delta v={v} />,
    },
    {
      title: (
        <Tooltip title={t('metrics.shareHelp')}>
          {t('metrics.share')} <QuestionCircleOutlined />
        </Tooltip>
      ),
      dataIndex: 'contributionShare',
      align: 'right',
      render: (v: Num) => (v == null ? '—' : `${Math.round(v * 100)}%`),
    },
    {
      title: t('metrics.productVisitors'),
      dataIndex: 'visitors',
      align: 'right',
      render: (v: Num) => formatValue('visitors', v),
    },
    {
      title: t('metrics.productConversion'),
      dataIndex: 'conversion',
      align: 'right',
      render: (v: Num) => formatValue('conversion', v),
    },
    { title: t('metrics.refunds'), dataIndex: 'refundCount', align: 'right' },
    { title: t('metrics.badReviews'), dataIndex: 'reviewsBad', align: 'right' },
  ];

  const exportAll = async () => {
    if (!r) return 0;
    const rows = [
      ...r.headline.map((h) => ({
        section: t('metrics.title'),
        name: t(`metrics.m.${h.metric}` as never),
        value: formatValue(h.metric, h.value),
        a: h.comparison.vsDayBefore,
        b: h.comparison.vsLastWeek,
        c: h.comparison.vsAvg28,
        d: h.industry?.vsBaseline ?? null,
      })),
      ...r.findings.map((f) => ({
        section: t('metrics.findings'),
        name: f.text[locale],
        value: yuan(f.moneyAtStakeFen),
        a: null,
        b: null,
        c: null,
        d: null,
      })),
      ...r.products.map((p) => ({
        section: t('metrics.products'),
        name: p.title ?? p.productId,
        value: yuan(p.paidAmountFen),
        a: null,
        b: p.change,
        c: null,
        d: null,
      })),
    ];
    const pct = (v: Num) => (v == null ? null : Math.round(v * 10000) / 100);
    return exportXlsx({
      fileName: `${t('metrics.exportFile')}-${r.store.code}-${r.date}`,
      columns: [
        { header: '', value: (x) => x.section },
        { header: t('metrics.finding'), value: (x) => x.name },
        { header: r.date, value: (x) => x.value },
        { header: `${t('metrics.vsDayBefore')} %`, value: (x) => pct(x.a) },
        { header: `${t('metrics.vsLastWeek')} %`, value: (x) => pct(x.b) },
        { header: `${t('metrics.vsAvg28')} %`, value: (x) => pct(x.c) },
        { header: `${t('metrics.industry')} %`, value: (x) => pct(x.d) },
      ],
      rows,
    });
  };

  const cards =
    r?.headline.filter((h) =>
      ['paidAmount', 'visitors', 'conversion', 'aov', 'refundRate'].includes(h.metric),
    ) ?? [];
  const waterfall = r ? waterfallOption(r, t) : null;

  return (
    <PageContainer
      title={t('metrics.title')}
      subTitle={t('metrics.subTitle')}
      testId="page-metrics"
      extra={
        <Space>
          <Typography.Text>{t('metrics.date')}</Typography.Text>
          <Input
            type="date"
            value={r?.date ?? date ?? ''}
            style={{ width: 160 }}
            data-testid="metrics-date"
            onChange={(e) => e.target.value && setParams({ date: e.target.value })}
          />
          <ExportButton run={exportAll} />
          <PushSettings storeCode={storeCode} canWrite={canWrite} />
        </Space>
      }
    >
      {q.isError && <Alert type="error" showIcon title={errorText(t, q.error)} />}
      {!r ? (
        <Spin />
      ) : (
        <Flex vertical gap={16}>
          {r.partial && <Alert type="warning" showIcon title={t('metrics.partial')} />}
          {!r.hasData && (
            <Alert type="info" showIcon title={t('metrics.noData')} data-testid="metrics-no-data" />
          )}
          {r.reconciliation?.ratio != null && Math.abs(r.reconciliation.ratio) > 0.01 && (
            <Alert
              type="warning"
              showIcon
              title={t('metrics.reconcile', { gap: `${(r.reconciliation.ratio * 100).toFixed(1)}%` })}
            />
          )}
          <Row gutter={[12, 12]}>
            {cards.map((h) => (
              <Col key={h.metric} xs={12} md={8} xl={4} flex="1 1 0">
                <HeadlineCard h={h} t={t} />
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={17}>
              <Card size="small" title={t('metrics.findings')} data-testid="metrics-findings">
                {r.findings.length === 0 ? (
                  <Empty description={t('metrics.noFindings')} />
                ) : (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={r.findings}
                    columns={findingColumns}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={7}>
              <CompetitorLogCard
                storeCode={storeCode}
                date={r.date}
                moves={r.competitorLog ?? []}
                shops={r.competitors.map((c) => c.shop)}
                canWrite={canWrite}
              />
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <ChartCard title={t('metrics.trend')} help={t('metrics.baselineHelp')}>
                <EChart option={trendOption(r, t)} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={8}>
              <ChartCard title={t('metrics.funnel')}>
                <EChart option={funnelOption(r, t)} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('metrics.waterfall')} help={t('metrics.waterfallHelp')}>
                {waterfall ? <EChart option={waterfall} /> : <Empty />}
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('metrics.storeVsIndustry')}>
                <EChart option={industryOption(r, t)} />
              </ChartCard>
            </Col>
          </Row>
          <TrafficSourcesCard block={r.trafficSources} t={t} onProduct={setDrill} />
          {r.competitors.length > 0 && (
            <Card size="small" title={t('metrics.competitors')} data-testid="metrics-competitors">
              <Table
                size="small"
                rowKey="shop"
                pagination={false}
                dataSource={r.competitors}
                columns={[
                  { title: t('metrics.competitor'), dataIndex: 'shop' },
                  {
                    title: t('metrics.productVisitors'),
                    dataIndex: 'visitors',
                    align: 'right',
                    render: (v: Num) => formatValue('visitors', v),
                  },
                  {
                    title: `${t('metrics.productVisitors')} ${t('metrics.vsBaseline')}`,
                    dataIndex: 'visitorsChange',
                    align: 'right',
                    render: (v: Num) => <Delta v={v} />,
                  },
                  {
                    title: t('metrics.productPaid'),
                    dataIndex: 'paidAmountFen',
                    align: 'right',
                    render: (v: Num) => yuan(v),
                  },
                  {
                    title: `${t('metrics.productPaid')} ${t('metrics.vsBaseline')}`,
                    dataIndex: 'paidChange',
                    align: 'right',
                    render: (v: Num) => <Delta v={v} />,
                  },
                  {
                    title: (
                      <Tooltip title={t('metrics.aspHelp')}>
                        <span>{t('metrics.asp')}</span>
                      </Tooltip>
                    ),
                    dataIndex: 'asp',
                    align: 'right',
                    render: (v: Num) => yuan(v),
                  },
                  {
                    title: `${t('metrics.asp')} ${t('metrics.vs14d')}`,
                    dataIndex: 'aspChange',
                    align: 'right',
                    render: (v: Num) => <Delta v={v} />,
                  },
                ]}
              />
            </Card>
          )}
          {(r.risingCompetitors ?? []).length > 0 && (
            <Card
              size="small"
              data-testid="metrics-rising"
              title={
                <Tooltip title={t('metrics.risingHelp')}>
                  <span>{t('metrics.rising')}</span>
                </Tooltip>
              }
            >
              <Table
                size="small"
                rowKey="shop"
                pagination={false}
                dataSource={r.risingCompetitors}
                columns={[
                  { title: t('metrics.competitor'), dataIndex: 'shop' },
                  {
                    title: t('metrics.paid7'),
                    dataIndex: 'paid7',
                    align: 'right',
                    render: (v: number) => yuan(v),
                  },
                  {
                    title: t('metrics.paidGrowth'),
                    dataIndex: 'paidGrowth',
                    align: 'right',
                    render: (v: Num) => <Delta v={v} />,
                  },
                  {
                    title: t('metrics.visitorsGrowth'),
                    dataIndex: 'visitorsGrowth',
                    align: 'right',
                    render: (v: Num) => <Delta v={v} />,
                  },
                ]}
              />
            </Card>
          )}
          <Card
            size="small"
            title={t('metrics.products')}
            extra={
              <ExportButton
                size="small"
                testId="export-products"
                run={() =>
                  exportXlsx({
                    fileName: `${t('metrics.products')}-${r.store.code}-${r.date}`,
                    columns: [
                      { header: t('metrics.product'), value: (p: ProductRow) => p.title ?? p.productId },
                      { header: 'ID', value: (p) => p.productId },
                      {
                        header: t('metrics.productPaid'),
                        value: (p) => p.paidAmountFen / 100,
                        numFmt: '0.00',
                      },
                      {
                        header: t('metrics.productLastWeek'),
                        value: (p) => p.lastWeekPaidAmountFen / 100,
                        numFmt: '0.00',
                      },
                      { header: t('metrics.productVisitors'), value: (p) => p.visitors },
                      { header: t('metrics.orders'), value: (p) => p.paidOrders },
                      { header: t('metrics.refunds'), value: (p) => p.refundCount },
                      { header: t('metrics.badReviews'), value: (p) => p.reviewsBad },
                      { header: t('metrics.adSpend'), value: (p) => p.adSpendFen / 100, numFmt: '0.00' },
                    ],
                    rows: r.products,
                  })
                }
              />
            }
          >
            <Table
              size="small"
              rowKey="productId"
              pagination={{ pageSize: 20 }}
              dataSource={r.products}
              columns={productColumns}
              scroll={{ x: 900 }}
            />
          </Card>
        </Flex>
      )}
      <ProductDrawer
        storeCode={storeCode}
        productId={drill}
        date={r?.date ?? ''}
        onClose={() => setDrill(null)}
      />
    </PageContainer>
  );
}
