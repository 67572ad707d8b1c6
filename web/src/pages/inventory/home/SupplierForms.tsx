import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  inventoryApi,
  type PurchaseOrderDetail,
  type Supplier,
  type SupplierSku,
} from '../../../api/inventory';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';

type SupplierForm = {
  name: string;
  contactName?: string;
  phone?: string;
  wechat?: string;
  leadTimeDays: number;
  note?: string;
  skus?: {
    skuCode: string;
    leadTimeDays?: number | null;
    packSize?: number | null;
    minOrderQty?: number | null;
  }[];
};

/** Adds or edits a supplier: contacts, lead time, and the SKUs it supplies (own lead time, carton, MOQ). */
export function SupplierModal(props: {
  code: string;
  /** null = a new supplier. */
  supplier: Supplier | null;
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierForm>();
  const [saving, setSaving] = useState(false);
  const id = props.supplier?.id;
  const detail = useQuery({
    queryKey: ['supplier', props.code, id],
    queryFn: () => inventoryApi.supplier(props.code, id!),
    enabled: props.open && !!id,
  });
  useEffect(() => {
    if (!props.open) return;
    if (!id) form.setFieldsValue({ name: '', leadTimeDays: 15, skus: [] });
    else if (detail.data)
      form.setFieldsValue({
        name: detail.data.name,
        contactName: detail.data.contactName ?? undefined,
        phone: detail.data.phone ?? undefined,
        wechat: detail.data.wechat ?? undefined,
        leadTimeDays: detail.data.leadTimeDays,
        note: detail.data.note ?? undefined,
        skus: detail.data.skus.map((s) => ({
          skuCode: s.skuCode,
          leadTimeDays: s.leadTimeDays,
          packSize: s.packSize,
          minOrderQty: s.minOrderQty,
        })),
      });
  }, [props.open, id, detail.data, form]);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const costs = new Map((detail.data?.skus ?? []).map((s) => [s.skuCode, s.costFen]));
      const body = {
        name: v.name.trim(),
        contactName: v.contactName?.trim() || null,
        phone: v.phone?.trim() || null,
        wechat: v.wechat?.trim() || null,
        leadTimeDays: v.leadTimeDays,
        note: v.note?.trim() || null,
        skus: (v.skus ?? [])
          .filter((s) => s?.skuCode?.trim())
          .map(
            (s): SupplierSku => ({
              skuCode: s.skuCode.trim(),
              leadTimeDays: s.leadTimeDays ?? null,
              packSize: s.packSize ?? null,
              minOrderQty: s.minOrderQty ?? null,
              costFen: costs.get(s.skuCode.trim()) ?? null,
            }),
          ),
      };
      if (id) await inventoryApi.updateSupplier(props.code, id, body);
      else await inventoryApi.createSupplier(props.code, body);
      message.success(t('inv.saved'));
      props.onClose(true);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={id ? t('inv.editSupplier') : t('inv.newSupplier')}
      onCancel={() => props.onClose(false)}
      onOk={save}
      confirmLoading={saving}
      width={760}
      destroyOnHidden
      okButtonProps={{ id: 'supplier-save' }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Space wrap align="start">
          <Form.Item name="name" label={t('inv.supplier')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="supplier-name" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item
            name="leadTimeDays"
            label={t('inv.leadTime')}
            tooltip={t('inv.leadTimeTip')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={365} addonAfter={t('inv.dayUnit')} data-testid="supplier-lead" />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="contactName" label={t('inv.contactName')}>
            <Input data-testid="supplier-contact" />
          </Form.Item>
          <Form.Item name="phone" label={t('inv.phone')}>
            <Input data-testid="supplier-phone" />
          </Form.Item>
          <Form.Item name="wechat" label={t('inv.wechat')}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('inv.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Text strong>{t('inv.supplierSkus')}</Typography.Text>
        <Form.List name="skus">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'skuCode']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('inv.sku')} data-testid="supplier-sku-code" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'leadTimeDays']}>
                    <InputNumber
                      min={0}
                      max={365}
                      placeholder={t('inv.ownLeadTime')}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'packSize']}>
                    <InputNumber min={1} placeholder={t('inv.packSize')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minOrderQty']}>
                    <InputNumber min={0} placeholder={t('inv.minOrderQty')} style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t('inv.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ skuCode: '' })} data-testid="supplier-add-sku">
                {t('inv.addSku')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

type PoForm = {
  supplierId: string;
  warehouse: string;
  expectedDate?: Dayjs | null;
  note?: string;
  lines: { skuCode: string; qty: number; costYuan?: number | null }[];
};

/** A new purchase order (draft): supplier, warehouse, expected date, lines. */
export function PoCreateModal(props: {
  code: string;
  suppliers: Supplier[];
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoForm>();
  const [saving, setSaving] = useState(false);
  const supplierId = Form.useWatch('supplierId', form);
  const warehouses = useQuery({
    queryKey: ['warehouses', props.code],
    queryFn: () => inventoryApi.warehouses(props.code),
    enabled: props.open,
  });
  const detail = useQuery({
    queryKey: ['supplier', props.code, supplierId],
    queryFn: () => inventoryApi.supplier(props.code, supplierId),
    enabled: props.open && !!supplierId,
  });
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await inventoryApi.createPurchaseOrder(props.code, {
        supplierId: v.supplierId,
        warehouse: v.warehouse,
        expectedDate: v.expectedDate ? v.expectedDate.format('YYYY-MM-DD') : null,
        note: v.note?.trim() || null,
        lines: v.lines.map((l) => ({
          skuCode: l.skuCode,
          qty: l.qty,
          costFen: l.costYuan == null ? null : Math.round(l.costYuan * 100),
        })),
      });
      message.success(t('inv.saved'));
      props.onClose(true);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const skuOptions = (detail.data?.skus ?? []).map((s) => ({ value: s.skuCode, label: s.skuCode }));
  return (
    <Modal
      open={props.open}
      title={t('inv.newPo')}
      onCancel={() => props.onClose(false)}
      onOk={save}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
      okButtonProps={{ id: 'po-save' }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ warehouse: 'main', lines: [{}] }}>
        <Space wrap align="start">
          <Form.Item name="supplierId" label={t('inv.supplier')} rules={[{ required: true }]}>
            <Select
              style={{ width: 220 }}
              data-testid="po-supplier"
              options={props.suppliers.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="warehouse" label={t('inv.warehouse')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={(warehouses.data ?? [{ code: 'main', name: '主仓' }]).map((w) => ({
                value: w.code,
                label: w.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="expectedDate" label={t('inv.expectedDate')} tooltip={t('inv.expectedDateTip')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'skuCode']} rules={[{ required: true }]}>
                    <Select
                      showSearch
                      style={{ width: 200 }}
                      placeholder={t('inv.sku')}
                      options={skuOptions}
                      data-testid="po-line-sku"
                      notFoundContent={t('inv.noSupplierSkus')}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'qty']} rules={[{ required: true }]}>
                    <InputNumber min={1} placeholder={t('inv.qty')} data-testid="po-line-qty" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'costYuan']}>
                    <InputNumber
                      min={0}
                      precision={2}
                      placeholder={t('inv.unitCostYuan')}
                      style={{ width: 130 }}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {t('inv.remove')}
                    </Button>
                  )}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})}>
                {t('inv.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('inv.note')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Goods received against a sent purchase order: quantities per line (default: what is still
 * open). Each receipt posts inbound movements once (its receipt id makes a retry post nothing).
 */
export function PoReceiveModal(props: {
  code: string;
  poId: string | null;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [qty, setQty] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  const [receiptId, setReceiptId] = useState('');
  const po = useQuery({
    queryKey: ['po', props.code, props.poId],
    queryFn: () => inventoryApi.purchaseOrder(props.code, props.poId!),
    enabled: !!props.poId,
  });
  useEffect(() => {
    if (!po.data) return;
    setReceiptId(`r-${Date.now().toString(36)}`);
    setQty(
      Object.fromEntries(po.data.lines.map((l) => [l.skuCode, Math.max(0, l.qtyOrdered - l.qtyReceived)])),
    );
  }, [po.data]);
  const save = async () => {
    const lines = Object.entries(qty)
      .filter(([, q]) => (q ?? 0) > 0)
      .map(([skuCode, q]) => ({ skuCode, qty: q! }));
    if (!lines.length) {
      message.warning(t('inv.nothingReceived'));
      return;
    }
    setSaving(true);
    try {
      await inventoryApi.receivePurchaseOrder(props.code, props.poId!, { receiptId, lines });
      message.success(t('inv.receivedPosted'));
      props.onClose(true);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  type Line = PurchaseOrderDetail['lines'][number];
  return (
    <Modal
      open={!!props.poId}
      title={t('inv.receivePo', { number: po.data?.number ?? '' })}
      onCancel={() => props.onClose(false)}
      onOk={save}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
      okButtonProps={{ id: 'po-receive-save' }}
    >
      <Typography.Paragraph type="secondary">{t('inv.receiveHint')}</Typography.Paragraph>
      <Table<Line>
        size="small"
        rowKey="skuCode"
        loading={po.isFetching}
        dataSource={po.data?.lines ?? []}
        pagination={false}
        columns={[
          { title: t('inv.sku'), dataIndex: 'skuCode' },
          { title: t('inv.ordered'), dataIndex: 'qtyOrdered', align: 'right' },
          { title: t('inv.received'), dataIndex: 'qtyReceived', align: 'right' },
          {
            title: t('inv.receiveNow'),
            key: 'q',
            render: (_, l) => (
              <InputNumber
                min={0}
                value={qty[l.skuCode] ?? null}
                onChange={(v) => setQty((m) => ({ ...m, [l.skuCode]: v }))}
                data-testid={`po-receive-${l.skuCode}`}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
