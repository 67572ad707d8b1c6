import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Input, List, Row, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { type AdPlan, marketingApi, pct, type Trend, yuan } from '../../../api/marketing';
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
    </MarketingFrame>
  );
}
