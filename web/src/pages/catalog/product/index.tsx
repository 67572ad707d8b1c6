import { ArrowLeftOutlined, StarFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router-dom';
import { catalogApi, type ProductPage as PP } from '../../../api/catalog';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import type { MessageKey } from '../../../locales';
import { formatDateTime } from '../../../utils/format';
import { issueText } from '../home/TitleCheck';

/** /s/:storeCode/catalog/products/:productId: sales, stock, sellable days, refunds and bad reviews together. */
export default function ProductPage() {
  const { t } = useI18n();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const { productId = '' } = useParams();
  const page = useQuery({
    queryKey: ['product', code, productId],
    queryFn: () => catalogApi.product(code, productId),
  });
  const d = page.data;
  type Sku = PP['skus'][number];
  return (
    <PageContainer
      testId="page-product"
      title={
        <span>
          {d?.product.isHero && <StarFilled style={{ color: '#faad14', marginInlineEnd: 6 }} />}
          {d?.product.title ?? productId}
        </span>
      }
      subTitle={productId}
      extra={
        <Link to="../catalog">
          <Button icon={<ArrowLeftOutlined />}>{t('cat.back')}</Button>
        </Link>
      }
    >
      {page.isError && <Empty description={errorText(t, page.error)} />}
      {d && (
        <Row gutter={[12, 12]}>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic title={t('cat.units30')} value={d.skus.reduce((n, s) => n + s.units30, 0)} />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={t('cat.sales30')}
                precision={2}
                value={d.skus.reduce((n, s) => n + s.salesFen30, 0) / 100}
              />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={t('cat.refunds30')}
                value={d.aftersales.refunds}
                suffix={`/ ¥${(d.aftersales.refundFen / 100).toFixed(0)}`}
              />
            </Card>
          </Col>
          <Col xs={24} md={6}>
            <Card size="small">
              <Statistic
                title={t('cat.badReviews30')}
                value={d.aftersales.badReviews}
                valueStyle={{ color: d.aftersales.badReviews ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('cat.skus')}>
              <Table<Sku>
                size="small"
                rowKey="skuCode"
                dataSource={d.skus}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('inv.sku'), dataIndex: 'skuCode' },
                  { title: t('cat.properties'), dataIndex: 'properties' },
                  { title: t('cat.units30'), dataIndex: 'units30', align: 'right' },
                  {
                    title: t('inv.available'),
                    dataIndex: 'available',
                    align: 'right',
                    render: (v) => v ?? '—',
                  },
                  {
                    title: <Tooltip title={t('inv.sellableDays.tip')}>{t('inv.sellableDays')}</Tooltip>,
                    dataIndex: 'sellableDays',
                    align: 'right',
                    render: (v: number | null) => (v === null ? '∞' : v.toFixed(1)),
                  },
                  { title: t('inv.stockoutDate'), dataIndex: 'stockoutDate', render: (v) => v ?? '—' },
                  {
                    title: t('inv.class'),
                    dataIndex: 'class',
                    render: (v: string | null) => (v ? <Tag>{t(`inv.class.${v}` as MessageKey)}</Tag> : '—'),
                  },
                  {
                    title: t('inv.why'),
                    dataIndex: 'why',
                    render: (v) => <Typography.Text type="secondary">{v ?? ''}</Typography.Text>,
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('cat.titleCheck')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('cat.issues')}>
                  {d.titleCheck.issues.length ? (
                    d.titleCheck.issues.map((i) => (
                      <Tag key={JSON.stringify(i)} color="red">
                        {issueText(t, i)}
                      </Tag>
                    ))
                  ) : (
                    <Tag color="green">{t('cat.titleOk')}</Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item
                  label={<Tooltip title={t('cat.coverage.tip')}>{t('cat.coverage')}</Tooltip>}
                >
                  <Progress
                    percent={Math.round(d.titleCheck.coverage * 100)}
                    size="small"
                    style={{ width: 200 }}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t('cat.missingTerms')}>
                  {d.titleCheck.missing.length
                    ? d.titleCheck.missing.slice(0, 10).map((m) => <Tag key={m.term}>{m.term}</Tag>)
                    : t('common.none')}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('cat.recentBad')}>
              <List
                size="small"
                dataSource={d.aftersales.recentBad}
                locale={{ emptyText: t('common.none') }}
                renderItem={(r) => (
                  <List.Item>
                    {r.content ?? '—'}{' '}
                    <Typography.Text type="secondary">{formatDateTime(r.reviewedAt)}</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t('cat.history')}>
              {d.history.length ? (
                <Timeline
                  items={d.history.map((h) => ({
                    children: (
                      <span>
                        {formatDateTime(h.createdAt)} · {t(`cat.event.${h.kind}` as MessageKey)}{' '}
                        {h.before ? `「${h.before}」→` : ''}
                        {h.after ? `「${h.after}」` : ''}
                      </span>
                    ),
                  }))}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
