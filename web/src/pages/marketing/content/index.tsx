import { useQuery } from '@tanstack/react-query';
import { Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { marketingApi, type Post } from '../../../api/marketing';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { addDays, fmtTime, MarketingFrame, todayStr } from '../MarketingTabs';
import { NewPostButton, PostStatus } from '../NewPost';

const STATUS_COLOR: Record<string, string> = {
  planned: 'default',
  ready: 'blue',
  published: 'green',
  cancelled: 'default',
};

/** /s/:code/marketing/content: 微淘 / 逛逛 posts planned by audience and time. */
export default function ContentPage() {
  const { t } = useI18n();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const canWrite = access.canWrite('marketing');
  const [from, setFrom] = useState(() => addDays(todayStr(), -30));
  const [to, setTo] = useState(() => addDays(todayStr(), 45));
  const q = useQuery({
    queryKey: ['mk-posts', code, from, to],
    queryFn: () => marketingApi.posts(code, from, to),
  });
  const camps = useQuery({
    queryKey: ['mk-campaigns', code, from, to],
    queryFn: () => marketingApi.campaigns(code, from, to),
  });
  const name = (id: string | null) => camps.data?.find((c) => c.id === id)?.name ?? id;
  return (
    <MarketingFrame
      testId="page-marketing-content"
      extra={
        <Space>
          {canWrite && <NewPostButton code={code} />}
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: 'content',
                columns: [
                  { header: t('marketing.content.plannedAt'), value: (p: Post) => fmtTime(p.plannedAt) },
                  { header: t('marketing.content.channel'), value: (p) => p.channel },
                  { header: t('marketing.content.title'), value: (p) => p.title },
                  { header: t('marketing.content.audience'), value: (p) => p.audience },
                  {
                    header: t('marketing.content.tie'),
                    value: (p) => (p.campaignId ? name(p.campaignId) : p.topic),
                  },
                  { header: t('marketing.status'), value: (p) => t(`marketing.content.status.${p.status}`) },
                  { header: t('marketing.content.link'), value: (p) => p.publishedUrl },
                ],
                rows: q.data ?? [],
              })
            }
          />
        </Space>
      }
    >
      <Card size="small">
        <Table<Post>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={q.data ?? []}
          data-testid="mk-posts"
          columns={[
            { title: t('marketing.content.plannedAt'), render: (_, p) => fmtTime(p.plannedAt), width: 150 },
            { title: t('marketing.content.channel'), dataIndex: 'channel', width: 80 },
            { title: t('marketing.content.title'), dataIndex: 'title' },
            { title: t('marketing.content.audience'), dataIndex: 'audience' },
            {
              title: t('marketing.content.tie'),
              render: (_, p) =>
                p.campaignId ? (
                  <Tag color="red">{name(p.campaignId)}</Tag>
                ) : p.topic ? (
                  <Tag>{t('marketing.content.evergreen', { topic: p.topic })}</Tag>
                ) : null,
            },
            {
              title: t('marketing.status'),
              render: (_, p) =>
                canWrite ? (
                  <PostStatus code={code} post={p} />
                ) : (
                  <Tag color={STATUS_COLOR[p.status]}>{t(`marketing.content.status.${p.status}`)}</Tag>
                ),
            },
            {
              title: t('marketing.content.link'),
              render: (_, p) =>
                p.publishedUrl ? (
                  <a href={p.publishedUrl} target="_blank" rel="noreferrer">
                    {t('marketing.content.link')}
                  </a>
                ) : null,
            },
          ]}
        />
      </Card>
    </MarketingFrame>
  );
}
