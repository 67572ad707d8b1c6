import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { inventoryApi, type PurchaseOrder, type Supplier, type SupplierReport } from '../../../api/inventory';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import type { MessageKey } from '../../../locales';
import { PoCreateModal, PoReceiveModal, SupplierModal } from './SupplierForms';

const PO_COLOR: Record<string, string> = {
  draft: 'default',
  sent: 'blue',
  partly_received: 'orange',
  received: 'green',
  cancelled: 'red',
};
const yuan = (fen: number) => (fen / 100).toFixed(2);
const lastMonths = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const d = new Date();
    d.setDate(1);
    d.setMonth(d.getMonth() - i - 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });

/** Suppliers with lead times, purchase orders, and the monthly supplier sales report (11th–15th). */
export function Suppliers() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [month, setMonth] = useState<string | undefined>();
  const suppliers = useQuery({ queryKey: ['suppliers', code], queryFn: () => inventoryApi.suppliers(code) });
  const pos = useQuery({ queryKey: ['pos', code], queryFn: () => inventoryApi.purchaseOrders(code) });
  const report = useQuery({
    queryKey: ['supplier-report', code, month],
    queryFn: () => inventoryApi.supplierReport(code, month),
  });
  type ReportRow = SupplierReport['rows'][number];
  const canWrite = access.canWrite('inventory');
  const [editing, setEditing] = useState<Supplier | null | undefined>(undefined);
  const [newPo, setNewPo] = useState(false);
  const [receiving, setReceiving] = useState<string | null>(null);
  const setStatus = async (id: string, status: 'sent' | 'cancelled') => {
    try {
      await inventoryApi.setPoStatus(code, id, status);
      void qc.invalidateQueries({ queryKey: ['pos', code] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  return (
    <Flex vertical gap={12}>
      <SupplierModal
        code={code}
        supplier={editing ?? null}
        open={editing !== undefined}
        onClose={(saved) => {
          setEditing(undefined);
          if (saved) void qc.invalidateQueries({ queryKey: ['suppliers', code] });
        }}
      />
      <PoCreateModal
        code={code}
        suppliers={suppliers.data ?? []}
        open={newPo}
        onClose={(saved) => {
          setNewPo(false);
          if (saved) void qc.invalidateQueries({ queryKey: ['pos', code] });
        }}
      />
      <PoReceiveModal
        code={code}
        poId={receiving}
        onClose={(saved) => {
          setReceiving(null);
          if (saved) {
            void qc.invalidateQueries({ queryKey: ['pos', code] });
            void qc.invalidateQueries({ queryKey: ['po', code] });
            void qc.invalidateQueries({ queryKey: ['restock', code] });
            void qc.invalidateQueries({ queryKey: ['stock', code] });
          }
        }}
      />
      <Card
        size="small"
        title={t('inv.suppliers')}
        extra={
          canWrite && (
            <Button size="small" type="primary" onClick={() => setEditing(null)} data-testid="supplier-new">
              {t('inv.newSupplier')}
            </Button>
          )
        }
      >
        <Table<Supplier>
          size="small"
          rowKey="id"
          dataSource={suppliers.data ?? []}
          loading={suppliers.isFetching}
          pagination={false}
          columns={[
            { title: t('inv.supplier'), dataIndex: 'name' },
            {
              title: t('inv.contact'),
              key: 'c',
              render: (_, s) =>
                [s.contactName, s.phone, s.wechat && `微信 ${s.wechat}`].filter(Boolean).join(' · '),
            },
            {
              title: t('inv.leadTime'),
              dataIndex: 'leadTimeDays',
              align: 'right',
              render: (v: number) => t('inv.days', { n: v }),
            },
            { title: t('inv.skuCount'), dataIndex: 'skuCount', align: 'right' },
            { title: t('inv.note'), dataIndex: 'note' },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_, s) =>
                canWrite ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing(s)}
                    data-testid={`supplier-edit-${s.name}`}
                  >
                    {t('inv.edit')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('inv.pos')}
        extra={
          canWrite && (
            <Button size="small" type="primary" onClick={() => setNewPo(true)} data-testid="po-new">
              {t('inv.newPo')}
            </Button>
          )
        }
      >
        <Table<PurchaseOrder>
          size="small"
          rowKey="id"
          dataSource={pos.data ?? []}
          loading={pos.isFetching}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('inv.poNumber'), dataIndex: 'number' },
            { title: t('inv.supplier'), dataIndex: 'supplierName' },
            {
              title: t('common.status'),
              dataIndex: 'status',
              render: (v: string) => <Tag color={PO_COLOR[v]}>{t(`inv.po.${v}` as MessageKey)}</Tag>,
            },
            { title: t('inv.expectedDate'), dataIndex: 'expectedDate' },
            {
              title: t('inv.received'),
              key: 'r',
              align: 'right',
              render: (_, p) => `${p.qtyReceived} / ${p.qtyOrdered}`,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_, p) =>
                canWrite ? (
                  <Space size={0}>
                    {p.status === 'draft' && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setStatus(p.id, 'sent')}
                        data-testid={`po-send-${p.number}`}
                      >
                        {t('inv.sendPo')}
                      </Button>
                    )}
                    {(p.status === 'sent' || p.status === 'partly_received') && (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setReceiving(p.id)}
                        data-testid={`po-receive-open-${p.number}`}
                      >
                        {t('inv.receive')}
                      </Button>
                    )}
                    {(p.status === 'draft' || p.status === 'sent') && (
                      <Button size="small" type="link" danger onClick={() => setStatus(p.id, 'cancelled')}>
                        {t('inv.cancelPo')}
                      </Button>
                    )}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('inv.supplierReport')}
            {report.data && (
              <Tag color={report.data.inWindow ? 'red' : 'default'}>
                {report.data.inWindow ? t('inv.reportDue') : t('inv.reportWindow')}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={report.data?.month}
              value={month}
              onChange={setMonth}
              options={lastMonths(12).map((m) => ({ value: m, label: m }))}
            />
            <ExportButton
              testId="supplier-report-export"
              run={() =>
                exportXlsx<ReportRow>({
                  fileName: t('inv.exportSupplierReport', { month: report.data?.month ?? '' }),
                  rows: report.data?.rows ?? [],
                  columns: [
                    { header: t('inv.supplier'), value: (r) => r.supplierName },
                    { header: t('inv.sku'), value: (r) => r.skuCode },
                    { header: t('inv.skuTitle'), value: (r) => r.title ?? '' },
                    { header: t('inv.unitsSold'), value: (r) => r.unitsSold },
                    { header: t('inv.salesYuan'), value: (r) => Number(yuan(r.salesFen)), numFmt: '0.00' },
                    { header: t('inv.unitsRefunded'), value: (r) => r.unitsRefunded },
                    { header: t('inv.onHand'), value: (r) => r.onHand },
                  ],
                })
              }
            />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {t('inv.reportMonth', { month: report.data?.month ?? '…' })}
        </Typography.Paragraph>
        <Table<ReportRow>
          size="small"
          rowKey={(r) => `${r.supplierId}/${r.skuCode}`}
          dataSource={report.data?.rows ?? []}
          loading={report.isFetching}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('inv.supplier'), dataIndex: 'supplierName' },
            { title: t('inv.sku'), dataIndex: 'skuCode' },
            { title: t('inv.unitsSold'), dataIndex: 'unitsSold', align: 'right' },
            {
              title: t('inv.salesYuan'),
              dataIndex: 'salesFen',
              align: 'right',
              render: (v: number) => yuan(v),
            },
            { title: t('inv.unitsRefunded'), dataIndex: 'unitsRefunded', align: 'right' },
            {
              title: t('inv.onHand'),
              dataIndex: 'onHand',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
