import { QuestionCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { inventoryApi, type PlanRow, type StockClass } from '../../../api/inventory';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import type { MessageKey } from '../../../locales';

const CLASS_COLOR: Record<StockClass, string> = {
  out_of_stock: 'red',
  low: 'volcano',
  ok: 'green',
  overstock: 'gold',
  slow_mover: 'purple',
  no_demand: 'default',
};

/** A column title with its definition in a tooltip (UX: every number explained). */
function Explained({ title, tip }: { title: string; tip: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={tip}>
        <QuestionCircleOutlined style={{ color: '#999' }} />
      </Tooltip>
    </Space>
  );
}

export function Restock() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [q, setQ] = useState('');
  const [cls, setCls] = useState<StockClass | 'campaign' | undefined>();
  const plan = useQuery({
    queryKey: ['restock', code],
    queryFn: () => inventoryApi.restock(code),
    enabled: !!code,
  });
  const rows = useMemo(() => {
    let r = plan.data?.rows ?? [];
    if (q) r = r.filter((x) => x.skuCode.toLowerCase().includes(q.toLowerCase()));
    if (cls === 'campaign') r = r.filter((x) => x.campaignRisk);
    else if (cls) r = r.filter((x) => x.class === cls);
    return r;
  }, [plan.data, q, cls]);
  const all = plan.data?.rows ?? [];
  const next = plan.data?.campaigns
    .filter((c) => c.start > (plan.data?.asOf ?? ''))
    .sort((a, b) => a.start.localeCompare(b.start))[0];
  const atRisk = all.filter((r) => r.campaignRisk);
  const days = (v: number | null) => (v === null ? '∞' : v.toFixed(1));

  const columns: ColumnsType<PlanRow> = [
    {
      title: t('inv.sku'),
      dataIndex: 'skuCode',
      fixed: 'left',
      sorter: (a, b) => a.skuCode.localeCompare(b.skuCode),
    },
    {
      title: t('inv.class'),
      dataIndex: 'class',
      render: (v: StockClass) => <Tag color={CLASS_COLOR[v]}>{t(`inv.class.${v}`)}</Tag>,
    },
    {
      title: <Explained title={t('inv.available')} tip={t('inv.available.tip')} />,
      dataIndex: 'available',
      align: 'right',
      sorter: (a, b) => a.available - b.available,
    },
    {
      title: <Explained title={t('inv.velocity')} tip={t('inv.velocity.tip')} />,
      dataIndex: 'baseVelocity',
      align: 'right',
      render: (v: number) => v.toFixed(1),
      sorter: (a, b) => a.baseVelocity - b.baseVelocity,
    },
    {
      title: <Explained title={t('inv.sellableDays')} tip={t('inv.sellableDays.tip')} />,
      dataIndex: 'sellableDays',
      align: 'right',
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.sellableDays ?? 1e9) - (b.sellableDays ?? 1e9),
      render: (v: number | null, r) => (
        <Typography.Text
          type={v !== null && v < r.leadTimeDays ? 'danger' : undefined}
          strong={v !== null && v < 7}
        >
          {days(v)}
        </Typography.Text>
      ),
    },
    {
      title: <Explained title={t('inv.stockoutDate')} tip={t('inv.stockoutDate.tip')} />,
      dataIndex: 'stockoutDate',
      render: (v) => v ?? '—',
    },
    {
      title: <Explained title={t('inv.risk')} tip={t('inv.risk.tip')} />,
      key: 'risk',
      render: (_, r) =>
        r.stockoutRisk ? (
          <Tag
            color={r.stockoutRisk.reason === 'inbound_overdue' ? 'red' : 'orange'}
            data-testid="stockout-risk"
          >
            {r.stockoutRisk.date} · {t(`inv.risk.${r.stockoutRisk.reason}` as MessageKey)} ·{' '}
            {t('inv.risk.short', { n: r.stockoutRisk.shortBy })}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: <Explained title={t('inv.campaignRisk')} tip={t('inv.campaignRisk.tip')} />,
      key: 'campaign',
      render: (_, r) =>
        r.campaignRisk ? (
          <Tag color="red">
            {t('inv.campaignShort', { campaign: r.campaignRisk.campaign, n: r.campaignRisk.shortBy })}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: <Explained title={t('inv.leadTime')} tip={t('inv.leadTime.tip')} />,
      dataIndex: 'leadTimeDays',
      align: 'right',
    },
    {
      title: <Explained title={t('inv.reorderPoint')} tip={t('inv.reorderPoint.tip')} />,
      key: 'rop',
      align: 'right',
      render: (_, r) => r.advice.reorderPoint,
    },
    {
      title: <Explained title={t('inv.suggested')} tip={t('inv.suggested.tip')} />,
      key: 'suggested',
      align: 'right',
      sorter: (a, b) => a.advice.suggestedQty - b.advice.suggestedQty,
      render: (_, r) =>
        r.advice.suggestedQty ? <Typography.Text strong>{r.advice.suggestedQty}</Typography.Text> : '—',
    },
    { title: t('inv.inbound'), dataIndex: 'inbound', align: 'right' },
    {
      title: t('inv.why'),
      dataIndex: 'why',
      width: 360,
      render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap={12}>
      {next && (
        <Alert
          type={atRisk.length ? 'error' : 'success'}
          showIcon
          data-testid="restock-campaign-alert"
          message={
            atRisk.length
              ? t('inv.campaignAlert', { campaign: next.name, start: next.start, n: atRisk.length })
              : t('inv.campaignOk', { campaign: next.name, start: next.start })
          }
        />
      )}
      <Flex gap={12} wrap>
        <Card size="small">
          <Statistic
            title={t('inv.stat.outOfStock')}
            value={all.filter((r) => r.class === 'out_of_stock').length}
            valueStyle={{ color: '#cf1322' }}
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('inv.stat.low')}
            value={all.filter((r) => r.class === 'low').length}
            valueStyle={{ color: '#d4380d' }}
          />
        </Card>
        <Card size="small">
          <Statistic title={t('inv.stat.reorder')} value={all.filter((r) => r.advice.reorderNow).length} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('inv.stat.campaign')}
            value={atRisk.length}
            valueStyle={{ color: atRisk.length ? '#cf1322' : undefined }}
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('inv.stat.slow')}
            value={all.filter((r) => r.class === 'slow_mover' || r.class === 'overstock').length}
          />
        </Card>
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }} justify="space-between">
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('inv.searchSku')}
              onSearch={(v) => setQ(v.trim())}
              style={{ width: 220 }}
              data-testid="restock-search"
            />
            <Select
              allowClear
              placeholder={t('inv.filterClass')}
              style={{ width: 180 }}
              value={cls}
              onChange={setCls}
              data-testid="restock-class-filter"
              options={[
                { value: 'campaign', label: t('inv.filter.campaign') },
                ...(['out_of_stock', 'low', 'ok', 'overstock', 'slow_mover', 'no_demand'] as const).map(
                  (c) => ({ value: c, label: t(`inv.class.${c}`) }),
                ),
              ]}
            />
            <Typography.Text type="secondary">
              {t('inv.asOf', { date: plan.data?.asOf ?? '…' })}
            </Typography.Text>
          </Space>
          <Space>
            {access.canWrite('inventory') && (
              <Button
                icon={<ThunderboltOutlined />}
                data-testid="restock-daily-check"
                onClick={async () => {
                  try {
                    const r = await inventoryApi.dailyCheck(code);
                    message.success(t('inv.dailyCheckDone', { n: r.created }));
                    void qc.invalidateQueries({ queryKey: ['restock', code] });
                  } catch (e) {
                    message.error(errorText(t, e));
                  }
                }}
              >
                {t('inv.dailyCheck')}
              </Button>
            )}
            <ExportButton
              run={() =>
                exportXlsx<PlanRow>({
                  fileName: t('inv.exportRestock'),
                  rows,
                  columns: [
                    { header: t('inv.sku'), value: (r) => r.skuCode },
                    { header: t('inv.class'), value: (r) => t(`inv.class.${r.class}`) },
                    { header: t('inv.available'), value: (r) => r.available },
                    { header: t('inv.velocity'), value: (r) => +r.baseVelocity.toFixed(2) },
                    {
                      header: t('inv.sellableDays'),
                      value: (r) => (r.sellableDays === null ? '' : +r.sellableDays.toFixed(1)),
                    },
                    { header: t('inv.stockoutDate'), value: (r) => r.stockoutDate ?? '' },
                    {
                      header: t('inv.campaignRisk'),
                      value: (r) =>
                        r.campaignRisk ? `${r.campaignRisk.campaign} -${r.campaignRisk.shortBy}` : '',
                    },
                    {
                      header: t('inv.risk'),
                      value: (r) =>
                        r.stockoutRisk
                          ? `${r.stockoutRisk.date} ${t(`inv.risk.${r.stockoutRisk.reason}` as MessageKey)}`
                          : '',
                    },
                    { header: t('inv.leadTime'), value: (r) => r.leadTimeDays },
                    { header: t('inv.reorderPoint'), value: (r) => r.advice.reorderPoint },
                    { header: t('inv.suggested'), value: (r) => r.advice.suggestedQty },
                    { header: t('inv.why'), value: (r) => r.why },
                  ],
                })
              }
            />
          </Space>
        </Flex>
        <Table<PlanRow>
          size="small"
          rowKey="skuCode"
          columns={columns}
          dataSource={rows}
          loading={plan.isFetching}
          scroll={{ x: 'max-content' }}
          locale={plan.isError ? { emptyText: errorText(t, plan.error) } : undefined}
          onRow={(r) => ({ 'data-testid': `restock-row-${r.skuCode}` }) as HTMLAttributes<HTMLElement>}
          pagination={{
            pageSize: 20,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      </Card>
    </Flex>
  );
}
