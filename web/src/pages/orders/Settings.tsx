import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect } from 'react';
import {
  aftersalesApi,
  ordersApi,
  type ShippingSettings,
  type SpikeSettings,
  type UnpaidSettings,
} from '../../api/orders';
import { applyServerError } from '../../components/serverErrors';
import { type TFunction, useI18n } from '../../i18n';
import { useAccess } from '../../layouts/useAccess';
import { Explained } from './shared';

/** A whole number in [min, max] (the server checks the same and more: overlaps, limit ≥ target). */
const whole = (t: TFunction, min: number, max: number): Rule[] => [
  { required: true, message: t('orders.set.required') },
  {
    validator: (_, v) =>
      v === null || v === undefined || (Number.isInteger(v) && v >= min && v <= max)
        ? Promise.resolve()
        : Promise.reject(new Error(t('orders.set.range', { min, max }))),
  },
];

function Labeled({ label, tip }: { label: string; tip: string }) {
  return <Explained title={label} tip={tip} />;
}

/**
 * The desk's settings in one place (订单 › 设置): the shipping cut-off and 24 h / 48 h limits with
 * campaign extensions, the unpaid-queue rules, the refund spike thresholds. Each card saves on
 * its own; the server refuses negative, overlapping or impossible values and names the field.
 */
export function DeskSettings({ code }: { code: string }) {
  const access = useAccess();
  return (
    <Flex vertical gap={16} data-testid="desk-settings">
      <ShippingCard code={code} canWrite={access.canWrite('orders')} />
      <UnpaidCard code={code} canWrite={access.canWrite('orders')} />
      <SpikeCard code={code} canWrite={access.canWrite('aftersales')} />
    </Flex>
  );
}

/** Loads a setting into its form and saves it, server errors on the fields they name. */
function useSettingForm<T extends object>(
  key: string,
  load: () => Promise<T>,
  save: (v: T) => Promise<T>,
  invalidate: string[],
) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<T>();
  const q = useQuery({ queryKey: ['desk-settings', key], queryFn: load });
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data as never);
  }, [q.data, form]);
  const onFinish = async (v: T) => {
    try {
      const saved = await save(v);
      form.setFieldsValue(saved as never);
      message.success(t('common.saved'));
      qc.setQueryData(['desk-settings', key], saved);
      for (const k of invalidate) void qc.invalidateQueries({ queryKey: [k] });
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    }
  };
  return { form, onFinish, loading: q.isLoading };
}

function ShippingCard({ code, canWrite }: { code: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { form, onFinish, loading } = useSettingForm<ShippingSettings>(
    'shipping',
    () => ordersApi.shippingSettings(code),
    (v) => ordersApi.setShippingSettings(code, { ...v, campaigns: v.campaigns ?? [] }),
    ['shipping'],
  );
  return (
    <Card title={t('orders.settings')} loading={loading} data-testid="settings-shipping">
      <Form form={form} layout="inline" onFinish={onFinish} disabled={!canWrite}>
        <Flex vertical gap={12} style={{ width: '100%' }}>
          <Space wrap>
            <Form.Item
              name="cutoff"
              label={<Labeled label={t('orders.cutoff')} tip={t('orders.set.cutoffTip')} />}
              rules={[
                { required: true, message: t('orders.set.required') },
                { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('orders.set.hhmm') },
              ]}
            >
              <Input style={{ width: 90 }} placeholder="16:00" data-testid="set-cutoff" />
            </Form.Item>
            <Form.Item
              name="targetHours"
              label={<Labeled label={t('orders.targetHours')} tip={t('orders.set.targetTip')} />}
              rules={whole(t, 1, 240)}
            >
              <InputNumber data-testid="set-targetHours" />
            </Form.Item>
            <Form.Item
              name="limitHours"
              label={<Labeled label={t('orders.limitHours')} tip={t('orders.set.limitTip')} />}
              rules={whole(t, 1, 480)}
            >
              <InputNumber data-testid="set-limitHours" />
            </Form.Item>
            <Form.Item
              name="riskHours"
              label={<Labeled label={t('orders.riskHours')} tip={t('orders.set.riskTip')} />}
              rules={whole(t, 0, 48)}
            >
              <InputNumber data-testid="set-riskHours" />
            </Form.Item>
          </Space>
          <Typography.Text strong>
            <Labeled label={t('orders.campaigns')} tip={t('orders.set.campaignsTip')} />
          </Typography.Text>
          <Form.List name="campaigns">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start" data-testid={`campaign-row-${f.name}`}>
                    <Form.Item name={[f.name, 'name']}>
                      <Input style={{ width: 120 }} placeholder={t('orders.campaignName')} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'from']}
                      rules={[{ required: true, message: t('orders.set.required') }]}
                    >
                      <Input
                        style={{ width: 130 }}
                        placeholder="YYYY-MM-DD"
                        data-testid={`campaign-from-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'to']}
                      rules={[{ required: true, message: t('orders.set.required') }]}
                    >
                      <Input
                        style={{ width: 130 }}
                        placeholder="YYYY-MM-DD"
                        data-testid={`campaign-to-${f.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'extraHours']} rules={whole(t, 0, 240)}>
                      <InputNumber
                        addonAfter={t('orders.extraHours')}
                        data-testid={`campaign-hours-${f.name}`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => remove(f.name)}
                    />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  style={{ alignSelf: 'flex-start' }}
                  onClick={() => add({ from: '', to: '', extraHours: 48 })}
                  data-testid="campaign-add"
                >
                  {t('orders.addCampaign')}
                </Button>
              </Flex>
            )}
          </Form.List>
          {canWrite && (
            <Button
              type="primary"
              htmlType="submit"
              style={{ alignSelf: 'flex-start' }}
              data-testid="save-shipping"
            >
              {t('common.save')}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

function UnpaidCard({ code, canWrite }: { code: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { form, onFinish, loading } = useSettingForm<UnpaidSettings>(
    'unpaid',
    () => ordersApi.unpaidSettings(code),
    (v) => ordersApi.setUnpaidSettings(code, v),
    ['unpaid'],
  );
  const fields: [keyof UnpaidSettings, number, number][] = [
    ['takeoverHours', 1, 168],
    ['offlineMinutes', 5, 480],
    ['urgeAfterHours', 0, 72],
    ['urgeWindowDays', 1, 30],
  ];
  return (
    <Card title={t('orders.set.unpaidTitle')} loading={loading} data-testid="settings-unpaid">
      <Form form={form} layout="inline" onFinish={onFinish} disabled={!canWrite}>
        <Space wrap align="start">
          {fields.map(([name, min, max]) => (
            <Form.Item
              key={name}
              name={name}
              label={<Labeled label={t(`orders.set.${name}`)} tip={t(`orders.set.${name}Tip`)} />}
              rules={whole(t, min, max)}
            >
              <InputNumber data-testid={`set-${name}`} />
            </Form.Item>
          ))}
          {canWrite && (
            <Button type="primary" htmlType="submit" data-testid="save-unpaid">
              {t('common.save')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}

function SpikeCard({ code, canWrite }: { code: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { form, onFinish, loading } = useSettingForm<SpikeSettings>(
    'spike',
    () => aftersalesApi.spikeSettings(code),
    (v) => aftersalesApi.setSpikeSettings(code, v),
    ['spikes'],
  );
  return (
    <Card title={t('orders.set.spikeTitle')} loading={loading} data-testid="settings-spike">
      <Form form={form} layout="inline" onFinish={onFinish} disabled={!canWrite}>
        <Space wrap align="start">
          <Form.Item
            name="baselineDays"
            label={<Labeled label={t('orders.set.baselineDays')} tip={t('orders.set.baselineDaysTip')} />}
            rules={whole(t, 1, 60)}
          >
            <InputNumber data-testid="set-baselineDays" />
          </Form.Item>
          <Form.Item
            name="minCount"
            label={<Labeled label={t('orders.set.minCount')} tip={t('orders.set.minCountTip')} />}
            rules={whole(t, 1, 1000)}
          >
            <InputNumber data-testid="set-minCount" />
          </Form.Item>
          <Form.Item
            name="factor"
            label={<Labeled label={t('orders.set.factor')} tip={t('orders.set.factorTip')} />}
            rules={[
              { required: true, message: t('orders.set.required') },
              {
                validator: (_, v) =>
                  v === null || v === undefined || (v >= 1 && v <= 20)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('orders.set.range', { min: 1, max: 20 }))),
              },
            ]}
          >
            <InputNumber step={0.5} data-testid="set-factor" />
          </Form.Item>
          {canWrite && (
            <Button type="primary" htmlType="submit" data-testid="save-spike">
              {t('common.save')}
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
