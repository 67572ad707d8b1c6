import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { DESIGN_KINDS, DESIGN_STATUSES, type DesignRequest, workApi } from '../../../api/work';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import { PersonSelect, useMembers, useStoreTz } from '../shared';
import { WorkTabs } from '../WorkTabs';

const NEXT: Record<string, string[]> = {
  requested: ['accepted', 'in_progress', 'cancelled'],
  accepted: ['in_progress', 'delivered', 'cancelled'],
  in_progress: ['delivered', 'cancelled'],
  delivered: ['in_progress'],
  cancelled: ['requested'],
};
const COLORS: Record<string, string> = {
  requested: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  delivered: 'green',
  cancelled: 'default',
};

/** 美工需求: the designer's queue. */
export default function DesignPage() {
  const { t } = useI18n();
  const tz = useStoreTz();
  const { message } = App.useApp();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const canWrite = access.canWrite('work');
  const qc = useQueryClient();
  const { nameOf } = useMembers(code);
  const [status, setStatus] = useState<string[]>(['requested', 'accepted', 'in_progress']);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['design', code, status],
    queryFn: () => workApi.designRequests(code, status.join(',') || undefined),
    enabled: !!code,
  });
  const rows = list.data?.items ?? [];
  const kindName = (k: string) => tryT(t, `work.designKind.${k}`, k);
  const statusName = (s: string) => tryT(t, `work.designStatus.${s}`, s);
  const move = async (r: DesignRequest, to: string) => {
    try {
      let addFiles: { name: string }[] | undefined;
      if (to === 'delivered') {
        const name = window.prompt(t('work.design.fileName'), `${r.title}.jpg`);
        if (name) addFiles = [{ name }];
      }
      await workApi.updateDesignRequest(code, r.id, { status: to, addFiles });
      qc.invalidateQueries({ queryKey: ['design', code] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const columns: ColumnsType<DesignRequest> = [
    { title: t('work.task.title'), dataIndex: 'title' },
    { title: t('work.design.kind'), dataIndex: 'kind', width: 100, render: kindName },
    { title: t('work.design.subject'), dataIndex: 'subjectLabel', width: 140 },
    {
      title: t('work.design.requester'),
      dataIndex: 'requesterId',
      width: 110,
      render: (v: string | null) => nameOf(v),
    },
    {
      title: t('work.design.designer'),
      dataIndex: 'designerId',
      width: 110,
      render: (v: string | null) => nameOf(v) || '—',
    },
    {
      title: t('work.task.due'),
      dataIndex: 'dueAt',
      width: 150,
      render: (v: string | null) => formatDateTime(v, tz),
    },
    {
      title: t('work.task.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: string) => <Tag color={COLORS[s]}>{statusName(s)}</Tag>,
    },
    {
      title: t('work.design.files'),
      dataIndex: 'files',
      width: 160,
      render: (fs: DesignRequest['files']) => fs.map((f) => <div key={`${f.name}${f.at}`}>{f.name}</div>),
    },
    {
      title: '',
      key: 'act',
      width: 200,
      render: (_: unknown, r) =>
        canWrite && (
          <Space size={4} wrap>
            {(NEXT[r.status] ?? []).map((to) => (
              <Button key={to} size="small" onClick={() => move(r, to)}>
                {statusName(to)}
              </Button>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <PageContainer
      testId="page-design"
      title={t('work.design.title')}
      subTitle={t('work.design.subtitle')}
      extra={
        <>
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: 'design-requests',
                rows,
                columns: [
                  { header: t('work.task.title'), value: (r) => r.title },
                  { header: t('work.design.kind'), value: (r) => kindName(r.kind) },
                  { header: t('work.design.subject'), value: (r) => r.subjectLabel },
                  { header: t('work.design.requester'), value: (r) => nameOf(r.requesterId) },
                  { header: t('work.design.designer'), value: (r) => nameOf(r.designerId) },
                  { header: t('work.task.due'), value: (r) => formatDateTime(r.dueAt, tz) },
                  { header: t('work.task.status'), value: (r) => statusName(r.status) },
                  { header: t('work.design.files'), value: (r) => r.files.map((f) => f.name).join(', ') },
                ],
              })
            }
          />
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('work.design.new')}
            </Button>
          )}
        </>
      }
    >
      <WorkTabs current="design" />
      <Card size="small">
        <Select
          mode="multiple"
          style={{ minWidth: 300, marginBottom: 12 }}
          value={status}
          onChange={setStatus}
          options={DESIGN_STATUSES.map((s) => ({ value: s, label: statusName(s) }))}
        />
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 900 }}
        />
        <Typography.Text type="secondary">{t('work.design.help')}</Typography.Text>
      </Card>
      <Modal
        open={creating}
        title={t('work.design.new')}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await workApi.createDesignRequest(code, {
              title: v.title,
              kind: v.kind,
              designerId: v.designerId ?? null,
              subjectLabel: v.subjectLabel || null,
              brief: v.brief || null,
              dueAt: v.dueAt ? v.dueAt.toISOString() : null,
            });
            setCreating(false);
            form.resetFields();
            qc.invalidateQueries({ queryKey: ['design', code] });
          } catch (e) {
            message.error(errorText(t, e));
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'main_picture' }}>
          <Form.Item
            name="title"
            label={t('work.task.title')}
            rules={[{ required: true, whitespace: true, message: t('work.task.titleRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t('work.design.kind')}>
            <Select options={DESIGN_KINDS.map((k) => ({ value: k, label: kindName(k) }))} />
          </Form.Item>
          <Form.Item name="subjectLabel" label={t('work.design.subject')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="designerId" label={t('work.design.designer')}>
            <PersonSelect code={code} />
          </Form.Item>
          <Form.Item name="dueAt" label={t('work.task.due')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="brief" label={t('work.design.brief')}>
            <Input.TextArea rows={3} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
