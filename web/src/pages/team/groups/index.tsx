import { CrownOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { GROUP_KINDS, type Group, type GroupKind, teamApi } from '../../../api/team';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { groupKindName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { applyServerError, errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { rules } from '../../../utils/validation';

type Values = { name: string; kind: GroupKind; leaderId?: string | null; memberIds: string[] };

export default function GroupsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const storeCode = access.store?.code ?? '';
  const canWrite = access.canWrite('team');
  const [form] = Form.useForm<Values>();
  const [drawer, setDrawer] = useState<{ open: boolean; group: Group | null }>({ open: false, group: null });
  const [busy, setBusy] = useState(false);

  const groups = useQuery({ queryKey: ['groups', storeCode], queryFn: () => teamApi.groups(storeCode) });
  const members = useQuery({ queryKey: ['members', storeCode], queryFn: () => teamApi.members(storeCode) });
  const nameOf = (id: string | null | undefined) =>
    (id && members.data?.items.find((m) => m.personId === id)?.displayName) || id || '';
  const memberOptions = (members.data?.items ?? []).map((m) => ({
    value: m.personId,
    label: `${m.displayName} (${m.login})`,
  }));

  useEffect(() => {
    if (!drawer.open) return;
    form.resetFields();
    const g = drawer.group;
    form.setFieldsValue(
      g
        ? { name: g.name, kind: g.kind, leaderId: g.leaderId ?? undefined, memberIds: g.memberIds }
        : { memberIds: [] },
    );
  }, [drawer, form]);

  const refresh = () => qc.invalidateQueries({ queryKey: ['groups', storeCode] });

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const memberIds = Array.from(new Set([...(v.memberIds ?? []), ...(v.leaderId ? [v.leaderId] : [])]));
      const body = { name: v.name.trim(), kind: v.kind, leaderId: v.leaderId ?? null, memberIds };
      if (drawer.group) await teamApi.updateGroup(storeCode, drawer.group.id, body);
      else await teamApi.createGroup(storeCode, body);
      message.success(drawer.group ? t('common.saved') : t('common.created'));
      setDrawer({ open: false, group: null });
      void refresh();
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (g: Group) => {
    try {
      await teamApi.deleteGroup(storeCode, g.id);
      message.success(t('common.deleted'));
      void refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<Group> = [
    {
      title: t('groups.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      title: t('groups.kind'),
      dataIndex: 'kind',
      sorter: (a, b) => a.kind.localeCompare(b.kind),
      filters: GROUP_KINDS.map((k) => ({ value: k, text: groupKindName(t, k) })),
      onFilter: (v, g) => g.kind === v,
      render: (k: string) => <Tag color="blue">{groupKindName(t, k)}</Tag>,
    },
    {
      title: t('groups.leader'),
      dataIndex: 'leaderId',
      render: (id: string | null) =>
        id ? (
          <Space size={4}>
            <CrownOutlined style={{ color: '#faad14' }} />
            {nameOf(id)}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('groups.members'),
      dataIndex: 'memberIds',
      sorter: (a, b) => a.memberIds.length - b.memberIds.length,
      render: (ids: string[]) => (
        <Space size={[0, 4]} wrap>
          {ids.map((id) => (
            <Tag key={id}>{nameOf(id)}</Tag>
          ))}
        </Space>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, g: Group) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setDrawer({ open: true, group: g })}
                  data-testid={`group-edit-${g.id}`}
                >
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('groups.confirmDelete', { name: g.name })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true, 'data-testid': 'confirm-delete' }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(g)}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const exportAll = () =>
    exportXlsx<Group>({
      fileName: t('groups.exportName'),
      rows: groups.data?.items ?? [],
      columns: [
        { header: t('groups.name'), value: (g) => g.name },
        { header: t('groups.kind'), value: (g) => groupKindName(t, g.kind) },
        { header: t('groups.leader'), value: (g) => nameOf(g.leaderId) },
        { header: t('groups.members'), value: (g) => g.memberIds.map(nameOf).join('、') },
      ],
    });

  return (
    <PageContainer
      title={t('groups.title')}
      testId="page-groups"
      extra={
        <>
          <ExportButton run={exportAll} />
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ open: true, group: null })}
              data-testid="group-create"
            >
              {t('groups.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small">
        <Table<Group>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={groups.data?.items ?? []}
          loading={groups.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: groups.isError ? errorText(t, groups.error) : t('groups.empty') }}
          onRow={(g) => ({ 'data-testid': `group-row-${g.name}` }) as HTMLAttributes<HTMLElement>}
          pagination={{
            pageSize: 20,
            showTotal: (total) => t('common.total', { total }),
            hideOnSinglePage: true,
          }}
        />
      </Card>
      <Drawer
        open={drawer.open}
        onClose={() => setDrawer({ open: false, group: null })}
        size={480}
        title={drawer.group ? t('groups.edit') : t('groups.create')}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setDrawer({ open: false, group: null })}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="group-submit">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="group-form">
          <Form.Item name="name" label={t('groups.name')} rules={[rules.required(t), rules.max(t, 64)]}>
            <Input data-testid="group-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('groups.kind')} rules={[rules.requiredSelect(t)]}>
            <Select
              data-testid="group-kind"
              options={GROUP_KINDS.map((k) => ({ value: k, label: groupKindName(t, k) }))}
            />
          </Form.Item>
          <Form.Item name="leaderId" label={t('groups.leader')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={memberOptions}
              data-testid="group-leader"
            />
          </Form.Item>
          <Form.Item name="memberIds" label={t('groups.members')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={memberOptions}
              data-testid="group-members"
            />
          </Form.Item>
        </Form>
      </Drawer>
    </PageContainer>
  );
}
