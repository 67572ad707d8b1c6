import { ArrowLeftOutlined, DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Popconfirm,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  type AutoCheck,
  type AutoCheckGap,
  type ChecklistItem,
  marketingApi,
  type PhaseResult,
  pct,
  yuan,
} from '../../../api/marketing';
import { EChart } from '../../../components/EChart';
import { roleName } from '../../../components/labels';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { EditCampaignButton } from '../EditCampaign';
import { MarketingFrame } from '../MarketingTabs';

/** Red ▲ for a rise, green ▼ for a fall (Chinese convention). */
function Lift({ bp }: { bp: number | null }) {
  if (bp == null) return <>—</>;
  const up = bp >= 0;
  return (
    <span style={{ color: up ? '#cf1322' : '#389e0d' }}>{`${up ? '▲' : '▼'} ${pct(Math.abs(bp))}`}</span>
  );
}

type T = ReturnType<typeof useI18n>['t'];
const gapText = (t: T, g: AutoCheckGap) =>
  t(`marketing.auto.${g.kind}`, g as unknown as Record<string, string>);

/** The last automatic check of a linked item (CS shifts → roster, stock → inventory), explained. */
function AutoCheckTag({ a, reason }: { a: AutoCheck; reason: string | null }) {
  const { t } = useI18n();
  const basis =
    a.source === 'roster'
      ? t('marketing.auto.basisRoster', { normal: a.basis.normalShifts ?? '—' })
      : t('marketing.auto.basisStock', { n: a.basis.skusChecked ?? 0, through: a.basis.through ?? '' });
  return (
    <Tooltip
      title={
        <div>
          <div>{basis}</div>
          <div>{t('marketing.auto.checkedAt', { at: a.checkedAt.slice(0, 16).replace('T', ' ') })}</div>
          {a.missing.slice(0, 8).map((g) => (
            <div key={JSON.stringify(g)}>• {gapText(t, g)}</div>
          ))}
          {a.missing.length > 8 && <div>… +{a.missing.length - 8}</div>}
          {reason && <div>{t('marketing.auto.overridden', { reason })}</div>}
        </div>
      }
    >
      <Tag color={a.ok ? 'green' : 'orange'} data-testid="mk-autocheck-tag">
        {a.ok ? t('marketing.auto.ok') : `${t('marketing.auto.missing')} · ${a.missing.length}`}
      </Tag>
    </Tooltip>
  );
}

/** Marking a linked item done although its check found gaps: asks for the reason. */
function OverrideButton({ item, onDone }: { item: ChecklistItem; onDone: (reason: string) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={t('marketing.auto.reasonHelp')}
      description={
        <Input.TextArea
          data-testid={`mk-reason-${item.code}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('marketing.auto.reason')}
          rows={2}
        />
      }
      okButtonProps={{ disabled: reason.trim() === '' }}
      onConfirm={() => onDone(reason.trim())}
    >
      <Button size="small" data-testid={`mk-done-${item.code}`}>
        {t('marketing.markDone')}
      </Button>
    </Popconfirm>
  );
}

/** /s/:code/marketing/campaigns/:id: phases, goals, the readiness checklist and the results. */
export default function CampaignPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['mk-campaign', code, id], queryFn: () => marketingApi.campaign(code, id) });
  const results = useQuery({
    queryKey: ['mk-results', code, id],
    queryFn: () => marketingApi.results(code, id),
  });
  const done = useMutation({
    mutationFn: (v: { item: string; ack?: boolean; reason?: string }) =>
      marketingApi.done(code, id, v.item, v.ack, v.reason),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mk-campaign', code, id] }),
    onError: (e) => message.error(errorText(t, e)),
  });
  const check = useMutation({
    mutationFn: () => marketingApi.autoCheck(code, id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mk-campaign', code, id] }),
    onError: (e) => message.error(errorText(t, e)),
  });
  const c = q.data;
  const canWork = access.canWrite('work');
  const r = results.data;
  const phaseRows: PhaseResult[] = r ? [...r.phases, r.total] : [];

  return (
    <MarketingFrame
      testId="page-marketing-campaign"
      extra={
        <Space>
          <Link to={`/s/${encodeURIComponent(code)}/marketing`}>
            <Button icon={<ArrowLeftOutlined />}>{t('marketing.back')}</Button>
          </Link>
          {c && access.canWrite('marketing') && <EditCampaignButton code={code} c={c} />}
          <Button
            icon={<DownloadOutlined />}
            href={marketingApi.summaryUrl(code, id)}
            data-testid="mk-summary-xlsx"
          >
            {t('marketing.downloadSummary')}
          </Button>
        </Space>
      }
    >
      {c && (
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Card size="small" title={<span data-testid="mk-campaign-name">{c.name}</span>}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('marketing.kind')}>
                  {t(`marketing.kind.${c.kind}`)}
                </Descriptions.Item>
                <Descriptions.Item
                  label={t('marketing.dates')}
                >{`${c.startDate} ~ ${c.endDate}`}</Descriptions.Item>
                <Descriptions.Item label={t('marketing.phases')} span={2}>
                  <Space wrap>
                    {c.phases.map((p) => (
                      <Tag key={p.from}>{`${p.name} ${p.from.slice(5)}~${p.to.slice(5)}`}</Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('marketing.signUpDeadline')}>
                  {c.signUpDeadline ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('marketing.budget')}>{yuan(c.budgetFen)}</Descriptions.Item>
                <Descriptions.Item label={t('marketing.goals')} span={2}>
                  {`${t('marketing.goal.gmv')} ${yuan(c.goalGmvFen)} · ${t('marketing.goal.units')} ${c.goalUnits ?? '—'} · ${t('marketing.goal.newBuyers')} ${c.goalNewBuyers ?? '—'}`}
                </Descriptions.Item>
                <Descriptions.Item label={t('marketing.products')} span={2}>
                  <Space wrap size={4} data-testid="mk-campaign-products">
                    {c.products.length === 0
                      ? '—'
                      : c.products.map((p) => (
                          <Tag key={p.productId} color={p.isHero ? 'gold' : undefined} title={p.productId}>
                            {`${p.isHero ? `${t('marketing.hero')} · ` : ''}${(p.title ?? p.productId).slice(0, 18)}`}
                          </Tag>
                        ))}
                  </Space>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card
              size="small"
              title={
                <Tooltip title={t('marketing.readinessHelp')}>
                  {t('marketing.readiness')} <QuestionCircleOutlined />
                </Tooltip>
              }
            >
              <Space align="center" size={16}>
                <Progress
                  type="dashboard"
                  percent={c.readiness.score}
                  size={100}
                  data-testid="mk-readiness-score"
                />
                <div>
                  <div>{`${t('marketing.status.done')} ${c.readiness.done}/${c.readiness.total}`}</div>
                  {c.readiness.late > 0 && (
                    <Tag color="red">{t('marketing.late', { n: c.readiness.late })}</Tag>
                  )}
                </div>
              </Space>
            </Card>
          </Col>
        </Row>
      )}
      <Card
        size="small"
        title={t('marketing.checklist')}
        style={{ marginTop: 16 }}
        extra={
          canWork && (
            <Button
              size="small"
              loading={check.isPending}
              data-testid="mk-autocheck"
              onClick={() => check.mutate()}
            >
              {t('marketing.auto.check')}
            </Button>
          )
        }
      >
        <Table<ChecklistItem>
          rowKey="code"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={c?.checklist ?? []}
          data-testid="mk-checklist"
          columns={[
            {
              title: t('marketing.item'),
              render: (_, i) => (
                <Space size={4} wrap>
                  {i.title}
                  {i.autoCheck && <AutoCheckTag a={i.autoCheck} reason={i.overrideReason} />}
                </Space>
              ),
            },
            { title: t('marketing.due'), dataIndex: 'dueDate', width: 110 },
            {
              title: t('marketing.owner'),
              width: 220,
              render: (_, i) => (
                <Tooltip title={i.chain.map((r) => roleName(t, r)).join(' → ')}>
                  <Tag>{roleName(t, i.currentRole)}</Tag>
                  {i.ownerName && <span data-testid={`mk-owner-${i.code}`}>{i.ownerName}</span>}
                  {i.escalationLevel > 0 && <Tag color="volcano">↑{i.escalationLevel}</Tag>}
                </Tooltip>
              ),
            },
            {
              title: t('marketing.status'),
              width: 110,
              render: (_, i) =>
                i.done ? (
                  <Tooltip
                    title={[
                      i.doneByName,
                      i.doneAt?.slice(0, 10),
                      i.acknowledgedAt ? t('marketing.acknowledge') : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  >
                    <Tag color="green">{t('marketing.status.done')}</Tag>
                  </Tooltip>
                ) : i.late ? (
                  <Tag color="red">{t('marketing.status.late')}</Tag>
                ) : (
                  <Tag>{t('marketing.status.open')}</Tag>
                ),
            },
            {
              title: '',
              width: 120,
              render: (_, i) =>
                !i.done && canWork ? (
                  i.needsAck ? (
                    <Popconfirm
                      title={t('marketing.acknowledge')}
                      onConfirm={() => done.mutate({ item: i.code, ack: true })}
                    >
                      <Button size="small" data-testid={`mk-done-${i.code}`}>
                        {t('marketing.acknowledge')}
                      </Button>
                    </Popconfirm>
                  ) : i.autoCheck && !i.autoCheck.ok ? (
                    <OverrideButton item={i} onDone={(reason) => done.mutate({ item: i.code, reason })} />
                  ) : (
                    <Button
                      size="small"
                      data-testid={`mk-done-${i.code}`}
                      onClick={() => done.mutate({ item: i.code })}
                    >
                      {t('marketing.markDone')}
                    </Button>
                  )
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={
          <Tooltip title={t('marketing.resultsHelp')}>
            {t('marketing.results')} <QuestionCircleOutlined />
          </Tooltip>
        }
        extra={
          r && (
            <Typography.Text type="secondary">{`${t('marketing.baseline')} ${r.baselineFrom} ~ ${r.baselineTo}`}</Typography.Text>
          )
        }
      >
        <Table<PhaseResult>
          rowKey="code"
          size="small"
          pagination={false}
          loading={results.isLoading}
          dataSource={phaseRows}
          data-testid="mk-results"
          columns={[
            {
              title: t('marketing.phases'),
              render: (_, p) => `${p.name} ${p.from.slice(5)}~${p.to.slice(5)}`,
            },
            { title: t('marketing.goal.gmv'), align: 'right', render: (_, p) => yuan(p.actual.gmvFen) },
            { title: t('marketing.baseline'), align: 'right', render: (_, p) => yuan(p.baseline.gmvFen) },
            { title: t('marketing.lift'), align: 'right', render: (_, p) => <Lift bp={p.gmvLiftBp} /> },
            { title: t('marketing.orders'), align: 'right', render: (_, p) => p.actual.orders },
            { title: t('marketing.goal.units'), align: 'right', render: (_, p) => p.actual.units },
            { title: t('marketing.goal.newBuyers'), align: 'right', render: (_, p) => p.actual.newBuyers },
          ]}
        />
        {r && (
          <EChart
            style={{ height: 220, marginTop: 8 }}
            option={{
              tooltip: {},
              legend: {},
              xAxis: { type: 'category', data: r.phases.map((p) => p.name) },
              yAxis: { type: 'value', name: '¥' },
              series: [
                {
                  type: 'bar',
                  name: t('marketing.goal.gmv'),
                  data: r.phases.map((p) => p.actual.gmvFen / 100),
                  itemStyle: { color: '#cf1322' },
                },
                {
                  type: 'bar',
                  name: t('marketing.baseline'),
                  data: r.phases.map((p) => p.baseline.gmvFen / 100),
                  itemStyle: { color: '#bfbfbf' },
                },
              ],
            }}
          />
        )}
        {r && (
          <Space style={{ marginTop: 8 }} wrap>
            <Tag>{`${t('marketing.attainment')} · ${t('marketing.goal.gmv')} ${pct(r.attainment.gmvBp)}`}</Tag>
            <Tag>{`${t('marketing.goal.units')} ${pct(r.attainment.unitsBp)}`}</Tag>
            <Tag>{`${t('marketing.goal.newBuyers')} ${pct(r.attainment.newBuyersBp)}`}</Tag>
          </Space>
        )}
      </Card>
    </MarketingFrame>
  );
}
