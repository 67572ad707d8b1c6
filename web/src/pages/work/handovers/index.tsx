import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type Handover, workApi } from '../../../api/work';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import { useMembers, useStoreTz } from '../shared';
import { WorkTabs } from '../WorkTabs';

const STATE_COLORS: Record<string, string> = {
  done: 'green',
  not_done: 'red',
  follow_up: 'orange',
  open: 'blue',
};

/** The handover book: every handover of a day, its items and whether each is closed. */
export default function HandoversPage() {
  const { t } = useI18n();
  const tz = useStoreTz();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const { nameOf } = useMembers(code);
  // the store's today, not the browser's
  const [date, setDate] = useState<Dayjs>(() =>
    dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date())),
  );
  const day = date.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['handovers', code, day],
    queryFn: () => workApi.handovers(code, day),
    enabled: !!code,
  });
  const rows = q.data?.items ?? [];
  const to = (h: Handover) => (h.toPersonId ? nameOf(h.toPersonId) : h.toRole ? roleName(t, h.toRole) : '');
  const stateName = (s: string) => tryT(t, `work.itemState.${s}`, s);
  return (
    <PageContainer
      testId="page-handovers"
      title={t('work.handovers.title')}
      subTitle={t('work.handovers.subtitle')}
      extra={
        <ExportButton
          run={() =>
            exportXlsx({
              fileName: `handovers-${day}`,
              rows: rows.flatMap((h) => h.items.map((i) => ({ h, i }))),
              columns: [
                {
                  header: t('work.handover.kind'),
                  value: (r) => tryT(t, `work.handoverKind.${r.h.kind}`, r.h.kind),
                },
                { header: t('work.handovers.from'), value: (r) => nameOf(r.h.fromPersonId) },
                { header: t('work.handover.to'), value: (r) => to(r.h) },
                { header: t('work.handovers.item'), value: (r) => r.i.body },
                { header: t('work.handovers.state'), value: (r) => stateName(r.i.state) },
                { header: t('work.handovers.closedAt'), value: (r) => formatDateTime(r.i.closedAt, tz) },
                { header: t('work.handovers.closedBy'), value: (r) => nameOf(r.i.closedBy) },
                { header: t('work.handover.note'), value: (r) => r.i.closeNote ?? '' },
              ],
            })
          }
        />
      }
    >
      <WorkTabs current="handovers" />
      <Flex vertical gap={12}>
        <DatePicker
          value={date}
          onChange={(d) => d && setDate(d)}
          allowClear={false}
          style={{ width: 160 }}
        />
        {rows.length === 0 && <Empty description={t('work.handovers.empty')} />}
        {rows.map((h) => (
          <Card
            key={h.id}
            size="small"
            title={
              <Space wrap>
                <Tag>{tryT(t, `work.handoverKind.${h.kind}`, h.kind)}</Tag>
                <span>
                  {nameOf(h.fromPersonId)} → {to(h)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.createdAt, tz)}
                </Typography.Text>
              </Space>
            }
          >
            {h.note && <Typography.Paragraph>{h.note}</Typography.Paragraph>}
            <List
              size="small"
              dataSource={h.items}
              renderItem={(i) => (
                <List.Item key={i.id}>
                  <Space wrap>
                    <Tag color={STATE_COLORS[i.state]}>{stateName(i.state)}</Tag>
                    <Typography.Text delete={!!i.closedAt}>{i.body}</Typography.Text>
                    {i.closedAt ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('work.handovers.closed', {
                          name: nameOf(i.closedBy),
                          time: formatDateTime(i.closedAt, tz),
                        })}
                        {i.closeNote ? ` · ${i.closeNote}` : ''}
                      </Typography.Text>
                    ) : (
                      <Tag color="orange">{t('work.handovers.stillOpen')}</Tag>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Flex>
    </PageContainer>
  );
}
