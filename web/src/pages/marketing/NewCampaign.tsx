import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { marketingApi } from '../../api/marketing';
import { errorText } from '../../components/serverErrors';
import { useI18n } from '../../i18n';

type Values = {
  kind: string;
  eventCode?: string;
  name?: string;
  from?: string;
  to?: string;
  goalGmv?: number;
  goalUnits?: number;
  goalNewBuyers?: number;
  budget?: number;
};

const KINDS = ['platform', 'official_slot', 'store', 'live_stream', 'group_buy'] as const;

/** "新建活动": a platform event of a year (phases copied) or an own campaign with its dates. */
export function NewCampaignButton({ code, year }: { code: string; year: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const events = useQuery({
    queryKey: ['mk-events', code, year],
    queryFn: () => marketingApi.events(code, year),
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      marketingApi.createCampaign(code, {
        kind: v.kind,
        ...(v.kind === 'platform'
          ? { eventCode: v.eventCode, eventYear: year }
          : { name: v.name, phases: [{ code: 'main', name: '正式', from: v.from, to: v.to ?? v.from }] }),
        goalGmvFen: v.goalGmv == null ? null : Math.round(v.goalGmv * 100),
        goalUnits: v.goalUnits ?? null,
        goalNewBuyers: v.goalNewBuyers ?? null,
        budgetFen: v.budget == null ? null : Math.round(v.budget * 100),
      }),
    onSuccess: (c) => {
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['mk-campaigns', code] });
      nav(`/s/${encodeURIComponent(code)}/marketing/campaigns/${c.id}`);
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpen(true)}
        data-testid="mk-new-campaign"
      >
        {t('marketing.newCampaign')}
      </Button>
      <Modal
        open={open}
        title={t('marketing.newCampaign')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('marketing.create')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'platform' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="kind" label={t('marketing.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`marketing.kind.${k}`) }))} />
          </Form.Item>
          {kind === 'platform' ? (
            <Form.Item
              name="eventCode"
              label={`${t('marketing.fromEvent')} ${year}`}
              rules={[{ required: true }]}
            >
              <Select
                data-testid="mk-new-event"
                options={(events.data ?? []).map((e) => ({
                  value: e.code,
                  label: `${e.name}（${e.phases[0].from} ~ ${e.phases[e.phases.length - 1].to}）`,
                }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="name" label={t('marketing.name')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="from" label={t('marketing.dates')} rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="to" rules={[{ required: true }]}>
                <Input type="date" />
              </Form.Item>
            </>
          )}
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
        </Form>
      </Modal>
    </>
  );
}
