import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { fetchAllPages } from '../../../api/http';
import { CS_LEVELS, type PeopleQuery, type Person, ROLES, teamApi } from '../../../api/team';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { csLevelName, roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { ME_KEY, useMe } from '../../../session';
import { formatDateTime } from '../../../utils/format';
import { PersonDrawer } from './PersonDrawer';

type Filters = { q: string; store: string; role?: string; includeDeleted: boolean };

const ALL = '__all__';

export default function PeoplePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const access = useAccess();
  const storeCode = access.store?.code ?? '';
  const stores = me?.stores ?? [];
  const storeName = (code: string) => stores.find((s) => s.code === code)?.name ?? code;

  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>({ q: '', store: storeCode, includeDeleted: false });
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [drawer, setDrawer] = useState<{ open: boolean; person: Person | null }>({
    open: false,
    person: null,
  });

  const query: PeopleQuery = {
    q: filters.q || undefined,
    store: filters.store === ALL ? undefined : filters.store || undefined,
    role: filters.role,
    includeDeleted: filters.includeDeleted,
  };
  const list = useQuery({
    queryKey: ['people', query, page],
    queryFn: () =>
      teamApi.people({ ...query, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    placeholderData: keepPreviousData,
  });

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['people'] });
    void qc.invalidateQueries({ queryKey: ['members'] });
  };

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const rolesText = (p: Person) =>
    p.memberships
      .map((m) => `${storeName(m.storeCode)}: ${m.roles.map((r) => roleName(t, r)).join('、')}`)
      .join('；');

  const columns: ColumnsType<Person> = [
    {
      title: t('people.login'),
      dataIndex: 'login',
      sorter: (a, b) => a.login.localeCompare(b.login),
      render: (v: string, p) => (
        <Space size={4}>
          <Typography.Text>{v}</Typography.Text>
          {p.isOwner && <Tag color="gold">{t('shell.owner')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('people.displayName'),
      dataIndex: 'displayName',
      sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'),
    },
    { title: t('people.phone'), dataIndex: 'phone', render: (v: string | null) => v || t('common.none') },
    {
      title: t('people.csLevel'),
      dataIndex: 'csLevel',
      sorter: (a, b) =>
        CS_LEVELS.indexOf(a.csLevel ?? ('' as never)) - CS_LEVELS.indexOf(b.csLevel ?? ('' as never)),
      render: (v: string | null) => (v ? csLevelName(t, v) : t('common.none')),
    },
    {
      title: t('people.memberships'),
      key: 'memberships',
      render: (_, p) => (
        <Flex vertical gap={2}>
          {p.memberships.map((m) => (
            <div key={m.storeCode}>
              {(filters.store === ALL || m.storeCode !== filters.store) && (
                <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
                  {storeName(m.storeCode)}:
                </Typography.Text>
              )}
              {m.roles.map((r) => (
                <Tag key={r} color={r === 'owner' ? 'gold' : undefined} style={{ marginInlineEnd: 4 }}>
                  {roleName(t, r)}
                </Tag>
              ))}
            </div>
          ))}
        </Flex>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, p) =>
        p.deletedAt ? (
          <Tag color="default">{t('common.statusDeleted')}</Tag>
        ) : (
          <Tag color="green">{t('common.statusActive')}</Tag>
        ),
    },
    ...(access.canManagePeople
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, p: Person) =>
              p.deletedAt ? (
                <Button
                  type="link"
                  size="small"
                  icon={<UndoOutlined />}
                  data-testid={`person-restore-${p.login}`}
                  onClick={() => act(() => teamApi.restorePerson(p.id), t('common.restored'))}
                >
                  {t('common.restore')}
                </Button>
              ) : (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    data-testid={`person-edit-${p.login}`}
                    onClick={() => setDrawer({ open: true, person: p })}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('people.confirmDelete', { name: p.displayName })}
                    okText={t('common.delete')}
                    okButtonProps={{ danger: true, 'data-testid': 'confirm-delete' }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => act(() => teamApi.deletePerson(p.id), t('common.deleted'))}
                    disabled={p.id === me?.person.id}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={p.id === me?.person.id}
                      data-testid={`person-delete-${p.login}`}
                    >
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  const exportAll = async () => {
    const rows = await fetchAllPages((limit, offset) => teamApi.people({ ...query, limit, offset }));
    return exportXlsx<Person>({
      fileName: t('people.exportName'),
      rows,
      columns: [
        { header: t('people.login'), value: (p) => p.login },
        { header: t('people.displayName'), value: (p) => p.displayName },
        { header: t('people.phone'), value: (p) => p.phone ?? '' },
        { header: t('people.csLevel'), value: (p) => csLevelName(t, p.csLevel) },
        { header: t('people.memberships'), value: rolesText },
        { header: t('shell.owner'), value: (p) => (p.isOwner ? t('common.yes') : t('common.no')) },
        { header: t('common.createdAt'), value: (p) => formatDateTime(p.createdAt) },
        { header: t('common.deletedAt'), value: (p) => formatDateTime(p.deletedAt) },
      ],
    });
  };

  return (
    <PageContainer
      title={t('people.title')}
      testId="page-people"
      extra={
        <>
          <ExportButton run={exportAll} />
          {access.canManagePeople && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="person-create"
              onClick={() => setDrawer({ open: true, person: null })}
            >
              {t('people.create')}
            </Button>
          )}
        </>
      }
    >
      <Card size="small" styles={{ body: { paddingBottom: 0 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('people.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) setFilter({ q: '' });
            }}
            onSearch={(v) => setFilter({ q: v.trim() })}
            style={{ width: 260 }}
            data-testid="people-search"
          />
          <Select
            value={filters.store || ALL}
            style={{ width: 200 }}
            onChange={(v) => setFilter({ store: v })}
            data-testid="people-store-filter"
            options={[
              { value: ALL, label: t('people.allStores') },
              ...stores.map((s) => ({ value: s.code, label: s.name })),
            ]}
          />
          <Select
            allowClear
            placeholder={t('people.filterRole')}
            value={filters.role}
            style={{ width: 160 }}
            onChange={(v) => setFilter({ role: v })}
            data-testid="people-role-filter"
            options={ROLES.map((r) => ({ value: r, label: roleName(t, r) }))}
          />
          <Checkbox
            checked={filters.includeDeleted}
            onChange={(e) => setFilter({ includeDeleted: e.target.checked })}
            data-testid="people-include-deleted"
            style={{ alignSelf: 'center' }}
          >
            {t('common.includeDeleted')}
          </Checkbox>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setSearch('');
              setFilters({ q: '', store: storeCode, includeDeleted: false });
              setPage((p) => ({ ...p, current: 1 }));
              refresh();
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <Table<Person>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={list.isError ? { emptyText: errorText(t, list.error) } : undefined}
          onRow={(p) => ({ 'data-testid': `person-row-${p.login}` }) as HTMLAttributes<HTMLElement>}
          rowClassName={(p) => (p.deletedAt ? 'row-deleted' : '')}
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
        />
      </Card>
      <PersonDrawer
        open={drawer.open}
        person={drawer.person}
        stores={stores}
        defaultStore={storeCode}
        canGrantOwner={!!me?.person.isOwner}
        onClose={() => setDrawer({ open: false, person: null })}
        onSaved={(p) => {
          setDrawer({ open: false, person: null });
          refresh();
          if (p.id === me?.person.id) void qc.invalidateQueries({ queryKey: ME_KEY });
        }}
      />
    </PageContainer>
  );
}
