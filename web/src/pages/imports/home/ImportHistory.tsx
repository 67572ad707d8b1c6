import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Grid, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { fetchAllPages } from '../../../api/http';
import {
  IMPORT_KINDS,
  IMPORT_STATUSES,
  type ImportRun,
  type ImportStatus,
  importsApi,
} from '../../../api/imports';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { importKindName, importStatusName } from '../../../components/labels';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { ImportKindCell, ImportStatusTag } from './parts';
import { RunDrawer } from './RunDrawer';
import { formatCount, formatDuration, runNote } from './text';

type Filters = { kind?: string; status?: ImportStatus };

const num = (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCount(v)}</span>;

/** 导入记录: every import of the store, newest first; a row opens the run in a drawer. */
export function ImportHistory({ storeCode, timeZone }: { storeCode: string; timeZone?: string }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useQuery({
    queryKey: ['imports', storeCode, 'list', filters, page],
    queryFn: () =>
      importsApi.list(storeCode, {
        ...filters,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    placeholderData: keepPreviousData,
    // a running import (another person's, or one still going after a reload) updates by itself
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };

  const columns: ColumnsType<ImportRun> = [
    {
      title: t('imports.startedAt'),
      dataIndex: 'startedAt',
      width: 140,
      render: (v: string) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatDateTime(v, timeZone)}
        </span>
      ),
    },
    {
      title: t('imports.file'),
      dataIndex: 'file',
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 240 }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: t('imports.detectedKind'),
      dataIndex: 'kind',
      render: (k: string) => <ImportKindCell kind={k} version={null} />,
    },
    {
      title: t('imports.version'),
      dataIndex: 'version',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('common.status'), dataIndex: 'status', render: (_, r) => <ImportStatusTag run={r} /> },
    { title: t('imports.count.rows'), dataIndex: 'rows', align: 'right', render: num },
    { title: t('imports.count.inserted'), dataIndex: 'inserted', align: 'right', render: num },
    { title: t('imports.count.updated'), dataIndex: 'updated', align: 'right', render: num },
    { title: t('imports.count.unchanged'), dataIndex: 'unchanged', align: 'right', render: num },
    {
      title: t('imports.count.rejected'),
      dataIndex: 'rejectedCount',
      align: 'right',
      render: (v: number) => (
        <Typography.Text type={v > 0 ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatCount(v)}
        </Typography.Text>
      ),
    },
    {
      title: t('imports.duration'),
      dataIndex: 'durationMs',
      align: 'right',
      render: (v: number | null, r) =>
        r.status === 'running'
          ? t('imports.processedRows', { rows: formatCount(r.progressRows) })
          : formatDuration(t, v),
    },
  ];

  const exportAll = async () => {
    const rows = await fetchAllPages((limit, offset) =>
      importsApi.list(storeCode, { ...filters, limit, offset }),
    );
    return exportXlsx<ImportRun>({
      fileName: t('imports.historyExportName'),
      rows,
      columns: [
        { header: t('imports.startedAt'), value: (r) => formatDateTime(r.startedAt, timeZone) },
        { header: t('imports.file'), value: (r) => r.file },
        { header: t('imports.detectedKind'), value: (r) => importKindName(t, r.kind) },
        { header: t('imports.version'), value: (r) => r.version ?? '' },
        { header: t('common.status'), value: (r) => importStatusName(t, r.status) },
        { header: t('imports.count.rows'), value: (r) => r.rows },
        { header: t('imports.count.inserted'), value: (r) => r.inserted },
        { header: t('imports.count.updated'), value: (r) => r.updated },
        { header: t('imports.count.unchanged'), value: (r) => r.unchanged },
        { header: t('imports.count.rejected'), value: (r) => r.rejectedCount },
        { header: t('imports.duration'), value: (r) => formatDuration(t, r.durationMs) },
        { header: t('imports.errorLabel'), value: (r) => runNote(t, locale, r)?.text ?? '', width: 60 },
      ],
    });
  };

  return (
    <Card
      size="small"
      title={t('imports.history')}
      style={{ marginTop: 16 }}
      data-testid="import-history"
      extra={
        <Flex gap={8}>
          <Button
            size="small"
            icon={<ReloadOutlined />}
            onClick={() => qc.invalidateQueries({ queryKey: ['imports', storeCode] })}
            data-testid="import-history-refresh"
          >
            {t('common.refresh')}
          </Button>
          <ExportButton run={exportAll} testId="import-history-export" size="small" />
        </Flex>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('imports.filterKind')}
          value={filters.kind}
          style={{ width: 260 }}
          onChange={(v) => setFilter({ kind: v })}
          data-testid="import-filter-kind"
          options={[...IMPORT_KINDS, 'unknown'].map((k) => ({ value: k, label: importKindName(t, k) }))}
        />
        <Select
          allowClear
          placeholder={t('imports.filterStatus')}
          value={filters.status}
          style={{ width: 160 }}
          onChange={(v) => setFilter({ status: v })}
          data-testid="import-filter-status"
          options={IMPORT_STATUSES.map((s) => ({ value: s, label: importStatusName(t, s) }))}
        />
      </Flex>
      <Table<ImportRun>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching && !list.data}
        scroll={screens.md === false ? { x: 'max-content' } : undefined}
        locale={list.isError ? { emptyText: errorText(t, list.error) } : undefined}
        onRow={(r) =>
          ({
            'data-testid': `import-row-${r.id}`,
            onClick: () => setOpenId(r.id),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
      <RunDrawer storeCode={storeCode} timeZone={timeZone} id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
