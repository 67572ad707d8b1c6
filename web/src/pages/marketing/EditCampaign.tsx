import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { type CampaignDetail, skuFloors, updateCampaign } from '../../api/marketing';
import { teamApi } from '../../api/team';
import { errorText } from '../../components/serverErrors';
import { useI18n } from '../../i18n';

type Values = {
  name: string;
  productIds: string[];
  ownerPersonId?: string | null;
  goalGmv?: number | null;
  goalUnits?: number | null;
  goalNewBuyers?: number | null;
  budget?: number | null;
  signUpDeadline?: string;
  status: 'planned' | 'cancelled';
};

const yuanOf = (f: number | null) => (f == null ? null : f / 100);
const fenOf = (y: number | null | undefined) => (y == null ? null : Math.round(y * 100));

/** Edits a campaign: products (heroes are put first by the server), goals, budget, owner. */
export function EditCampaignButton({ code, c }: { code: string; c: CampaignDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const skus = useQuery({ queryKey: ['mk-skus', code], queryFn: () => skuFloors(code), enabled: open });
  const people = useQuery({
    queryKey: ['members', code],
    queryFn: () => teamApi.members(code),
    enabled: open,
    retry: false,
  });
  const products = [
    ...new Map((skus.data ?? []).map((s) => [s.productId, s.title ?? s.productId])).entries(),
  ];
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateCampaign(code, c.id, {
        name: v.name,
        productIds: v.productIds,
        ownerPersonId: v.ownerPersonId ?? null,
        goalGmvFen: fenOf(v.goalGmv),
        goalUnits: v.goalUnits ?? null,
        goalNewBuyers: v.goalNewBuyers ?? null,
        budgetFen: fenOf(v.budget),
        signUpDeadline: v.signUpDeadline || null,
        status: v.status,
      }),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['mk-campaign', code, c.id] });
      void qc.invalidateQueries({ queryKey: ['mk-campaigns', code] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  return (
    <>
      <Button
        icon={<EditOutlined />}
        data-testid="mk-edit-campaign"
        onClick={() => {
          form.setFieldsValue({
            name: c.name,
            productIds: c.productIds,
            ownerPersonId: c.ownerPersonId,
            goalGmv: yuanOf(c.goalGmvFen),
            goalUnits: c.goalUnits,
            goalNewBuyers: c.goalNewBuyers,
            budget: yuanOf(c.budgetFen),
            signUpDeadline: c.signUpDeadline ?? '',
            status: c.status === 'cancelled' ? 'cancelled' : 'planned',
          });
          setOpen(true);
        }}
      >
        {t('marketing.edit')}
      </Button>
      <Modal
        open={open}
        title={c.name}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="name" label={t('marketing.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="productIds" label={t('marketing.products')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={products.map(([id, title]) => ({ value: id, label: `${id} ${title}` }))}
            />
          </Form.Item>
          <Form.Item name="ownerPersonId" label={t('marketing.ownerPerson')}>
            <Select
              allowClear
              options={(people.data?.items ?? []).map((p) => ({ value: p.personId, label: p.displayName }))}
            />
          </Form.Item>
          <Form.Item name="goalGmv" label={`${t('marketing.goal.gmv')}（元）`}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="goalUnits" label={t('marketing.goal.units')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="goalNewBuyers" label={t('marketing.goal.newBuyers')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="budget" label={`${t('marketing.budget')}（元）`}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="signUpDeadline" label={t('marketing.signUpDeadline')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="status" label={t('marketing.status')}>
            <Select
              options={[
                { value: 'planned', label: t('marketing.status.open') },
                { value: 'cancelled', label: t('marketing.status.cancelled') },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
