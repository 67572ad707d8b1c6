import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useMemo, useState } from 'react';
import { PLATFORMS, type Platform } from '../../../api/auth';
import { DEFAULT_TIME_ZONE, type Store, storesApi } from '../../../api/stores';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { PLATFORM_COLORS, platformName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { applyServerError, errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { ME_KEY } from '../../../session';
import { formatDateTime } from '../../../utils/format';
import { rules } from '../../../utils/validation';

type Values = { code: string; name: string; platform: Platform; timeZone: string };

function timeZones(): string[] {
  try {
    return (
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
    );
  } catch {
    return [];
  }
}

export default function StoresPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  // Create and delete: org `stores:create` (owner). Edit: `team:write` in that store (the server's rule).
  const canCreate = access.canCreateStores;
  const [form] = Form.useForm<Values>();
  const [showDeleted, setShowDeleted] = useState(false);
  const [drawer, setDrawer] = useState<{ open: boolean; store: Store | null }>({ open: false, store: null });
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z })), []);

  const list = useQuery({ queryKey: ['stores', showDeleted], queryFn: () => storesApi.list(showDeleted) });
  const rows = (list.data?.items ?? []).filter((s) => showDeleted || !s.deletedAt);
  const canWrite = canCreate || rows.some((s) => access.canEditStore(s.code));

  useEffect(() => {
    if (!drawer.open) return;
    form.resetFields();
    const s = drawer.store;
    form.setFieldsValue(
      s
        ? { code: s.code, name: s.name, platform: s.platform, timeZone: s.timeZone }
        : { platform: 'taobao', timeZone: DEFAULT_TIME_ZONE },
    );
  }, [drawer, form]);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['stores'] });
    // the switcher and permissions come from /me
    void qc.invalidateQueries({ queryKey: ME_KEY });
  };

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const body = {
        name: v.name.trim(),
        platform: v.platform,
        timeZone: v.timeZone?.trim() || DEFAULT_TIME_ZONE,
      };
      if (drawer.store) await storesApi.update(drawer.store.code, body);
      else await storesApi.create({ code: v.code.trim(), ...body });
      message.success(drawer.store ? t('common.saved') : t('common.created'));
      setDrawer({ open: false, store: null });
      refresh();
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (s: Store) => {
    try {
      await storesApi.remove(s.code);
      message.success(t('common.deleted'));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<Store> = [
    { title: t('stores.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
    { title: t('stores.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('stores.platform'),
      dataIndex: 'platform',
      filters: PLATFORMS.map((p) => ({ value: p, text: platformName(t, p) })),
      onFilter: (v, s) => s.platform === v,
      render: (p: string) => <Tag color={PLATFORM_COLORS[p]}>{platformName(t, p)}</Tag>,
    },
    { title: t('stores.timeZone'), dataIndex: 'timeZone' },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'ascend',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, s) =>
        s.deletedAt ? (
          <Tag>{t('common.statusDeleted')}</Tag>
        ) : (
          <Tag color="green">{t('common.statusActive')}</Tag>
        ),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, s: Store) =>
              s.deletedAt ? null : (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    disabled={!access.canEditStore(s.code)}
                    onClick={() => setDrawer({ open: true, store: s })}
                    data-testid={`store-edit-${s.code}`}
                  >
                    {t('common.edit')}
                  </Button>
                  {canCreate && (
                    <Popconfirm
                      title={t('stores.confirmDelete', { name: s.name })}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true, 'data-testid': 'confirm-delete' }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(s)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        data-testid={`store-delete-${s.code}`}
                      >
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  const exportAll = () =>
    exportXlsx<Store>({
      fileName: t('stores.exportName'),
      rows,
      columns: [
        { header: t('stores.code'), value: (s) => s.code },
        { header: t('stores.name'), value: (s) => s.name },
        { header: t('stores.platform'), value: (s) => platformName(t, s.platform) },
        { header: t('stores.timeZone'), value: (s) => s.timeZone },
        { header: t('common.createdAt'), value: (s) => formatDateTime(s.createdAt) },
        { header: t('common.deletedAt'), value: (s) => formatDateTime(s.deletedAt) },
      ],
    });

  return (
    <PageContainer
      title={t('stores.title')}
      testId="page-stores"
      extra={
        <>
          <ExportButton run={exportAll} />
          {canCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ open: true, store: null })}
              data-testid="store-create"
            >
              {t('stores.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small">
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Space>
            <Switch
              size="small"
              checked={showDeleted}
              onChange={setShowDeleted}
              data-testid="stores-show-deleted"
            />
            {t('stores.showDeleted')}
          </Space>
        </Flex>
        <Table<Store>
          size="small"
          rowKey="code"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={list.isError ? { emptyText: errorText(t, list.error) } : undefined}
          onRow={(s) => ({ 'data-testid': `store-row-${s.code}` }) as HTMLAttributes<HTMLElement>}
          pagination={{
            pageSize: 20,
            showTotal: (total) => t('common.total', { total }),
            hideOnSinglePage: true,
          }}
        />
      </Card>
      <Drawer
        open={drawer.open}
        onClose={() => setDrawer({ open: false, store: null })}
        size={480}
        title={drawer.store ? t('stores.edit') : t('stores.create')}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setDrawer({ open: false, store: null })}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="store-submit">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="store-form">
          <Form.Item
            name="code"
            label={t('stores.code')}
            extra={t('setup.storeCodeHelp')}
            rules={[rules.required(t), rules.storeCode(t)]}
          >
            <Input disabled={!!drawer.store} autoCapitalize="off" data-testid="store-code" />
          </Form.Item>
          <Form.Item name="name" label={t('stores.name')} rules={[rules.required(t), rules.max(t, 100)]}>
            <Input data-testid="store-name" />
          </Form.Item>
          <Form.Item name="platform" label={t('stores.platform')} rules={[rules.requiredSelect(t)]}>
            <Select
              data-testid="store-platform"
              options={PLATFORMS.map((p) => ({ value: p, label: platformName(t, p) }))}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('stores.timeZone')} rules={[rules.required(t)]}>
            <AutoComplete
              options={zones}
              data-testid="store-time-zone"
              showSearch={{
                filterOption: (input, option) =>
                  String(option?.value ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
        </Form>
      </Drawer>
    </PageContainer>
  );
}
