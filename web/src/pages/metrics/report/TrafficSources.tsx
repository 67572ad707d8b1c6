import { Alert, Card, Empty, Flex, Table, Typography } from 'antd';
import type { DailyReport, Num, ProductSourceDay } from '../../../api/metrics';
import { EChart } from '../../../components/EChart';
import type { TFunction } from '../../../i18n';
import { Delta, formatValue } from './index';

type Block = DailyReport['trafficSources'];

const pctText = (v: Num) => (v == null ? '—' : `${Math.round(v * 100)}%`);

/** 流量来源: the store's visitors per source against the usual day, and the product × source cells behind the move. */
export function TrafficSourcesCard({
  block,
  t,
  onProduct,
}: {
  block: Block | undefined;
  t: TFunction;
  onProduct: (productId: string) => void;
}) {
  if (block?.state !== 'ok')
    return (
      <Card size="small" title={t('metrics.sources')} data-testid="metrics-sources">
        <Empty
          description={
            block?.state === 'no_baseline' ? t('metrics.sourcesNoBaseline') : t('metrics.sourcesNoData')
          }
          data-testid="metrics-sources-empty"
        />
      </Card>
    );
  const top = block.top;
  const sentence =
    top && top.share != null
      ? top.productId
        ? t('metrics.sourcesTopProduct', {
            share: pctText(top.share),
            product: top.title ?? top.productId,
            source: top.source,
          })
        : t('metrics.sourcesTop', { share: pctText(top.share), source: top.source })
      : null;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('metrics.sourcesToday'), t('metrics.sourcesUsual')] },
    grid: { left: 50, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: block.sources.map((s) => s.source) },
    yAxis: { type: 'value' },
    series: [
      { name: t('metrics.sourcesToday'), type: 'bar', data: block.sources.map((s) => s.visitors) },
      { name: t('metrics.sourcesUsual'), type: 'bar', data: block.sources.map((s) => s.usual) },
    ],
  };
  return (
    <Card size="small" title={t('metrics.sources')} data-testid="metrics-sources">
      <Flex vertical gap={12}>
        {block.total && (
          <Typography.Text>
            {t('metrics.sourcesTotal', {
              visitors: formatValue('visitors', block.total.cur),
              usual: formatValue('visitors', block.total.base),
            })}{' '}
            <Delta v={block.total.change} />
          </Typography.Text>
        )}
        {sentence && <Alert type="info" showIcon title={sentence} data-testid="metrics-sources-top" />}
        {block.sources.length > 0 && <EChart option={option} style={{ height: 220 }} />}
        {block.sources.length > 0 && (
          <Table
            size="small"
            rowKey="source"
            pagination={false}
            dataSource={block.sources}
            data-testid="metrics-sources-table"
            columns={[
              { title: t('metrics.source'), dataIndex: 'source' },
              {
                title: t('metrics.sourcesToday'),
                dataIndex: 'visitors',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.sourcesUsual'),
                dataIndex: 'usual',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.vsBaseline'),
                dataIndex: 'change',
                align: 'right',
                render: (v: Num) => <Delta v={v} />,
              },
              { title: t('metrics.sourcesShare'), dataIndex: 'share', align: 'right', render: pctText },
              {
                title: t('metrics.productPaid'),
                dataIndex: 'paidAmountFen',
                align: 'right',
                render: (v: Num) => formatValue('paidAmount', v),
              },
            ]}
          />
        )}
        {block.products.length > 0 && (
          <Table
            size="small"
            rowKey={(r) => `${r.productId}|${r.source}`}
            pagination={false}
            title={() => t('metrics.sourcesProducts')}
            dataSource={block.products}
            columns={[
              {
                title: t('metrics.product'),
                dataIndex: 'title',
                render: (v: string | null, r) => (
                  <Typography.Link onClick={() => onProduct(r.productId)}>{v ?? r.productId}</Typography.Link>
                ),
              },
              { title: t('metrics.source'), dataIndex: 'source' },
              {
                title: t('metrics.sourcesToday'),
                dataIndex: 'visitors',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.sourcesUsual'),
                dataIndex: 'usual',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.vsBaseline'),
                dataIndex: 'change',
                align: 'right',
                render: (v: Num) => <Delta v={v} />,
              },
              { title: t('metrics.sourcesShare'), dataIndex: 'share', align: 'right', render: pctText },
            ]}
          />
        )}
        {block.competitors.length > 0 && (
          <Table
            size="small"
            rowKey={(r) => `${r.shop}|${r.source}`}
            pagination={false}
            title={() => t('metrics.sourcesCompetitors')}
            dataSource={block.competitors}
            columns={[
              { title: t('metrics.competitor'), dataIndex: 'shop' },
              { title: t('metrics.source'), dataIndex: 'source' },
              {
                title: t('metrics.sourcesToday'),
                dataIndex: 'visitors',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.sourcesUsual'),
                dataIndex: 'usual',
                align: 'right',
                render: (v: number) => formatValue('visitors', v),
              },
              {
                title: t('metrics.vsBaseline'),
                dataIndex: 'change',
                align: 'right',
                render: (v: Num) => <Delta v={v} />,
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

/** Product drill-down: the product's visitors per source and day (stacked). */
export function ProductSourcesChart({ sources, t }: { sources: ProductSourceDay[]; t: TFunction }) {
  if (sources.length === 0)
    return <Empty description={t('metrics.sourcesNoData')} data-testid="product-sources-empty" />;
  const dates = [...new Set(sources.map((s) => s.date))].sort();
  const names = [...new Set(sources.map((s) => s.source))];
  const at = new Map(sources.map((s) => [`${s.date}|${s.source}`, s.visitors]));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: names },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: dates.map((d) => d.slice(5)) },
    yAxis: { type: 'value', name: t('metrics.productVisitors') },
    series: names.map((n) => ({
      name: n,
      type: 'bar',
      stack: 'sources',
      data: dates.map((d) => at.get(`${d}|${n}`) ?? 0),
    })),
  };
  return (
    <div data-testid="product-sources">
      <Typography.Title level={5}>{t('metrics.sources')}</Typography.Title>
      <EChart option={option} style={{ height: 240 }} />
    </div>
  );
}
