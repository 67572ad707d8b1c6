import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Input, List, Row, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import {
  type AdPlan,
  type AffiliatePartner,
  marketingApi,
  pct,
  type Trend,
  yuan,
} from '../../../api/marketing';
import { EChart } from '../../../components/EChart';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { MarketingFrame } from '../MarketingTabs';

const CHANNELS: Record<string, string> = { ztc: '直通车', ylmf: '引力魔方', wxt: '万相台', zuanzhan: '钻展' };
const ch = (c: string) => CHANNELS[c] ?? c;
const roiText = (r: number | null) => (r == null ? '—' : (r / 100).toFixed(2));

/** /s/:code/marketing/ads: yesterday's paid ads, the plan that ran out early, alerts. */
export default function AdsPage() {
  const { t } = useI18n();
  const code = useAccess().store?.code ?? '';
  const [date, setDate] = useState('');
  const q = useQuery({
    queryKey: ['mk-ads', code, date],
    queryFn: () => marketingApi.ads(code, date || undefined),
  });
  const d = q.data;
  const help = (label: string, tip: string) => (
    <Tooltip title={tip}>
      {label} <QuestionCircleOutlined />
    </Tooltip>
  );
  const trendList = (title: string, items: Trend[] | undefined, testId: string) => (
    <Card size="small" title={title} data-testid={testId}>
      <List
        size="small"
        dataSource={items ?? []}
        locale={{ emptyText: t('marketing.ads.none') }}
        renderItem={(x) => (
          <List.Item>
            {x.label}
            <span style={{ color: x.changeBp < 0 ? '#389e0d' : '#cf1322' }}>
              {`${x.changeBp < 0 ? '▼' : '▲'} ${pct(Math.abs(x.changeBp))}`}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
  return (
    <MarketingFrame
      testId="page-marketing-ads"
      extra={
        <Space>
          <Input
            type="date"
            value={date || d?.date || ''}
            onChange={(e) => setDate(e.target.value)}
            prefix={t('marketing.ads.date')}
          />
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: `ads-${d?.date ?? ''}`,
                columns: [
                  { header: t('marketing.ads.channel'), value: (p: AdPlan) => ch(p.channel) },
                  { header: t('marketing.ads.plan'), value: (p) => p.planName },
                  { header: t('marketing.ads.spend'), value: (p) => p.spendFen / 100 },
                  { header: t('marketing.ads.impressions'), value: (p) => p.impressions },
                  { header: t('marketing.ads.clicks'), value: (p) => p.clicks },
                  {
                    header: t('marketing.ads.ctr'),
                    value: (p) => (p.ctrBp == null ? null : p.ctrBp / 10_000),
                    numFmt: '0.00%',
                  },
                  {
                    header: t('marketing.ads.cpc'),
                    value: (p) => (p.cpcFen == null ? null : p.cpcFen / 100),
                  },
                  { header: t('marketing.ads.conversions'), value: (p) => p.orders },
                  { header: t('marketing.ads.roi'), value: (p) => (p.roi == null ? null : p.roi / 100) },
                  { header: t('marketing.ads.offline'), value: (p) => p.offline?.offlineAt ?? '' },
                ],
                rows: d?.plans ?? [],
              })
            }
          />
        </Space>
      }
    >
      {d && (
        <Alert
          type={d.offline.length ? 'error' : 'success'}
          showIcon
          data-testid="mk-ads-offline"
          title={
            d.offline.length ? (
              <Space orientation="vertical" size={0}>
                <b>{`${t('marketing.ads.offline')}（${d.date}）`}</b>
                {d.offline.map((p) => (
                  <span key={p.key}>
                    {`${ch(p.channel)} · ${t('marketing.ads.offlineItem', { plan: p.planName, at: p.offline!.offlineAt, lost: p.offline!.lostClicks ?? '—' })}`}
                  </span>
                ))}
              </Space>
            ) : (
              t('marketing.ads.noOffline')
            )
          }
        />
      )}
      <Row gutter={16} style={{ marginTop: 16 }}>
        {(d?.channels ?? []).map((c) => (
          <Col key={c.channel} xs={24} md={8}>
            <Card size="small" title={ch(c.channel)}>
              <Space size={24} wrap>
                <Statistic title={t('marketing.ads.spend')} value={yuan(c.spendFen)} />
                <Statistic
                  title={help(t('marketing.ads.roi'), t('marketing.ads.roiHelp'))}
                  value={roiText(c.roi)}
                />
                <Statistic
                  title={help(t('marketing.ads.ctr'), t('marketing.ads.ctrHelp'))}
                  value={pct(c.ctrBp)}
                />
              </Space>
            </Card>
          </Col>
        ))}
        {(d?.balances ?? []).map((b) => (
          <Col key={`bal-${b.channel}`} xs={24} md={8}>
            <Card size="small" title={`${ch(b.channel)} ${t('marketing.ads.balance')}`}>
              <Statistic
                value={yuan(b.balanceFen)}
                styles={{ content: { color: b.alert ? '#cf1322' : undefined } }}
                suffix={
                  b.daysLeft != null && (
                    <Tooltip title={t('marketing.ads.daysLeftHelp')}>
                      <Tag color={b.alert ? 'red' : 'default'}>
                        {t('marketing.ads.daysLeft', { n: b.daysLeft })}
                      </Tag>
                    </Tooltip>
                  )
                }
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" style={{ marginTop: 16 }}>
        <Table<AdPlan>
          rowKey="key"
          size="small"
          loading={q.isLoading}
          dataSource={d?.plans ?? []}
          pagination={false}
          data-testid="mk-ads-plans"
          rowClassName={(p) => (p.offline ? 'mk-row-alert' : '')}
          columns={[
            { title: t('marketing.ads.channel'), render: (_, p) => ch(p.channel), width: 90 },
            {
              title: t('marketing.ads.plan'),
              render: (_, p) => (
                <Space size={4}>
                  {p.planName}
                  {p.offline && <Tag color="red">{`${p.offline.offlineAt} 下线`}</Tag>}
                </Space>
              ),
            },
            { title: t('marketing.ads.spend'), align: 'right', render: (_, p) => yuan(p.spendFen) },
            { title: t('marketing.ads.impressions'), align: 'right', dataIndex: 'impressions' },
            { title: t('marketing.ads.clicks'), align: 'right', dataIndex: 'clicks' },
            {
              title: help(t('marketing.ads.ctr'), t('marketing.ads.ctrHelp')),
              align: 'right',
              render: (_, p) => pct(p.ctrBp),
            },
            {
              title: help(t('marketing.ads.cpc'), t('marketing.ads.cpcHelp')),
              align: 'right',
              render: (_, p) => yuan(p.cpcFen),
            },
            { title: t('marketing.ads.conversions'), align: 'right', dataIndex: 'orders' },
            {
              title: help(t('marketing.ads.roi'), t('marketing.ads.roiHelp')),
              align: 'right',
              render: (_, p) => (
                <span style={{ color: p.belowRoiFloor ? '#cf1322' : undefined }}>{roiText(p.roi)}</span>
              ),
            },
          ]}
        />
      </Card>
      {d && d.plans.length > 0 && (
        <Card size="small" style={{ marginTop: 16 }}>
          <EChart
            style={{ height: 260 }}
            option={{
              tooltip: {},
              xAxis: {
                type: 'category',
                data: d.plans.map((p) => p.planName),
                axisLabel: { interval: 0, rotate: 20 },
              },
              yAxis: [
                { type: 'value', name: '¥' },
                { type: 'value', name: 'ROI' },
              ],
              series: [
                { type: 'bar', name: t('marketing.ads.spend'), data: d.plans.map((p) => p.spendFen / 100) },
                { type: 'line', yAxisIndex: 1, name: 'ROI', data: d.plans.map((p) => (p.roi ?? 0) / 100) },
              ],
            }}
          />
        </Card>
      )}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={8}>
          {trendList(t('marketing.ads.creatives'), d?.creatives, 'mk-ads-creatives')}
        </Col>
        <Col xs={24} md={8}>
          {trendList(
            `${t('marketing.ads.keywords')} · ${t('marketing.ads.rankDown')}`,
            d?.keywords.rank,
            'mk-ads-rank',
          )}
        </Col>
        <Col xs={24} md={8}>
          {trendList(
            `${t('marketing.ads.keywords')} · ${t('marketing.ads.cpcUp')}`,
            d?.keywords.cpc,
            'mk-ads-cpc',
          )}
        </Col>
      </Row>
      {d?.affiliates && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          data-testid="mk-ads-affiliates"
          title={help(
            `${t('marketing.aff.title')}（${d.affiliates.from} ~ ${d.affiliates.to}）`,
            t('marketing.aff.help'),
          )}
          extra={
            <ExportButton
              run={() =>
                exportXlsx({
                  fileName: `affiliates-${d.affiliates?.to ?? ''}`,
                  columns: [
                    { header: t('marketing.aff.partner'), value: (p: AffiliatePartner) => p.partnerName },
                    { header: t('marketing.aff.orders'), value: (p) => p.orders },
                    { header: t('marketing.aff.invalid'), value: (p) => p.invalidOrders },
                    {
                      header: t('marketing.aff.invalidRate'),
                      value: (p) => p.invalidRateBp / 10_000,
                      numFmt: '0.0%',
                    },
                    { header: t('marketing.aff.gmv'), value: (p) => p.gmvFen / 100 },
                    { header: t('marketing.aff.commission'), value: (p) => p.commissionFen / 100 },
                    { header: 'ROI', value: (p) => (p.roi == null ? null : p.roi / 100) },
                    {
                      header: t('marketing.aff.reliability'),
                      value: (p) => t(`marketing.aff.${p.reliability}`),
                    },
                  ],
                  rows: d.affiliates?.partners ?? [],
                })
              }
            />
          }
        >
          <Space size={24} wrap style={{ marginBottom: 8 }}>
            <Statistic
              title={help(t('marketing.aff.commission'), t('marketing.aff.commissionHelp'))}
              value={yuan(d.affiliates.commissionFen)}
            />
            {d.affiliates.source === 'affiliate_file' && (
              <>
                <Statistic title={t('marketing.aff.orders')} value={d.affiliates.orders ?? 0} />
                <Statistic title={t('marketing.aff.gmv')} value={yuan(d.affiliates.gmvFen)} />
                <Statistic
                  title={help('ROI', t('marketing.aff.roiHelp'))}
                  value={roiText(d.affiliates.roi)}
                />
              </>
            )}
          </Space>
          {d.affiliates.source !== 'affiliate_file' && (
            <Alert
              type="info"
              showIcon
              title={t(
                d.affiliates.source === 'store_metrics' ? 'marketing.aff.fallback' : 'marketing.aff.noData',
              )}
            />
          )}
          {d.affiliates.partners.length > 0 && (
            <Table<AffiliatePartner>
              rowKey="partnerKey"
              size="small"
              pagination={false}
              dataSource={d.affiliates.partners}
              data-testid="mk-ads-affiliate-partners"
              columns={[
                { title: t('marketing.aff.partner'), dataIndex: 'partnerName' },
                { title: t('marketing.aff.orders'), align: 'right', dataIndex: 'orders' },
                {
                  title: help(t('marketing.aff.invalidRate'), t('marketing.aff.invalidHelp')),
                  align: 'right',
                  render: (_, p) => `${p.invalidOrders} · ${pct(p.invalidRateBp)}`,
                },
                { title: t('marketing.aff.gmv'), align: 'right', render: (_, p) => yuan(p.gmvFen) },
                {
                  title: help(t('marketing.aff.commission'), t('marketing.aff.commissionHelp')),
                  align: 'right',
                  render: (_, p) => yuan(p.commissionFen),
                },
                {
                  title: help('ROI', t('marketing.aff.roiHelp')),
                  align: 'right',
                  render: (_, p) => roiText(p.roi),
                },
                {
                  title: help(t('marketing.aff.reliability'), t('marketing.aff.reliabilityHelp')),
                  filters: (['reliable', 'unreliable', 'too_few'] as const).map((v) => ({
                    text: t(`marketing.aff.${v}`),
                    value: v,
                  })),
                  onFilter: (v, p) => p.reliability === v,
                  render: (_, p) => (
                    <Tag
                      color={
                        p.reliability === 'unreliable'
                          ? 'red'
                          : p.reliability === 'reliable'
                            ? 'green'
                            : 'default'
                      }
                    >
                      {t(`marketing.aff.${p.reliability}`)}
                    </Tag>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
    </MarketingFrame>
  );
}
