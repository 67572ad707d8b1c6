import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type Finding,
  inventoryApi,
  MOVEMENT_KINDS,
  type Movement,
  type MovementKind,
} from '../../../api/inventory';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';

/** The stock ledger: every movement with who and why; reconciliation findings against the ERP snapshot. */
export function Ledger() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const [sku, setSku] = useState('');
  const [kind, setKind] = useState<MovementKind | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const moves = useQuery({
    queryKey: ['movements', code, sku, kind],
    queryFn: () => inventoryApi.movements(code, { skuCode: sku || undefined, kind, limit: 500 }),
  });
  const findings = useQuery({ queryKey: ['reconcile', code], queryFn: () => inventoryApi.reconcile(code) });
  const warehouses = useQuery({
    queryKey: ['warehouses', code],
    queryFn: () => inventoryApi.warehouses(code),
  });
  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={t('inv.findings')}
        extra={<Typography.Text type="secondary">{t('inv.findings.tip')}</Typography.Text>}
      >
        <Table<Finding>
          size="small"
          rowKey={(r) => `${r.skuCode}/${r.warehouse}`}
          dataSource={findings.data ?? []}
          loading={findings.isFetching}
          pagination={{ pageSize: 5 }}
          columns={[
            { title: t('inv.sku'), dataIndex: 'skuCode' },
            { title: t('inv.warehouse'), dataIndex: 'warehouse' },
            { title: t('inv.snapshotDate'), dataIndex: 'snapshotDate' },
            { title: t('inv.snapshotQty'), dataIndex: 'snapshotQty', align: 'right' },
            { title: t('inv.ledgerQty'), dataIndex: 'ledgerQty', align: 'right' },
            {
              title: t('inv.difference'),
              dataIndex: 'difference',
              align: 'right',
              render: (v: number) => (
                <Typography.Text type={v > 0 ? 'danger' : 'success'}>
                  {v > 0 ? `▲ ${v}` : `▼ ${-v}`}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('inv.movements')}>
        <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t('inv.searchSku')}
              onSearch={(v) => setSku(v.trim())}
              style={{ width: 220 }}
            />
            <Select
              allowClear
              placeholder={t('inv.kind')}
              style={{ width: 140 }}
              value={kind}
              onChange={setKind}
              options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`inv.kind.${k}`) }))}
            />
          </Space>
          <Space>
            <ExportButton
              run={() =>
                exportXlsx<Movement>({
                  fileName: t('inv.exportLedger'),
                  rows: moves.data ?? [],
                  columns: [
                    { header: t('inv.time'), value: (m) => formatDateTime(m.occurredAt) },
                    { header: t('inv.sku'), value: (m) => m.skuCode },
                    { header: t('inv.warehouse'), value: (m) => m.warehouse },
                    { header: t('inv.kind'), value: (m) => t(`inv.kind.${m.kind}`) },
                    { header: t('inv.qty'), value: (m) => m.qty },
                    { header: t('inv.reason'), value: (m) => m.reason ?? '' },
                  ],
                })
              }
            />
            {access.canWrite('inventory') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setOpen(true)}
                data-testid="movement-create"
              >
                {t('inv.postMovement')}
              </Button>
            )}
          </Space>
        </Flex>
        <Table<Movement>
          size="small"
          rowKey="id"
          dataSource={moves.data ?? []}
          loading={moves.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
          columns={[
            { title: t('inv.time'), dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v) },
            { title: t('inv.sku'), dataIndex: 'skuCode' },
            { title: t('inv.warehouse'), dataIndex: 'warehouse' },
            {
              title: t('inv.kind'),
              dataIndex: 'kind',
              render: (v: MovementKind) => <Tag>{t(`inv.kind.${v}`)}</Tag>,
            },
            {
              title: t('inv.qty'),
              dataIndex: 'qty',
              align: 'right',
              render: (v: number) => (
                <Typography.Text type={v < 0 ? 'success' : 'danger'}>{v > 0 ? `+${v}` : v}</Typography.Text>
              ),
            },
            { title: t('inv.reason'), dataIndex: 'reason' },
            {
              title: t('inv.ref'),
              key: 'ref',
              render: (_, m) => (m.refKind ? `${m.refKind} ${m.refId ?? ''}` : '—'),
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title={t('inv.postMovement')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await inventoryApi.postMovement(code, v);
            message.success(t('common.saved'));
            setOpen(false);
            form.resetFields();
            void qc.invalidateQueries({ queryKey: ['movements', code] });
          } catch (e) {
            message.error(errorText(t, e));
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ warehouse: 'main', kind: 'inbound' }}>
          <Form.Item name="skuCode" label={t('inv.sku')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="warehouse" label={t('inv.warehouse')} rules={[{ required: true }]}>
            <Select options={(warehouses.data ?? []).map((w) => ({ value: w.code, label: w.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('inv.kind')} rules={[{ required: true }]}>
            <Select options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`inv.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="qty" label={t('inv.qty')} rules={[{ required: true }]} extra={t('inv.qty.tip')}>
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('inv.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
