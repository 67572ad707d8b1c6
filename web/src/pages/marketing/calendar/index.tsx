import { LeftOutlined, QuestionCircleOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Progress, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { type Campaign, marketingApi, type PlatformEvent, yuan } from '../../../api/marketing';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { EventsEditor } from '../EventsEditor';
import { addDays, MarketingFrame, todayStr } from '../MarketingTabs';
import { NewCampaignButton } from '../NewCampaign';

const KIND_COLOR: Record<string, string> = {
  platform: 'red',
  official_slot: 'orange',
  store: 'blue',
  live_stream: 'purple',
  group_buy: 'cyan',
};

function scoreColor(score: number) {
  return score >= 80 ? '#52c41a' : score >= 50 ? '#faad14' : '#ff4d4f';
}

/** /s/:code/marketing: the campaign calendar (month grid or Gantt) with readiness scores. */
export default function MarketingCalendarPage() {
  const { t } = useI18n();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [month, setMonth] = useState(() => `${todayStr().slice(0, 7)}-01`);
  const [view, setView] = useState<'month' | 'gantt'>('gantt');
  const year = Number(month.slice(0, 4));
  // The Gantt shows the month before, the chosen one and the next; the month grid one month.
  const from = view === 'gantt' ? shiftMonth(month, -1) : month;
  const to = view === 'gantt' ? addDays(shiftMonth(month, 2), -1) : addDays(shiftMonth(month, 1), -1);
  const list = useQuery({
    queryKey: ['mk-campaigns', code, from, to],
    queryFn: () => marketingApi.campaigns(code, from, to),
  });
  const events = useQuery({
    queryKey: ['mk-events', code, year],
    queryFn: () => marketingApi.events(code, year),
  });
  const campaigns = list.data ?? [];
  const evs = (events.data ?? []).filter(
    (e) => e.phases[0].from <= to && e.phases[e.phases.length - 1].to >= from,
  );

  return (
    <MarketingFrame
      testId="page-marketing-calendar"
      extra={
        <>
          {access.canWrite('marketing') && <NewCampaignButton code={code} year={year} />}
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: 'campaigns',
                columns: [
                  { header: t('marketing.name'), value: (c: Campaign) => c.name },
                  { header: t('marketing.kind'), value: (c) => t(`marketing.kind.${c.kind}`) },
                  { header: t('marketing.dates'), value: (c) => `${c.startDate} ~ ${c.endDate}` },
                  { header: t('marketing.readiness'), value: (c) => c.readiness.score },
                  {
                    header: t('marketing.goal.gmv'),
                    value: (c) => (c.goalGmvFen == null ? null : c.goalGmvFen / 100),
                  },
                  {
                    header: t('marketing.budget'),
                    value: (c) => (c.budgetFen == null ? null : c.budgetFen / 100),
                  },
                ],
                rows: campaigns,
              })
            }
          />
        </>
      }
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setMonth(shiftMonth(month, -1))} aria-label="prev" />
          <Typography.Text strong data-testid="mk-month">
            {month.slice(0, 7)}
          </Typography.Text>
          <Button icon={<RightOutlined />} onClick={() => setMonth(shiftMonth(month, 1))} aria-label="next" />
        </Space>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'month' | 'gantt')}
          options={[
            { value: 'gantt', label: t('marketing.view.gantt') },
            { value: 'month', label: t('marketing.view.month') },
          ]}
        />
      </Flex>
      {view === 'gantt' ? (
        <Gantt from={from} to={to} campaigns={campaigns} events={evs} code={code} />
      ) : (
        <MonthGrid month={month} campaigns={campaigns} events={evs} code={code} />
      )}
      <Card size="small" style={{ marginTop: 16 }} title={t('marketing.campaign')}>
        <Table<Campaign>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={campaigns}
          pagination={false}
          data-testid="mk-campaign-table"
          columns={[
            {
              title: t('marketing.name'),
              render: (_, c) => (
                <Link to={`/s/${encodeURIComponent(code)}/marketing/campaigns/${c.id}`}>{c.name}</Link>
              ),
            },
            {
              title: t('marketing.kind'),
              render: (_, c) => <Tag color={KIND_COLOR[c.kind]}>{t(`marketing.kind.${c.kind}`)}</Tag>,
            },
            { title: t('marketing.dates'), render: (_, c) => `${c.startDate} ~ ${c.endDate}` },
            {
              title: (
                <Tooltip title={t('marketing.readinessHelp')}>
                  {t('marketing.readiness')} <QuestionCircleOutlined />
                </Tooltip>
              ),
              render: (_, c) => <ReadinessBadge c={c} />,
            },
            { title: t('marketing.goal.gmv'), align: 'right', render: (_, c) => yuan(c.goalGmvFen) },
            { title: t('marketing.budget'), align: 'right', render: (_, c) => yuan(c.budgetFen) },
          ]}
        />
      </Card>
      <EventsEditor code={code} year={year} canWrite={access.canWrite('marketing')} />
    </MarketingFrame>
  );
}

function ReadinessBadge({ c }: { c: Campaign }) {
  const { t } = useI18n();
  return (
    <Space size={4} data-testid={`mk-readiness-${c.id}`}>
      <Progress
        type="circle"
        size={28}
        percent={c.readiness.score}
        strokeColor={scoreColor(c.readiness.score)}
        format={(p) => `${p}`}
      />
      {c.readiness.late > 0 && <Tag color="red">{t('marketing.late', { n: c.readiness.late })}</Tag>}
    </Space>
  );
}

function shiftMonth(m: string, n: number) {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, mo, 1));
  return d.toISOString().slice(0, 10);
}

const dayIndex = (from: string, d: string) => Math.round((Date.parse(d) - Date.parse(from)) / 86_400_000);

function Gantt({
  from,
  to,
  campaigns,
  events,
  code,
}: {
  from: string;
  to: string;
  campaigns: Campaign[];
  events: PlatformEvent[];
  code: string;
}) {
  const { t } = useI18n();
  const days = dayIndex(from, to) + 1;
  const today = todayStr();
  const rows: {
    key: string;
    label: React.ReactNode;
    phases: { from: string; to: string; name: string }[];
    color: string;
    extra?: React.ReactNode;
  }[] = [
    ...events.map((e) => ({
      key: `ev-${e.code}`,
      label: <Typography.Text type="secondary">{e.name}</Typography.Text>,
      phases: e.phases,
      color: '#ffccc7',
    })),
    ...campaigns.map((c) => ({
      key: c.id,
      label: <Link to={`/s/${encodeURIComponent(code)}/marketing/campaigns/${c.id}`}>{c.name}</Link>,
      phases: c.phases,
      color: KIND_COLOR[c.kind] === 'red' ? '#ff7875' : '#69b1ff',
      extra: <ReadinessBadge c={c} />,
    })),
  ];
  if (rows.length === 0) return <Empty />;
  const pos = (d: string) => (Math.min(Math.max(dayIndex(from, d), 0), days) / days) * 100;
  const months: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) months.push(m);
  return (
    <Card size="small" data-testid="mk-gantt" styles={{ body: { overflowX: 'auto' } }}>
      <div style={{ minWidth: 720 }}>
        <div style={{ display: 'flex', marginLeft: 200, marginRight: 90, position: 'relative', height: 20 }}>
          {months.map((m) => (
            <div key={m} style={{ position: 'absolute', left: `${pos(m)}%`, fontSize: 12, color: '#999' }}>
              {m.slice(0, 7)}
            </div>
          ))}
        </div>
        {rows.map((r) => (
          <div
            key={r.key}
            style={{ display: 'flex', alignItems: 'center', height: 32, borderTop: '1px solid #f0f0f0' }}
          >
            <div style={{ width: 200, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
              {r.label}
            </div>
            <div style={{ flex: 1, position: 'relative', height: 20 }}>
              {today >= from && today <= to && (
                <div
                  style={{
                    position: 'absolute',
                    left: `${pos(today)}%`,
                    top: -6,
                    bottom: -6,
                    width: 1,
                    background: '#1677ff',
                  }}
                />
              )}
              {r.phases.map((p, i) => (
                <Tooltip key={`${p.name}-${p.from}`} title={`${p.name} ${p.from} ~ ${p.to}`}>
                  <div
                    style={{
                      position: 'absolute',
                      left: `${pos(p.from)}%`,
                      width: `${Math.max(0.6, pos(addDays(p.to, 1)) - pos(p.from))}%`,
                      top: 2,
                      bottom: 2,
                      background: r.color,
                      opacity: 0.55 + (0.45 * (i + 1)) / r.phases.length,
                      borderRadius: 3,
                      fontSize: 11,
                      color: '#fff',
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      paddingLeft: 3,
                    }}
                  >
                    {p.name}
                  </div>
                </Tooltip>
              ))}
            </div>
            <div style={{ width: 90, paddingLeft: 6 }}>{r.extra}</div>
          </div>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('marketing.platformEvents')}
        </Typography.Text>
      </div>
    </Card>
  );
}

function MonthGrid({
  month,
  campaigns,
  events,
  code,
}: {
  month: string;
  campaigns: Campaign[];
  events: PlatformEvent[];
  code: string;
}) {
  const first = new Date(`${month}T00:00:00Z`);
  const start = addDays(month, -((first.getUTCDay() + 6) % 7));
  const cells = useMemo(() => Array.from({ length: 42 }, (_, i) => addDays(start, i)), [start]);
  const today = todayStr();
  const on = (d: string) => [
    ...events
      .filter((e) => e.phases.some((p) => p.from <= d && d <= p.to))
      .map((e) => ({
        key: `ev-${e.code}`,
        text: `${e.name}·${e.phases.find((p) => p.from <= d && d <= p.to)!.name}`,
        color: 'red',
        link: null as string | null,
      })),
    ...campaigns
      .filter((c) => c.startDate <= d && d <= c.endDate)
      .map((c) => ({
        key: c.id,
        text: `${c.name} ${c.readiness.score}`,
        color: 'blue',
        link: `/s/${encodeURIComponent(code)}/marketing/campaigns/${c.id}`,
      })),
  ];
  return (
    <Card size="small" data-testid="mk-month-grid">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
        {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
          <div key={w} style={{ textAlign: 'center', color: '#999', fontSize: 12 }}>
            {w}
          </div>
        ))}
        {cells.map((d) => (
          <div
            key={d}
            style={{
              minHeight: 72,
              border: '1px solid #f0f0f0',
              padding: 2,
              background: d === today ? '#e6f4ff' : d.slice(0, 7) === month.slice(0, 7) ? '#fff' : '#fafafa',
            }}
          >
            <div style={{ fontSize: 12, color: '#999' }}>{Number(d.slice(8))}</div>
            {on(d).map((x) => (
              <Tag
                key={x.key}
                color={x.color}
                style={{ fontSize: 11, marginBottom: 2, maxWidth: '100%', overflow: 'hidden' }}
              >
                {x.link ? <Link to={x.link}>{x.text}</Link> : x.text}
              </Tag>
            ))}
          </div>
        ))}
      </div>
    </Card>
  );
}
