import { Flex, Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Key, ReactNode } from 'react';
import { ExportButton } from './ExportButton';
import { exportXlsx, type XlsxColumn } from './exportXlsx';

/**
 * A desk queue: a filter bar (the children: filters, bulk actions), "导出 XLSX" of the rows shown,
 * and the table with optional row selection for bulk actions. The orders and after-sales desks
 * draw every queue with it.
 */
export function QueueTable<T extends object>({
  children,
  rows,
  columns,
  rowKey,
  loading,
  testId,
  selection,
  exportName,
  exportColumns,
  pageSize = 20,
  table,
}: {
  children?: ReactNode;
  rows: T[];
  columns: ColumnsType<T>;
  rowKey: TableProps<T>['rowKey'];
  loading?: boolean;
  testId?: string;
  /** Selected row keys for bulk actions; leave out when the user may not act. */
  selection?: { selected: string[]; onChange: (keys: string[]) => void };
  exportName: string;
  exportColumns: XlsxColumn<T>[];
  pageSize?: number;
  /** Anything else the table needs (expandable rows, row handlers). */
  table?: Omit<TableProps<T>, 'dataSource' | 'columns' | 'rowKey' | 'loading' | 'rowSelection'>;
}) {
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        {children}
        <ExportButton
          run={async () => {
            await exportXlsx({ fileName: exportName, rows, columns: exportColumns });
            return rows.length;
          }}
        />
      </Flex>
      <Table<T>
        size="small"
        rowKey={rowKey}
        loading={loading}
        dataSource={rows}
        columns={columns}
        data-testid={testId}
        rowSelection={
          selection
            ? {
                selectedRowKeys: selection.selected,
                onChange: (k: Key[]) => selection.onChange(k as string[]),
              }
            : undefined
        }
        pagination={{ pageSize, showSizeChanger: true }}
        scroll={{ x: true }}
        {...table}
      />
    </Flex>
  );
}
