import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { createOffer, type OfferKind, skuFloors } from '../../api/marketing';
import { errorText } from '../../components/serverErrors';
import { useI18n } from '../../i18n';

const KINDS: OfferKind[] = ['discount', 'product_coupon', 'store_coupon', 'full_reduction', 'cross_store'];
const fen = (yuan: number | undefined | null) => (yuan == null ? null : Math.round(yuan * 100));

type Values = {
  kind: OfferKind;
  name: string;
  startsAt: string;
  endsAt: string;
  productIds?: string[];
  discountMode?: 'percent' | 'minus';
  zhe?: number;
  minus?: number;
  ruleMode?: 'tiers' | 'each';
  tiers?: { threshold?: number; minus?: number }[];
  every?: number;
  eachMinus?: number;
  cap?: number;
};

/** "新建优惠": a coupon, discount or full reduction with its validity. */
export function NewOfferButton({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const discountMode = Form.useWatch('discountMode', form);
  const ruleMode = Form.useWatch('ruleMode', form);
  const skus = useQuery({ queryKey: ['mk-skus', code], queryFn: () => skuFloors(code), enabled: open });
  const products = [
    ...new Map((skus.data ?? []).map((s) => [s.productId, s.title ?? s.productId])).entries(),
  ];
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: Record<string, unknown> = {
        kind: v.kind,
        name: v.name,
        startsAt: new Date(v.startsAt).toISOString(),
        endsAt: new Date(v.endsAt).toISOString(),
        productIds: v.productIds?.length ? v.productIds : null,
      };
      if (v.kind === 'discount') {
        if (v.discountMode === 'minus') body.unitMinusFen = fen(v.minus);
        else body.percentBp = v.zhe == null ? null : Math.round(v.zhe * 1000);
      } else if ((v.kind === 'full_reduction' || v.kind === 'cross_store') && v.ruleMode === 'each') {
        body.perEach = { everyFen: fen(v.every), minusFen: fen(v.eachMinus), capFen: fen(v.cap) };
      } else {
        body.tiers = (v.tiers ?? []).map((x) => ({
          thresholdFen: fen(x.threshold) ?? 0,
          minusFen: fen(x.minus) ?? 0,
        }));
      }
      return createOffer(code, body);
    },
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['mk-offers', code] });
      void qc.invalidateQueries({ queryKey: ['mk-floor', code] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  const multiTier = kind === 'full_reduction' || kind === 'cross_store';
  return (
    <>
      <Button
        type="primary"
        size="small"
        icon={<PlusOutlined />}
        onClick={() => setOpen(true)}
        data-testid="mk-new-offer"
      >
        {t('marketing.newOffer')}
      </Button>
      <Modal
        open={open}
        title={t('marketing.newOffer')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('marketing.create')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'store_coupon', discountMode: 'percent', ruleMode: 'tiers', tiers: [{}] }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="kind" label={t('marketing.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`marketing.offer.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('marketing.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space>
            <Form.Item name="startsAt" label={t('marketing.offer.validity')} rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="endsAt" label=" " rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Space>
          <Form.Item
            name="productIds"
            label={t('marketing.offer.scope')}
            rules={[{ required: kind === 'product_coupon' }]}
            extra={kind === 'product_coupon' ? undefined : t('marketing.offer.allProducts')}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={products.map(([id, title]) => ({ value: id, label: `${id} ${title}` }))}
            />
          </Form.Item>
          {kind === 'discount' ? (
            <>
              <Form.Item name="discountMode">
                <Radio.Group
                  options={[
                    { value: 'percent', label: t('marketing.offer.percent') },
                    { value: 'minus', label: t('marketing.offer.unitMinus') },
                  ]}
                />
              </Form.Item>
              {discountMode === 'minus' ? (
                <Form.Item name="minus" label={t('marketing.offer.unitMinus')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} suffix="元" />
                </Form.Item>
              ) : (
                <Form.Item name="zhe" label={t('marketing.offer.percent')} rules={[{ required: true }]}>
                  <InputNumber min={0.1} max={10} step={0.5} suffix="折" />
                </Form.Item>
              )}
            </>
          ) : (
            <>
              {multiTier && (
                <Form.Item name="ruleMode">
                  <Radio.Group
                    options={[
                      { value: 'tiers', label: t('marketing.offer.tiers') },
                      { value: 'each', label: t('marketing.offer.perEach') },
                    ]}
                  />
                </Form.Item>
              )}
              {multiTier && ruleMode === 'each' ? (
                <Space>
                  <Form.Item name="every" label="每满" rules={[{ required: true }]}>
                    <InputNumber min={0.01} suffix="元" />
                  </Form.Item>
                  <Form.Item name="eachMinus" label="减" rules={[{ required: true }]}>
                    <InputNumber min={0.01} suffix="元" />
                  </Form.Item>
                  <Form.Item name="cap" label={t('marketing.offer.cap')}>
                    <InputNumber min={0} suffix="元" />
                  </Form.Item>
                </Space>
              ) : (
                <Form.List name="tiers">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="baseline">
                          <Form.Item name={[f.name, 'threshold']} label="满">
                            <InputNumber min={0} suffix="元" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'minus']} label="减" rules={[{ required: true }]}>
                            <InputNumber min={0.01} suffix="元" />
                          </Form.Item>
                          {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                        </Space>
                      ))}
                      {multiTier && (
                        <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                          {t('marketing.offer.addTier')}
                        </Button>
                      )}
                    </>
                  )}
                </Form.List>
              )}
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
