import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  AutoComplete,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { COMPETITOR_MOVE_KINDS, type CompetitorMove, metricsApi } from '../../../api/metrics';
import { errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';

const KIND_COLOR: Record<CompetitorMove['kind'], string> = {
  price_cut: 'red',
  coupon: 'orange',
  campaign: 'purple',
  new_product: 'blue',
  other: 'default',
};

/** 竞品动态 of the report's date: what the data analyst saw competitors do, noted by hand. */
export function CompetitorLogCard(props: {
  storeCode: string;
  date: string;
  moves: CompetitorMove[];
  shops: string[];
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ date: string; competitor: string; kind: string; note?: string }>();
  const refresh = () => qc.invalidateQueries({ queryKey: ['metrics', props.storeCode, 'report'] });

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await metricsApi.addMove(props.storeCode, { ...v, note: v.note ?? null });
      message.success(t('metrics.moves.saved'));
      setOpen(false);
      form.resetFields();
      await refresh();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await metricsApi.deleteMove(props.storeCode, id);
      await refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <Card
      size="small"
      data-testid="metrics-competitor-log"
      title={
        <Tooltip title={t('metrics.moves.help')}>
          <span>{t('metrics.moves.title')}</span>
        </Tooltip>
      }
      extra={
        props.canWrite && (
          <Button
            size="small"
            data-testid="metrics-move-add"
            onClick={() => {
              form.setFieldsValue({ date: props.date, kind: 'price_cut' });
              setOpen(true);
            }}
          >
            {t('metrics.moves.add')}
          </Button>
        )
      }
    >
      {props.moves.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('metrics.moves.none')} />
      ) : (
        <List
          size="small"
          dataSource={props.moves}
          renderItem={(m) => (
            <List.Item
              data-testid="metrics-move"
              actions={
                props.canWrite
                  ? [
                      <Popconfirm
                        key="del"
                        title={t('metrics.moves.deleteConfirm')}
                        onConfirm={() => remove(m.id)}
                      >
                        <Button size="small" type="link" danger>
                          {t('metrics.moves.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <Tag color={KIND_COLOR[m.kind]}>{t(`metrics.moves.kind.${m.kind}` as never)}</Tag>
                <Typography.Text strong>{m.competitor}</Typography.Text>
                {m.note && <Typography.Text type="secondary">{m.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('metrics.moves.add')}
        onCancel={() => setOpen(false)}
        onOk={save}
        confirmLoading={saving}
        okText={t('metrics.moves.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="date" label={t('metrics.date')} rules={[{ required: true }]}>
            <Input type="date" data-testid="metrics-move-date" />
          </Form.Item>
          <Form.Item
            name="competitor"
            label={t('metrics.competitor')}
            rules={[{ required: true, whitespace: true, message: t('metrics.moves.competitorRequired') }]}
          >
            <AutoComplete
              data-testid="metrics-move-competitor"
              options={props.shops.map((s) => ({ value: s }))}
              filterOption={(input, o) => String(o?.value ?? '').includes(input)}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('metrics.moves.kindLabel')} rules={[{ required: true }]}>
            <Select
              data-testid="metrics-move-kind"
              options={COMPETITOR_MOVE_KINDS.map((k) => ({
                value: k,
                label: t(`metrics.moves.kind.${k}` as never),
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('metrics.moves.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="metrics-move-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** When the morning report goes to the notification channels (store time), and "send now". */
export function PushSettings({ storeCode, canWrite }: { storeCode: string; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['metrics', storeCode, 'settings'],
    queryFn: () => metricsApi.settings(storeCode),
    enabled: !!storeCode,
  });
  const [value, setValue] = useState<string | null>(null);
  const shown = value ?? q.data?.reportPushAt ?? '';
  const save = async () => {
    try {
      await metricsApi.saveSettings(storeCode, shown);
      message.success(t('metrics.push.saved', { time: shown }));
      setValue(null);
      await qc.invalidateQueries({ queryKey: ['metrics', storeCode, 'settings'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const pushNow = async () => {
    try {
      const r = await metricsApi.pushNow(storeCode);
      message.success(t('metrics.push.sent', { channels: r.queued, inbox: r.inbox }));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  return (
    <Space>
      <Tooltip title={t('metrics.push.help')}>
        <Typography.Text>{t('metrics.push.at')}</Typography.Text>
      </Tooltip>
      <Input
        type="time"
        value={shown}
        disabled={!canWrite}
        style={{ width: 110 }}
        data-testid="metrics-push-at"
        onChange={(e) => setValue(e.target.value)}
      />
      {canWrite && value !== null && value !== q.data?.reportPushAt && (
        <Button size="small" type="primary" onClick={save} data-testid="metrics-push-save">
          {t('metrics.push.save')}
        </Button>
      )}
      {canWrite && (
        <Button size="small" onClick={pushNow} data-testid="metrics-push-now">
          {t('metrics.push.now')}
        </Button>
      )}
    </Space>
  );
}
