import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { TASK_STATUSES, type Task, workApi } from '../../../api/work';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import {
  PRIORITY_COLORS,
  priorityName,
  StatusTag,
  statusName,
  TaskFormModal,
  useMembers,
  useStoreTz,
} from '../shared';
import { TaskDrawer } from '../TaskDrawer';
import { WorkTabs } from '../WorkTabs';

type Filters = { owner: 'me' | 'all'; status: string[]; overdue: boolean };

/** Tasks of the store: mine or everyone's, by status, overdue; a row opens the task's drawer. */
export default function TasksPage() {
  const { t } = useI18n();
  const tz = useStoreTz();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const canWrite = access.canWrite('work');
  const qc = useQueryClient();
  const { nameOf } = useMembers(code);
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const [creating, setCreating] = useState(false);
  const [f, setF] = useState<Filters>({ owner: 'me', status: ['open', 'doing', 'waiting'], overdue: false });
  const query = {
    owner: f.owner === 'me' ? 'me' : undefined,
    status: f.status.join(',') || undefined,
    overdue: f.overdue || undefined,
  };
  const list = useQuery({
    queryKey: ['tasks', code, query],
    queryFn: () => workApi.tasks(code, query),
    placeholderData: keepPreviousData,
    enabled: !!code,
  });
  const rows = list.data?.items ?? [];
  const ownerText = (r: Task) => nameOf(r.ownerPersonId) || (r.ownerRole ? roleName(t, r.ownerRole) : '—');

  const columns: ColumnsType<Task> = [
    {
      title: t('work.task.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Space size={4} wrap>
          {r.overdue && <Tag color="red">{t('work.task.overdue')}</Tag>}
          <Typography.Link data-testid={`task-row-${r.id}`} onClick={() => setParams({ id: r.id })}>
            {v}
          </Typography.Link>
        </Space>
      ),
    },
    {
      title: t('work.task.status'),
      dataIndex: 'status',
      width: 96,
      render: (s: string) => <StatusTag status={s} />,
    },
    {
      title: t('work.task.priority'),
      dataIndex: 'priority',
      width: 84,
      render: (p: string) => <Tag color={PRIORITY_COLORS[p]}>{priorityName(t, p)}</Tag>,
    },
    { title: t('work.task.owner'), key: 'owner', width: 140, render: (_: unknown, r) => ownerText(r) },
    {
      title: (
        <Tooltip title={t('work.task.dueHelp')}>
          <span>{t('work.task.due')}</span>
        </Tooltip>
      ),
      dataIndex: 'dueAt',
      width: 150,
      render: (v: string | null, r) => (
        <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{formatDateTime(v, tz)}</span>
      ),
    },
    {
      title: t('work.task.source'),
      dataIndex: 'source',
      width: 100,
      render: (s: string) => tryT(t, `work.source.${s}`, s),
    },
  ];

  return (
    <PageContainer
      testId="page-tasks"
      title={t('work.tasks.title')}
      subTitle={t('work.tasks.subtitle', {
        total: rows.length,
        overdue: rows.filter((r) => r.overdue).length,
      })}
      extra={
        <>
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: 'tasks',
                rows,
                columns: [
                  { header: t('work.task.title'), value: (r) => r.title },
                  { header: t('work.task.status'), value: (r) => statusName(t, r.status) },
                  { header: t('work.task.priority'), value: (r) => priorityName(t, r.priority) },
                  { header: t('work.task.owner'), value: (r) => ownerText(r) },
                  { header: t('work.task.due'), value: (r) => formatDateTime(r.dueAt, tz) },
                  { header: t('work.task.overdue'), value: (r) => (r.overdue ? '✓' : '') },
                  { header: t('work.task.source'), value: (r) => r.source },
                  { header: t('work.task.createdAt'), value: (r) => formatDateTime(r.createdAt, tz) },
                ],
              })
            }
          />
          <Button icon={<ReloadOutlined />} onClick={() => list.refetch()} />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="task-new"
              onClick={() => setCreating(true)}
            >
              {t('work.task.new')}
            </Button>
          )}
        </>
      }
    >
      <WorkTabs current="tasks" />
      <Card size="small">
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Select
            data-testid="task-filter-owner"
            style={{ width: 140 }}
            value={f.owner}
            onChange={(owner) => setF({ ...f, owner })}
            options={[
              { value: 'me', label: t('work.tasks.mine') },
              { value: 'all', label: t('work.tasks.all') },
            ]}
          />
          <Select
            mode="multiple"
            style={{ minWidth: 260 }}
            value={f.status}
            onChange={(status) => setF({ ...f, status })}
            options={TASK_STATUSES.map((s) => ({ value: s, label: statusName(t, s) }))}
            placeholder={t('work.task.status')}
          />
          <Checkbox checked={f.overdue} onChange={(e) => setF({ ...f, overdue: e.target.checked })}>
            {t('work.tasks.overdueOnly')}
          </Checkbox>
        </Flex>
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
        />
      </Card>
      <TaskDrawer code={code} taskId={openId} canWrite={canWrite} onClose={() => setParams({})} />
      <TaskFormModal
        code={code}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => qc.invalidateQueries({ queryKey: ['tasks', code] })}
      />
    </PageContainer>
  );
}
