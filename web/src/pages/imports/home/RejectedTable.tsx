import { Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { ImportRun, RejectedRow } from '../../../api/imports';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { useI18n } from '../../../i18n';
import { baseName, formatCount, rejectReason } from './text';

/** The rejected rows of one run: row, column, value and the reason in plain words; export to XLSX. */
export function RejectedTable({ run, testId }: { run: ImportRun; testId: string }) {
  const { t, locale } = useI18n();
  const rows = run.rejected;
  const data = rows.map((r, i) => ({ ...r, key: i }));
  const columns: ColumnsType<RejectedRow> = [
    {
      title: t('imports.rej.row'),
      dataIndex: 'row',
      width: 72,
      align: 'right',
      sorter: (a, b) => a.row - b.row,
      render: (v: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span>,
    },
    {
      title: t('imports.rej.column'),
      dataIndex: 'column',
      width: 180,
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('imports.rej.value'),
      dataIndex: 'value',
      width: 200,
      render: (v: string) =>
        v === '' ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Typography.Text code ellipsis={{ tooltip: v }} style={{ maxWidth: 200 }}>
            {v}
          </Typography.Text>
        ),
    },
    { title: t('imports.rej.reason'), key: 'reason', render: (_, r) => rejectReason(r, locale) },
  ];

  const exportRows = () =>
    exportXlsx<RejectedRow>({
      fileName: `${t('imports.rejectedExportName')}-${baseName(run.file)}`,
      sheetName: t('imports.rejectedExportName'),
      rows,
      columns: [
        { header: t('imports.rej.row'), value: (r) => r.row },
        { header: t('imports.rej.column'), value: (r) => r.column ?? '' },
        { header: t('imports.rej.value'), value: (r) => r.value },
        { header: t('imports.rej.reason'), value: (r) => rejectReason(r, locale), width: 60 },
      ],
    });

  return (
    <div data-testid={testId}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <div>
          <Typography.Text strong>
            {t('imports.rejectedTitle', { count: formatCount(run.rejectedCount) })}
          </Typography.Text>
          {run.rejectedCount > rows.length && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {t('imports.rejectedTruncated', {
                shown: formatCount(rows.length),
                total: formatCount(run.rejectedCount),
              })}
            </Typography.Text>
          )}
        </div>
        <ExportButton run={exportRows} testId={`${testId}-export`} size="small" />
      </Flex>
      <Table<RejectedRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={data}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('imports.noRejected') }}
        onRow={(r) => ({ 'data-testid': `rejected-row-${r.row}` }) as HTMLAttributes<HTMLElement>}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
      />
    </div>
  );
}
