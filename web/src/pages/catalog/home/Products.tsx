import { StarFilled, StarOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { catalogApi, type ProductRow } from '../../../api/catalog';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';

export function Products() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [q, setQ] = useState('');
  const [heroOnly, setHeroOnly] = useState(false);
  const list = useQuery({
    queryKey: ['products', code, q, heroOnly],
    queryFn: () => catalogApi.products(code, { q: q || undefined, heroOnly: heroOnly || undefined }),
  });
  const heroes = (list.data ?? []).filter((p) => p.isHero).length;
  return (
    <Card size="small">
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('cat.search')}
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 260 }}
          />
          <Checkbox checked={heroOnly} onChange={(e) => setHeroOnly(e.target.checked)}>
            {t('cat.heroOnly')}
          </Checkbox>
          <Tooltip title={t('cat.hero.tip')}>
            <Tag color={heroes >= 3 && heroes <= 5 ? 'green' : 'orange'}>
              {t('cat.heroCount', { n: heroes })}
            </Tag>
          </Tooltip>
        </Space>
        <ExportButton
          run={() =>
            exportXlsx<ProductRow>({
              fileName: t('cat.exportProducts'),
              rows: list.data ?? [],
              columns: [
                { header: t('cat.productId'), value: (p) => p.productId },
                { header: t('cat.productTitle'), value: (p) => p.title ?? '' },
                { header: t('cat.hero'), value: (p) => (p.isHero ? t('common.yes') : t('common.no')) },
                { header: t('cat.skuCount'), value: (p) => p.skuCount },
                { header: t('cat.units30'), value: (p) => p.units30 },
                { header: t('cat.sales30'), value: (p) => p.salesFen30 / 100, numFmt: '0.00' },
                { header: t('cat.titleIssues'), value: (p) => p.titleIssues },
              ],
            })
          }
        />
      </Flex>
      <Table<ProductRow>
        size="small"
        rowKey="productId"
        dataSource={list.data ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          {
            title: t('cat.hero'),
            dataIndex: 'isHero',
            render: (v: boolean, p) => (
              <Button
                type="text"
                size="small"
                disabled={!access.canWrite('catalog')}
                icon={v ? <StarFilled style={{ color: '#faad14' }} /> : <StarOutlined />}
                onClick={async () => {
                  try {
                    await catalogApi.setHero(code, p.productId, !v);
                    void qc.invalidateQueries({ queryKey: ['products', code] });
                  } catch (e) {
                    message.error(errorText(t, e));
                  }
                }}
              />
            ),
          },
          {
            title: t('cat.productTitle'),
            dataIndex: 'title',
            render: (v: string | null, p) => (
              <Link to={`products/${encodeURIComponent(p.productId)}`}>{v ?? p.productId}</Link>
            ),
          },
          { title: t('cat.skuCount'), dataIndex: 'skuCount', align: 'right' },
          {
            title: <Tooltip title={t('cat.units30.tip')}>{t('cat.units30')}</Tooltip>,
            dataIndex: 'units30',
            align: 'right',
            sorter: (a, b) => a.units30 - b.units30,
          },
          {
            title: t('cat.sales30'),
            dataIndex: 'salesFen30',
            align: 'right',
            render: (v: number) => (v / 100).toFixed(2),
            sorter: (a, b) => a.salesFen30 - b.salesFen30,
          },
          {
            title: t('cat.titleIssues'),
            dataIndex: 'titleIssues',
            align: 'right',
            render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '✓'),
          },
        ]}
      />
    </Card>
  );
}
