import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { type AuditEntry, auditApi } from '../../../api/audit';
import { fetchAllPages } from '../../../api/http';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

/** Entities the server audits today; the filter also accepts any other name. */
const KNOWN_ENTITIES = ['organization', 'store', 'person', 'group', 'api_token'];

const changesText = (c: unknown) => (c === null || c === undefined ? '' : JSON.stringify(c));

export default function AuditPage() {
  const { t } = useI18n();
  const [entityInput, setEntityInput] = useState('');
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 50 });

  const list = useQuery({
    queryKey: ['audit', entity, page],
    queryFn: () =>
      auditApi.list({
        entity: entity || undefined,
        limit: page.pageSize,
        offset: (page.current - 1) * page.pageSize,
      }),
    placeholderData: keepPreviousData,
  });

  const applyEntity = (v: string) => {
    setEntity(v.trim());
    setPage((p) => ({ ...p, current: 1 }));
  };

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 150,
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (a: AuditEntry['actor']) =>
        a?.displayName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
    { title: t('audit.entity'), dataIndex: 'entity' },
    {
      title: t('audit.entityId'),
      dataIndex: 'entityId',
      render: (v: string | null) => <Typography.Text code>{v ?? ''}</Typography.Text>,
    },
    { title: t('audit.store'), dataIndex: 'storeCode', render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('audit.changes'),
      dataIndex: 'changes',
      render: (c: unknown) => (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
          {changesText(c)}
        </Typography.Text>
      ),
    },
  ];

  const exportAll = async () => {
    const rows = await fetchAllPages((limit, offset) =>
      auditApi.list({ entity: entity || undefined, limit, offset }),
    );
    return exportXlsx<AuditEntry>({
      fileName: t('audit.exportName'),
      rows,
      columns: [
        { header: t('audit.at'), value: (r) => formatDateTime(r.at) },
        { header: t('audit.actor'), value: (r) => r.actor?.displayName ?? t('audit.system') },
        { header: t('audit.action'), value: (r) => r.action },
        { header: t('audit.entity'), value: (r) => r.entity },
        { header: t('audit.entityId'), value: (r) => r.entityId ?? '' },
        { header: t('audit.store'), value: (r) => r.storeCode ?? '' },
        { header: t('audit.changes'), value: (r) => changesText(r.changes), width: 80 },
      ],
    });
  };

  return (
    <PageContainer title={t('audit.title')} testId="page-audit" extra={<ExportButton run={exportAll} />}>
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <AutoComplete
            allowClear
            value={entityInput}
            style={{ width: 280 }}
            placeholder={t('audit.entityPlaceholder')}
            options={KNOWN_ENTITIES.map((e) => ({ value: e }))}
            onChange={(v) => {
              setEntityInput(v ?? '');
              if (!v) applyEntity('');
            }}
            onSelect={(v: string) => applyEntity(v)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applyEntity(entityInput);
            }}
            onBlur={() => applyEntity(entityInput)}
            data-testid="audit-entity-filter"
          />
        </Flex>
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={list.isError ? { emptyText: errorText(t, list.error) } : undefined}
          onRow={(r) => ({ 'data-testid': `audit-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
          expandable={{
            rowExpandable: (r) => r.changes !== null && r.changes !== undefined,
            expandedRowRender: (r) => (
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {JSON.stringify(r.changes, null, 2)}
              </pre>
            ),
          }}
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
    </PageContainer>
  );
}
