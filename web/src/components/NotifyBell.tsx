import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { notifyApi } from '../api/notify';
import { useI18n } from '../i18n';
import { formatDateTime } from '../utils/format';

/** The bell in the header: unread count of the current store's inbox, the latest messages. */
export function NotifyBell({ storeCode }: { storeCode: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: ['unread', storeCode],
    queryFn: () => notifyApi.unread(storeCode),
    refetchInterval: 30_000,
    enabled: !!storeCode,
  });
  const box = useQuery({
    queryKey: ['inbox', storeCode, 'bell'],
    queryFn: () => notifyApi.inbox(storeCode),
    enabled: open,
  });
  const go = (link: string | null) => {
    setOpen(false);
    if (link) navigate(link.startsWith('/') ? link : `/s/${encodeURIComponent(storeCode)}/${link}`);
  };
  const readAll = async () => {
    await notifyApi.read(storeCode);
    qc.invalidateQueries({ queryKey: ['unread', storeCode] });
    qc.invalidateQueries({ queryKey: ['inbox', storeCode] });
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center" gap={16}>
          <span>{t('notify.inbox')}</span>
          <Button size="small" type="link" onClick={readAll}>
            {t('notify.readAll')}
          </Button>
        </Flex>
      }
      content={
        <div style={{ width: 320, maxHeight: 400, overflow: 'auto' }} data-testid="notify-popover">
          {(box.data?.items ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
          ) : (
            <List
              size="small"
              dataSource={box.data!.items.slice(0, 10)}
              renderItem={(n) => (
                <List.Item
                  key={n.id}
                  style={{ cursor: n.link ? 'pointer' : undefined }}
                  onClick={() => go(n.link)}
                >
                  <Flex vertical>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          <Button block type="link" onClick={() => go('notify')}>
            {t('notify.all')}
          </Button>
        </div>
      }
    >
      <Button type="text" aria-label={t('notify.inbox')} data-testid="notify-bell">
        <Badge count={count.data?.unread ?? 0} size="small" data-testid="notify-count">
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
