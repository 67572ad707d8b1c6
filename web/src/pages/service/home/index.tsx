import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type AgentFines, type Hit, type Kpi, serviceApi } from '../../../api/service';
import { EChart } from '../../../components/EChart';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { type TFunction, tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { SettingsTab, SwapCard } from './SettingsTab';

const yuan = (fen: number | null | undefined) =>
  fen == null
    ? '–'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (bp: number | null | undefined) => (bp == null ? '–' : `${(bp / 100).toFixed(1)}%`);
const sec = (s: number | null | undefined) => (s == null ? '–' : s.toFixed(1));

/** A column title with its definition in a tooltip. */
function Def({ t, k }: { t: TFunction; k: string }) {
  return (
    <Tooltip title={tryT(t, `${k}.help`, '')}>
      <span>
        {tryT(t, k, k)} <QuestionCircleOutlined style={{ color: '#999', fontSize: 12 }} />
      </span>
    </Tooltip>
  );
}

/** A value (a fine, a check) with its definition in a tooltip (locale key `<k>.help`). */
function Explained({ t, k }: { t: TFunction; k: string }) {
  return (
    <Tooltip title={tryT(t, `${k}.help`, '')}>
      <span style={{ borderBottom: '1px dotted #999', cursor: 'help' }}>{tryT(t, k, k)}</span>
    </Tooltip>
  );
}

/** ▲ red for a rise, ▼ green for a fall (Chinese convention); the words say whether it is good. */
function Delta({ now, before, label }: { now: number | null; before: number | null; label: string }) {
  if (now == null || before == null || before === 0) return null;
  const d = (now - before) / Math.abs(before);
  if (Math.abs(d) < 0.005) return <Typography.Text type="secondary"> {label} =</Typography.Text>;
  return (
    <span style={{ color: d > 0 ? '#cf1322' : '#389e0d', marginLeft: 6, fontSize: 12 }}>
      {label} {d > 0 ? '▲' : '▼'}
      {Math.abs(d * 100).toFixed(0)}%
    </span>
  );
}

type KpiCol = { key: string; value: (k: Kpi) => number | null; show: (k: Kpi) => string };
const KPI_COLS: KpiCol[] = [
  { key: 'kpi.sessions', value: (k) => k.sessions, show: (k) => String(k.sessions) },
  { key: 'kpi.receptions', value: (k) => k.receptions, show: (k) => String(k.receptions) },
  { key: 'kpi.inquiries', value: (k) => k.inquiries, show: (k) => String(k.inquiries) },
  { key: 'kpi.paidBuyers', value: (k) => k.paidBuyers, show: (k) => String(k.paidBuyers) },
  { key: 'kpi.conversion', value: (k) => k.inquiryConversionBp, show: (k) => pct(k.inquiryConversionBp) },
  { key: 'kpi.sales', value: (k) => k.salesFen, show: (k) => yuan(k.salesFen) },
  { key: 'kpi.aov', value: (k) => k.aovFen, show: (k) => yuan(k.aovFen) },
  { key: 'kpi.firstResponse', value: (k) => k.avgFirstResponseSec, show: (k) => sec(k.avgFirstResponseSec) },
  { key: 'kpi.avgResponse', value: (k) => k.avgResponseSec, show: (k) => sec(k.avgResponseSec) },
  { key: 'kpi.fastRate', value: (k) => k.fastReplyRateBp, show: (k) => pct(k.fastReplyRateBp) },
  { key: 'kpi.replyRate', value: (k) => k.replyRateBp, show: (k) => pct(k.replyRateBp) },
  { key: 'kpi.unanswered', value: (k) => k.unansweredSessions, show: (k) => String(k.unansweredSessions) },
  { key: 'kpi.slow', value: (k) => k.slowSessions, show: (k) => String(k.slowSessions) },
  {
    key: 'kpi.answerRatio',
    value: (k) => k.answerRatio,
    show: (k) => (k.answerRatio == null ? '–' : k.answerRatio.toFixed(2)),
  },
];

const agentName = (a: string) => a.split(':').pop() ?? a;

function monthOf(date: string | null | undefined) {
  return (date ?? new Date().toISOString()).slice(0, 7);
}

// ------------------------------------------------------------------ the 14:30 check

function CheckTab({ code }: { code: string }) {
  const { t } = useI18n();
  const [date, setDate] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['service-check', code, date],
    queryFn: () => serviceApi.check(code, { date }),
  });
  const d = q.data;
  if (q.isLoading) return <Card loading />;
  if (!d?.date || !d.team || !d.agents || !d.byHour || !d.forecast)
    return <Empty description={t('service.noData')} />;
  const team = d.team;
  type Row = NonNullable<typeof d.agents>[number];
  const columns: ColumnsType<Row> = [
    { title: t('service.agent'), dataIndex: 'agent', render: (a: string) => agentName(a), fixed: 'left' },
    {
      title: <Def t={t} k="service.online" />,
      render: (_, r) => (r.firstReply ? `${r.firstReply}–${r.lastReply}` : '–'),
    },
    ...KPI_COLS.map((c) => ({
      title: <Def t={t} k={c.key} />,
      key: c.key,
      render: (_: unknown, r: Row) => (
        <span>
          {c.show(r.today)}
          <Delta
            now={c.value(r.today)}
            before={r.yesterday ? c.value(r.yesterday) : null}
            label={t('service.vsYesterday')}
          />
        </span>
      ),
      sorter: (a: Row, b: Row) => (c.value(a.today) ?? -1) - (c.value(b.today) ?? -1),
    })),
  ];
  const headline = [
    'kpi.sessions',
    'kpi.conversion',
    'kpi.firstResponse',
    'kpi.fastRate',
    'kpi.unanswered',
    'kpi.sales',
  ];
  const hours = d.forecast.hours;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Flex gap={12} wrap align="center">
        <span>{t('service.date')}</span>
        <Input
          type="date"
          value={d.date}
          onChange={(e) => setDate(e.target.value || undefined)}
          style={{ width: 160 }}
          data-testid="check-date"
        />
        <Tooltip
          title={
            d.forecast.campaign.source === 'none'
              ? t('service.campaignNone')
              : `${t('service.campaignOf', { names: d.forecast.campaign.campaigns.join('、') })} ${
                  d.forecast.campaign.source === 'history'
                    ? t('service.campaignHistory', {
                        days: d.forecast.campaign.basis
                          .map((b) => `${b.date} ${b.sessions}/${b.usual}`)
                          .join('；'),
                      })
                    : t('service.campaignSetting')
                }`
          }
        >
          <Tag
            color={d.forecast.campaign.source === 'none' ? 'default' : 'orange'}
            data-testid="campaign-factor"
          >
            {t('service.campaign')} ×{d.forecast.campaignFactor}
          </Tag>
        </Tooltip>
      </Flex>
      <Row gutter={[12, 12]}>
        {headline.map((k) => {
          const c = KPI_COLS.find((x) => x.key === k)!;
          return (
            <Col xs={12} md={8} lg={4} key={k}>
              <Card size="small">
                <Statistic title={<Def t={t} k={k} />} value={c.show(team.today)} />
                <div>
                  <Delta
                    now={c.value(team.today)}
                    before={c.value(team.yesterday)}
                    label={t('service.vsYesterday')}
                  />
                </div>
                <div>
                  <Delta
                    now={c.value(team.today)}
                    before={c.value(team.lastWeek)}
                    label={t('service.vsLastWeek')}
                  />
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card
        size="small"
        title={t('service.tab.check')}
        extra={
          <ExportButton
            run={async () => {
              await exportXlsx({
                fileName: `cs-check-${d.date}`,
                rows: d.agents!,
                columns: [
                  { header: t('service.agent'), value: (r) => r.agent },
                  {
                    header: t('service.online'),
                    value: (r) => (r.firstReply ? `${r.firstReply}-${r.lastReply}` : ''),
                  },
                  ...KPI_COLS.map((c) => ({
                    header: tryT(t, c.key, c.key),
                    value: (r: Row) => c.value(r.today),
                  })),
                ],
              });
              return d.agents!.length;
            }}
          />
        }
      >
        <Table
          rowKey="agent"
          size="small"
          columns={columns}
          dataSource={d.agents}
          pagination={false}
          scroll={{ x: 1400 }}
          data-testid="check-agents"
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={<Def t={t} k="service.byHour" />}>
            <EChart
              style={{ height: 260 }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('service.today'), t('service.yesterday'), t('service.lastWeek')] },
                xAxis: { type: 'category', data: d.byHour.map((h) => `${h.hour}`) },
                yAxis: { type: 'value' },
                series: [
                  { name: t('service.today'), type: 'bar', data: d.byHour.map((h) => h.today) },
                  { name: t('service.yesterday'), type: 'line', data: d.byHour.map((h) => h.yesterday) },
                  { name: t('service.lastWeek'), type: 'line', data: d.byHour.map((h) => h.lastWeek) },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Tooltip title={t('service.forecastHelp')}>
                {t('service.forecast', { date: d.forecast.date })} <QuestionCircleOutlined />
              </Tooltip>
            }
          >
            {d.forecast.underStaffed.length ? (
              <Alert
                type="warning"
                showIcon
                data-testid="under-staffed"
                message={t('service.underStaffed', {
                  hours: d.forecast.underStaffed.map((h) => `${h}:00`).join('、'),
                })}
              />
            ) : (
              <Alert type="success" showIcon message={t('service.staffedOk')} />
            )}
            <EChart
              style={{ height: 220 }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {
                  data: [t('service.forecastLine'), t('service.neededLine'), t('service.rosteredLine')],
                },
                xAxis: { type: 'category', data: hours.map((h) => `${h.hour}`) },
                yAxis: [{ type: 'value' }, { type: 'value', minInterval: 1 }],
                series: [
                  { name: t('service.forecastLine'), type: 'bar', data: hours.map((h) => h.forecast) },
                  {
                    name: t('service.neededLine'),
                    type: 'line',
                    yAxisIndex: 1,
                    data: hours.map((h) => h.needed),
                  },
                  {
                    name: t('service.rosteredLine'),
                    type: 'line',
                    yAxisIndex: 1,
                    step: 'middle',
                    data: hours.map((h) => h.rostered),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

// ------------------------------------------------------------------ chats, hits, fines

function SessionDrawer({ code, id, onClose }: { code: string; id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['service-session', code, id],
    queryFn: () => serviceApi.session(code, id!),
    enabled: !!id,
  });
  return (
    <Drawer open={!!id} onClose={onClose} title={t('service.session', { id: id ?? '' })} width={520}>
      {(q.data?.items ?? []).map((m, i) => (
        <div
          key={`${m.sentAt}-${m.sender}-${m.content}`}
          style={{ marginBottom: 8, textAlign: m.senderRole === 'buyer' ? 'left' : 'right' }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            [{i}] {m.sentAt.slice(11, 19)} ·{' '}
            {m.senderRole === 'buyer'
              ? t('service.role.buyer')
              : m.isAutoReply
                ? t('service.role.auto')
                : agentName(m.sender)}
          </Typography.Text>
          <div>
            <Tag
              color={m.senderRole === 'buyer' ? 'default' : m.isAutoReply ? 'purple' : 'blue'}
              style={{ whiteSpace: 'pre-wrap' }}
            >
              {m.content}
            </Tag>
          </div>
        </div>
      ))}
    </Drawer>
  );
}

function HitsTable({
  code,
  hits,
  mode,
  onChanged,
}: {
  code: string;
  hits: Hit[];
  mode: 'inspector' | 'agent';
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [session, setSession] = useState<string | null>(null);
  const act = async (p: Promise<unknown>) => {
    try {
      await p;
      message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const ask = (title: string, run: (text: string) => Promise<unknown>) => {
    let text = '';
    modal.confirm({
      title,
      content: <Input.TextArea rows={3} onChange={(e) => (text = e.target.value)} data-testid="hit-text" />,
      onOk: () => act(run(text)),
    });
  };
  const columns: ColumnsType<Hit> = [
    { title: t('service.date'), dataIndex: 'date', width: 110 },
    { title: t('service.agent'), dataIndex: 'agent', render: agentName },
    {
      title: t('service.hit.check'),
      dataIndex: 'check',
      render: (c: string) => <Explained t={t} k={`check.${c}`} />,
    },
    { title: t('service.hit.evidence'), dataIndex: 'evidence', ellipsis: true },
    {
      title: <Def t={t} k="service.hit.sampledFor" />,
      dataIndex: 'sampledFor',
      render: (s: string) => tryT(t, `sample.${s}`, s),
    },
    {
      title: t('service.hit.status'),
      dataIndex: 'status',
      render: (s: string, h) => (
        <Tooltip title={[h.note, h.appeal, h.appealDecision].filter(Boolean).join(' / ')}>
          <Tag
            color={
              s === 'confirmed' || s === 'upheld'
                ? 'red'
                : s === 'open' || s === 'appealed'
                  ? 'gold'
                  : 'default'
            }
          >
            {tryT(t, `status.${s}`, s)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_, h) => (
        <Space size={4} wrap>
          <Button size="small" type="link" onClick={() => setSession(h.sessionId)}>
            {t('service.hit.view')}
          </Button>
          {mode === 'inspector' && h.status === 'open' && (
            <>
              <Button
                size="small"
                data-testid="hit-confirm"
                onClick={() => act(serviceApi.review(code, h.id, { decision: 'confirmed' }))}
              >
                {t('service.hit.confirm')}
              </Button>
              <Button
                size="small"
                onClick={() =>
                  ask(t('service.hit.confirmCoach'), (note) =>
                    serviceApi.review(code, h.id, { decision: 'confirmed', note, coach: true }),
                  )
                }
              >
                {t('service.hit.confirmCoach')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  ask(t('service.hit.reject'), (note) =>
                    serviceApi.review(code, h.id, { decision: 'rejected', note }),
                  )
                }
              >
                {t('service.hit.reject')}
              </Button>
            </>
          )}
          {mode === 'inspector' && h.status === 'appealed' && (
            <>
              <Button
                size="small"
                onClick={() =>
                  ask(t('service.hit.uphold'), (note) => serviceApi.decide(code, h.id, 'upheld', note))
                }
              >
                {t('service.hit.uphold')}
              </Button>
              <Button
                size="small"
                onClick={() =>
                  ask(t('service.hit.overturn'), (note) => serviceApi.decide(code, h.id, 'overturned', note))
                }
              >
                {t('service.hit.overturn')}
              </Button>
            </>
          )}
          {mode === 'agent' && h.status === 'confirmed' && (
            <Button
              size="small"
              onClick={() => ask(t('service.hit.appealText'), (text) => serviceApi.appeal(code, h.id, text))}
            >
              {t('service.hit.appeal')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={hits}
        pagination={{ pageSize: 20 }}
        data-testid="hits"
      />
      <SessionDrawer code={code} id={session} onClose={() => setSession(null)} />
    </>
  );
}

function QualityTab({ code }: { code: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string | undefined>('open');
  const q = useQuery({
    queryKey: ['service-hits', code, status],
    queryFn: () => serviceApi.hits(code, { status }),
  });
  const hits = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          style={{ width: 160 }}
          placeholder={t('service.hit.status')}
          options={['open', 'confirmed', 'rejected', 'appealed', 'upheld', 'overturned'].map((s) => ({
            value: s,
            label: tryT(t, `status.${s}`, s),
          }))}
        />
      }
      extra={
        <ExportButton
          run={async () => {
            await exportXlsx({
              fileName: 'cs-quality',
              rows: hits,
              columns: [
                { header: t('service.date'), value: (h) => h.date },
                { header: t('service.agent'), value: (h) => h.agent },
                { header: t('service.hit.check'), value: (h) => tryT(t, `check.${h.check}`, h.check) },
                { header: t('service.hit.evidence'), value: (h) => h.evidence },
                { header: t('service.hit.status'), value: (h) => tryT(t, `status.${h.status}`, h.status) },
                { header: 'session', value: (h) => h.sessionId },
              ],
            });
            return hits.length;
          }}
        />
      }
    >
      <HitsTable
        code={code}
        hits={hits}
        mode="inspector"
        onChanged={() => qc.invalidateQueries({ queryKey: ['service-hits', code] })}
      />
    </Card>
  );
}

function FinesTable({ code, items }: { code: string; items: AgentFines[] }) {
  const { t } = useI18n();
  const [session, setSession] = useState<string | null>(null);
  const rows = items.flatMap((a) =>
    a.fines.map((f) => ({ ...f, agent: a.agent, key: `${a.agent}-${f.code}` })),
  );
  if (rows.length === 0) return <Empty description={t('service.fines.none')} />;
  type Row = (typeof rows)[number];
  const columns: ColumnsType<Row> = [
    { title: t('service.agent'), dataIndex: 'agent', render: agentName },
    {
      title: t('service.hit.check'),
      dataIndex: 'code',
      render: (c: string) => <Explained t={t} k={`fine.${c}`} />,
    },
    { title: '#', dataIndex: 'count', width: 60 },
    {
      title: t('service.fines.total'),
      dataIndex: 'fen',
      render: (f: number) => <Typography.Text strong={f > 0}>{yuan(f)}</Typography.Text>,
    },
  ];
  return (
    <>
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="fines"
        expandable={{
          expandedRowRender: (r) => (
            <Table
              rowKey={(e) => `${e.kind}-${e.id}-${e.detail}`}
              size="small"
              pagination={false}
              dataSource={r.evidence}
              columns={[
                { title: t('service.date'), dataIndex: 'date', width: 110 },
                {
                  title: t('service.fines.evidence'),
                  dataIndex: 'id',
                  render: (id: string, e) =>
                    e.kind === 'session' ? (
                      <Button type="link" size="small" onClick={() => setSession(id)}>
                        {id}
                      </Button>
                    ) : (
                      id
                    ),
                },
                { title: '', dataIndex: 'detail' },
                { title: '¥', dataIndex: 'fen', render: yuan },
              ]}
            />
          ),
        }}
      />
      <SessionDrawer code={code} id={session} onClose={() => setSession(null)} />
    </>
  );
}

function FinesTab({ code, month }: { code: string; month: string }) {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['service-fines', code, month],
    queryFn: () => serviceApi.fines(code, month),
  });
  const items = q.data?.items ?? [];
  const from = items.find((a) => a.rulesFrom)?.rulesFrom;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={
        <Tooltip title={t('service.fines.help')}>
          {from ? t('service.fines.rulesFrom', { date: from }) : t('service.tab.fines')}{' '}
          <QuestionCircleOutlined />
        </Tooltip>
      }
      extra={
        <ExportButton
          run={async () => {
            const rows = items.flatMap((a) =>
              a.fines.flatMap((f) => f.evidence.map((e) => ({ agent: a.agent, code: f.code, ...e }))),
            );
            await exportXlsx({
              fileName: `cs-fines-${month}`,
              rows,
              columns: [
                { header: t('service.agent'), value: (r) => r.agent },
                { header: t('service.hit.check'), value: (r) => tryT(t, `fine.${r.code}`, r.code) },
                { header: t('service.date'), value: (r) => r.date },
                { header: t('service.fines.evidence'), value: (r) => `${r.kind}:${r.id}` },
                { header: '', value: (r) => r.detail },
                { header: '¥', value: (r) => r.fen / 100, numFmt: '0.00' },
              ],
            });
            return rows.length;
          }}
        />
      }
    >
      <FinesTable code={code} items={items} />
    </Card>
  );
}

// ------------------------------------------------------------------ the agent's own page

function MeTab({ code, month }: { code: string; month: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['service-me', code, month], queryFn: () => serviceApi.me(code, month) });
  if (q.isLoading) return <Card loading />;
  const d = q.data;
  if (!d || d.accounts.length === 0) return <Alert type="info" showIcon message={t('service.me.none')} />;
  const tot = d.totals[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="me">
      <Row gutter={[12, 12]}>
        {tot &&
          KPI_COLS.slice(0, 12).map((c) => (
            <Col xs={12} md={6} lg={4} key={c.key}>
              <Card size="small">
                <Statistic title={<Def t={t} k={c.key} />} value={c.show(tot)} />
              </Card>
            </Col>
          ))}
        <Col xs={12} md={6} lg={4}>
          <Card size="small">
            <Statistic
              title={
                <Tooltip title={t('service.me.qualityHelp')}>
                  {t('service.me.quality')} <QuestionCircleOutlined />
                </Tooltip>
              }
              value={d.quality.score}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('service.tab.quality')}>
        <HitsTable
          code={code}
          hits={d.hits}
          mode="agent"
          onChanged={() => qc.invalidateQueries({ queryKey: ['service-me', code] })}
        />
      </Card>
      <Card
        size="small"
        title={
          <Tooltip title={t('service.fines.help')}>
            {t('service.tab.fines')} <QuestionCircleOutlined />
          </Tooltip>
        }
      >
        <FinesTable code={code} items={d.fines} />
      </Card>
    </Space>
  );
}

// ------------------------------------------------------------------ roster

function RosterTab({ code, month, canWrite }: { code: string; month: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['service-roster', code, month],
    queryFn: () => serviceApi.roster(code, month),
  });
  const d = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['service-roster', code, month] });
  if (q.isLoading || !d) return <Card loading />;
  const agents = [...new Set(d.entries.map((e) => e.agent))];
  const dates = [...new Set(d.entries.map((e) => e.date))].sort();
  const cell = new Map(d.entries.map((e) => [`${e.agent}|${e.date}`, e.shiftCode]));
  const options = [...d.shifts.map((s) => s.code), 'off', 'leave'].map((c) => ({
    value: c,
    label: tryT(t, `shift.${c}`, c),
  }));
  const color: Record<string, string> = { day: 'blue', night: 'purple', off: 'default', leave: 'orange' };
  type Row = { agent: string };
  const columns: ColumnsType<Row> = [
    { title: t('service.agent'), dataIndex: 'agent', fixed: 'left', width: 110, render: agentName },
    { title: t('service.roster.daysOff'), width: 70, render: (_, r) => d.daysOff[r.agent] ?? 0 },
    ...dates.map((date) => ({
      title: date.slice(8),
      key: date,
      width: canWrite ? 78 : 44,
      render: (_: unknown, r: Row) => {
        const v = cell.get(`${r.agent}|${date}`) ?? '';
        return canWrite ? (
          <Select
            size="small"
            variant="borderless"
            value={v}
            options={options}
            style={{ width: 72 }}
            onChange={async (shiftCode) => {
              try {
                await serviceApi.setRoster(code, { date, agent: r.agent, shiftCode });
                void refresh();
              } catch (e) {
                message.error(errorText(t, e));
              }
            }}
          />
        ) : (
          <Tag color={color[v] ?? 'default'}>{tryT(t, `shift.${v}`, v)}</Tag>
        );
      },
    })),
  ];
  return (
    <Card
      size="small"
      extra={
        canWrite && (
          <Button
            onClick={async () => {
              try {
                await serviceApi.generateRoster(code, month);
                void refresh();
              } catch (e) {
                message.error(errorText(t, e));
              }
            }}
          >
            {t('service.roster.generate')}
          </Button>
        )
      }
      title={
        d.gaps.length ? (
          <Typography.Text type="danger">
            {t('service.roster.gaps')}{' '}
            {d.gaps
              .slice(0, 6)
              .map((g) => `${g.date.slice(5)} ${g.from}–${g.to}`)
              .join('；')}
            {d.gaps.length > 6 ? ' …' : ''}
          </Typography.Text>
        ) : (
          <Typography.Text type="success">{t('service.roster.covered')}</Typography.Text>
        )
      }
    >
      {canWrite ? <SwapCard code={code} agents={agents} /> : null}
      <Table
        rowKey="agent"
        size="small"
        columns={columns}
        dataSource={agents.map((agent) => ({ agent }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

// ------------------------------------------------------------------ ours vs 赤兔

const COMPARED: [string, string, (v: number | null) => string][] = [
  ['receptions', 'kpi.receptions', (v) => (v == null ? '–' : String(v))],
  ['inquiries', 'kpi.inquiries', (v) => (v == null ? '–' : String(v))],
  ['paidBuyers', 'kpi.paidBuyers', (v) => (v == null ? '–' : String(v))],
  ['salesFen', 'kpi.sales', yuan],
  ['avgFirstResponseSec', 'kpi.firstResponse', sec],
  ['replyRateBp', 'kpi.replyRate', pct],
  ['unansweredSessions', 'kpi.unanswered', (v) => (v == null ? '–' : String(v))],
  ['slowSessions', 'kpi.slow', (v) => (v == null ? '–' : String(v))],
];

function CompareTab({ code, date, canWrite }: { code: string; date: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [range, setRange] = useState({ from: `${date.slice(0, 8)}01`, to: date });
  const q = useQuery({
    queryKey: ['service-compare', code, range],
    queryFn: () => serviceApi.compare(code, range),
  });
  const rows = q.data?.items ?? [];
  type Row = (typeof rows)[number];
  const columns: ColumnsType<Row> = [
    { title: t('service.date'), dataIndex: 'date', width: 110, fixed: 'left' },
    { title: t('service.agent'), dataIndex: 'agent', render: agentName, fixed: 'left' },
    { title: t('service.compare.flagged'), dataIndex: 'flagged', sorter: (a, b) => a.flagged - b.flagged },
    ...COMPARED.map(([k, label, fmt]) => ({
      title: <Def t={t} k={label} />,
      key: k,
      render: (_: unknown, r: Row) => {
        const m = r.metrics[k]!;
        return (
          <span style={{ color: m.flagged ? '#cf1322' : undefined }}>
            {fmt(m.ours)} / {fmt(m.theirs)}
          </span>
        );
      },
    })),
  ];
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <Input
            type="date"
            value={range.from}
            onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
            style={{ width: 150 }}
          />
          –
          <Input
            type="date"
            value={range.to}
            onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
            style={{ width: 150 }}
          />
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('service.compare.help')}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Space>
          {canWrite && (
            <Button
              onClick={async () => {
                try {
                  const r = await serviceApi.recompute(code, range);
                  message.success(t('service.recomputed', { sessions: r.sessions, ms: r.ms }));
                  void qc.invalidateQueries({ queryKey: ['service-compare', code] });
                  void qc.invalidateQueries({ queryKey: ['service-check', code] });
                } catch (e) {
                  message.error(errorText(t, e));
                }
              }}
            >
              {t('service.recompute')}
            </Button>
          )}
          <ExportButton
            run={async () => {
              await exportXlsx({
                fileName: `cs-vs-chitu-${range.from}-${range.to}`,
                rows,
                columns: [
                  { header: t('service.date'), value: (r) => r.date },
                  { header: t('service.agent'), value: (r) => r.agent },
                  ...COMPARED.flatMap(([k, label]) => [
                    {
                      header: `${tryT(t, label, label)} ${t('service.compare.ours')}`,
                      value: (r: Row) => r.metrics[k]!.ours,
                    },
                    {
                      header: `${tryT(t, label, label)} ${t('service.compare.theirs')}`,
                      value: (r: Row) => r.metrics[k]!.theirs,
                    },
                  ]),
                ],
              });
              return rows.length;
            }}
          />
        </Space>
      }
    >
      <Table
        rowKey={(r) => `${r.date}-${r.agent}`}
        size="small"
        loading={q.isLoading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 1300 }}
      />
    </Card>
  );
}

// ------------------------------------------------------------------ the page

export default function ServicePage() {
  const { t } = useI18n();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const canWrite = access.canWrite('service');
  const rights = useQuery({
    queryKey: ['service-quality-rights', code],
    queryFn: () => serviceApi.qualityRights(code),
    enabled: !!code,
  });
  const canInspect = canWrite || !!rights.data?.inspect;
  const [params, setParams] = useSearchParams();
  const check = useQuery({
    queryKey: ['service-check', code, undefined],
    queryFn: () => serviceApi.check(code, {}),
  });
  const lastDate = check.data?.date ?? new Date().toISOString().slice(0, 10);
  const [month, setMonth] = useState<string | null>(null);
  const m = month ?? monthOf(check.data?.date);
  const tab = params.get('tab') ?? (canWrite ? 'check' : 'me');
  const monthPicker: ReactNode = (
    <Flex gap={8} align="center">
      {t('service.month')}
      <Input
        type="month"
        value={m}
        onChange={(e) => setMonth(e.target.value)}
        style={{ width: 150 }}
        data-testid="month"
      />
    </Flex>
  );
  const items = [
    { key: 'check', label: t('service.tab.check'), children: <CheckTab code={code} /> },
    { key: 'me', label: t('service.tab.me'), children: <MeTab code={code} month={m} /> },
    ...(canInspect
      ? [{ key: 'quality', label: t('service.tab.quality'), children: <QualityTab code={code} /> }]
      : []),
    { key: 'fines', label: t('service.tab.fines'), children: <FinesTab code={code} month={m} /> },
    {
      key: 'roster',
      label: t('service.tab.roster'),
      children: <RosterTab code={code} month={m} canWrite={canWrite} />,
    },
    {
      key: 'compare',
      label: t('service.tab.compare'),
      children: <CompareTab code={code} date={lastDate} canWrite={canWrite} />,
    },
    ...(canWrite
      ? [
          {
            key: 'settings',
            label: t('service.tab.settings'),
            children: <SettingsTab code={code} month={m} />,
          },
        ]
      : []),
  ];
  return (
    <PageContainer
      title={t('service.title')}
      subTitle={t('service.subTitle')}
      testId="service-page"
      extra={['me', 'fines', 'roster', 'settings'].includes(tab) ? monthPicker : null}
    >
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={items} destroyOnHidden />
    </PageContainer>
  );
}
