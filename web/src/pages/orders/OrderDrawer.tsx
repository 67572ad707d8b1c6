import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Empty, List, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { ordersApi, yuan } from '../../api/orders';
import { tryT, useI18n } from '../../i18n';
import { useCurrentStore } from '../../layouts/useAccess';
import { formatDateTime } from '../../utils/format';
import { reasonText, useStorePeople } from './shared';

/** The order's full story: status history, desk records, chats, refunds, reviews, tasks, credit. */
export function OrderDrawer({ orderId, onClose }: { orderId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const store = useCurrentStore();
  const code = store?.code ?? '';
  const tz = store?.timeZone;
  const { name } = useStorePeople(code);
  const q = useQuery({
    queryKey: ['order-story', code, orderId],
    queryFn: () => ordersApi.story(code, orderId!),
    enabled: !!orderId && !!code,
  });
  const s = q.data;
  const dt = (v: string | null | undefined) => formatDateTime(v, tz);
  return (
    <Drawer
      open={!!orderId}
      onClose={onClose}
      size="large"
      title={orderId ? t('orders.drawer.title', { id: orderId }) : ''}
      data-testid="order-drawer"
      destroyOnHidden
    >
      {q.isLoading || !s ? (
        q.error ? (
          <Alert type="error" message={String((q.error as Error).message)} />
        ) : (
          <Spin />
        )
      ) : (
        <>
          {s.checks.filter((c) => !c.resolvedAt).length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={s.checks
                .filter((c) => !c.resolvedAt)
                .map((c) => tryT(t, `orders.check.${c.kind}`, c.kind))
                .join('，')}
            />
          )}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('orders.status')}>
              {s.order.statusText ?? s.order.status}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.buyer')}>{s.order.buyerAccount}</Descriptions.Item>
            <Descriptions.Item label={t('orders.amount')}>
              {yuan((s.order.totalAmountFen as number | null) ?? s.order.paidAmountFen)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.createdAt')}>{dt(s.order.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.paidAt')}>{dt(s.order.paidAt)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.flaggedBy')}>{name(s.order.flaggedBy)}</Descriptions.Item>
            {s.shipping && (
              <Descriptions.Item label={t('orders.drawer.shipping')} span={2}>
                <Tag
                  color={s.shipping.state.includes('late') || s.shipping.state === 'overdue' ? 'red' : 'blue'}
                >
                  {tryT(t, `orders.state.${s.shipping.state}`, s.shipping.state)}
                </Tag>
                {t('orders.target')} {dt(s.shipping.deadline.target)} · {t('orders.limit')}{' '}
                {dt(s.shipping.deadline.limit)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('orders.items')} span={2}>
              {s.order.itemTitles}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'story',
                label: t('orders.drawer.story'),
                children: (
                  <Timeline
                    data-testid="order-story"
                    items={[
                      { children: `${dt(s.order.createdAt)} ${t('orders.createdAt')}` },
                      ...(s.order.paidAt
                        ? [{ color: 'green', children: `${dt(s.order.paidAt)} ${t('orders.paidAt')}` }]
                        : []),
                      ...s.statusHistory.map((h) => ({
                        color: h.backwards ? 'red' : 'blue',
                        children: `${dt(h.observedAt)} ${h.fromStatus ?? '—'} → ${h.toStatus}${h.backwards ? ` (${t('orders.drawer.backwards')})` : ''}`,
                      })),
                      ...s.events.map((e) => ({
                        color: 'gray',
                        children: `${dt(e.at)} ${tryT(t, `orders.event.${e.kind}`, e.kind)} · ${name(e.personId)}${e.channel ? ` · ${tryT(t, `orders.channel.${e.channel}`, e.channel)}` : ''}${e.note ? ` · ${e.note}` : ''}`,
                      })),
                    ]}
                  />
                ),
              },
              {
                key: 'credit',
                label: t('orders.drawer.credit'),
                children: (
                  <>
                    <Typography.Paragraph>
                      <b>{s.attribution.personName ?? '—'}</b> · {yuan(s.attribution.creditedFen)}
                    </Typography.Paragraph>
                    <List
                      size="small"
                      dataSource={s.attribution.steps}
                      renderItem={(r) => <List.Item>{reasonText(t, r)}</List.Item>}
                    />
                  </>
                ),
              },
              {
                key: 'chats',
                label: `${t('orders.drawer.chats')} (${s.chats.length})`,
                children: s.chats.length ? (
                  <List
                    size="small"
                    dataSource={s.chats}
                    renderItem={(m) => (
                      <List.Item>
                        <Typography.Text type="secondary">{dt(m.sentAt)}</Typography.Text>{' '}
                        <Tag color={m.senderRole === 'buyer' ? 'default' : m.isAutoReply ? 'gold' : 'blue'}>
                          {m.sender}
                        </Tag>
                        {m.content}
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty description={t('orders.drawer.noChats')} />
                ),
              },
              {
                key: 'refunds',
                label: `${t('orders.drawer.refunds')} (${s.refunds.length})`,
                children: (
                  <Table
                    size="small"
                    rowKey="refundId"
                    pagination={false}
                    dataSource={s.refunds}
                    columns={[
                      { title: t('aftersales.refundId'), dataIndex: 'refundId' },
                      { title: t('aftersales.reason'), dataIndex: 'refundReason' },
                      { title: t('aftersales.refundAmount'), render: (_, r) => yuan(r.refundAmountFen) },
                      {
                        title: t('aftersales.cause'),
                        render: (_, r) => tryT(t, `cause.${r.cause}`, r.cause),
                      },
                      { title: t('aftersales.status'), dataIndex: 'status' },
                    ]}
                  />
                ),
              },
              {
                key: 'reviews',
                label: `${t('orders.drawer.reviews')} (${s.reviews.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={s.reviews}
                    renderItem={(v) => (
                      <List.Item>
                        <Tag
                          color={
                            v.sentiment === 'bad' ? 'red' : v.sentiment === 'neutral' ? 'orange' : 'green'
                          }
                        >
                          {v.sentiment}
                        </Tag>
                        {v.content}
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'tasks',
                label: `${t('orders.drawer.tasks')} (${s.tasks.length})`,
                children: (
                  <List
                    size="small"
                    dataSource={s.tasks}
                    renderItem={(k) => (
                      <List.Item>
                        <Tag color={k.overdue ? 'red' : 'blue'}>{k.status}</Tag>
                        {k.title} ·{' '}
                        {k.ownerPersonId
                          ? name(k.ownerPersonId)
                          : tryT(t, `role.${k.ownerRole}`, k.ownerRole ?? '')}
                        {k.outcome ? ` · ${k.outcome}` : ''}
                      </List.Item>
                    )}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
