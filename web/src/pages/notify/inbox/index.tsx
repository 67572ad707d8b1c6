import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { notifyApi } from '../../../api/notify';
import { ROLES } from '../../../api/team';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { formatDateTime } from '../../../utils/format';
import { useStoreTz } from '../../work/shared';

const CHANNEL_KINDS = ['dingtalk', 'wecom', 'webhook'];

/** The inbox, and for the manager the store's channels, rules, quiet hours and delivery log. */
export default function NotifyPage() {
  const { t } = useI18n();
  const tz = useStoreTz();
  const { message } = App.useApp();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const admin = access.canWrite('team');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const box = useQuery({ queryKey: ['inbox', code], queryFn: () => notifyApi.inbox(code), enabled: !!code });
  const channels = useQuery({
    queryKey: ['channels', code],
    queryFn: () => notifyApi.channels(code),
    enabled: admin,
  });
  const rules = useQuery({ queryKey: ['rules', code], queryFn: () => notifyApi.rules(code), enabled: admin });
  const deliveries = useQuery({
    queryKey: ['deliveries', code],
    queryFn: () => notifyApi.deliveries(code),
    enabled: admin,
  });
  const settings = useQuery({
    queryKey: ['notify-settings', code],
    queryFn: () => notifyApi.settings(code),
    enabled: admin,
  });
  const [chOpen, setChOpen] = useState(false);
  const [ruleOpen, setRuleOpen] = useState(false);
  const [chForm] = Form.useForm();
  const [ruleForm] = Form.useForm();
  const run = async (fn: () => Promise<unknown>, keys: string[]) => {
    try {
      await fn();
      for (const k of keys) qc.invalidateQueries({ queryKey: [k, code] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const channelName = (id: string) => channels.data?.items.find((c) => c.id === id)?.name ?? id;
  const eventName = (e: string) => tryT(t, `notify.event.${e}`, e);

  const inbox = (
    <Card size="small">
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => run(() => notifyApi.read(code), ['inbox', 'unread'])}>
          {t('notify.readAll')}
        </Button>
        <Typography.Text type="secondary">
          {t('notify.unreadCount', { n: box.data?.unread ?? 0 })}
        </Typography.Text>
      </Space>
      <Table
        rowKey="id"
        size="small"
        dataSource={box.data?.items ?? []}
        columns={[
          {
            title: t('notify.when'),
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTime(v, tz),
          },
          { title: t('notify.event'), dataIndex: 'event', width: 120, render: eventName },
          {
            title: t('notify.message'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Typography.Link
                strong={!r.readAt}
                onClick={() => {
                  void notifyApi
                    .read(code, [r.id])
                    .then(() => qc.invalidateQueries({ queryKey: ['unread', code] }));
                  if (r.link) navigate(`/s/${encodeURIComponent(code)}/${r.link}`);
                }}
              >
                {v}
              </Typography.Link>
            ),
          },
        ]}
      />
    </Card>
  );

  const setup = admin && (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={t('notify.channels')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setChOpen(true)}>
            {t('notify.addChannel')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={channels.data?.items ?? []}
          columns={[
            { title: t('notify.channelName'), dataIndex: 'name' },
            {
              title: t('notify.kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: string) => tryT(t, `notify.kind.${k}`, k),
            },
            { title: 'URL', dataIndex: 'url', ellipsis: true },
            {
              title: t('notify.secret'),
              dataIndex: 'hasSecret',
              width: 80,
              render: (v: boolean) => (v ? '✓' : ''),
            },
            {
              title: '',
              key: 'a',
              width: 100,
              render: (_: unknown, c) => (
                <Space>
                  <Button
                    size="small"
                    icon={<SendOutlined />}
                    title={t('notify.test')}
                    onClick={() => run(() => notifyApi.testChannel(code, c.id), ['deliveries'])}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => run(() => notifyApi.deleteChannel(code, c.id), ['channels'])}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('notify.rules')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setRuleOpen(true)}>
            {t('notify.addRule')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rules.data?.items ?? []}
          columns={[
            { title: t('notify.event'), dataIndex: 'event', render: eventName },
            {
              title: t('notify.roles'),
              dataIndex: 'roles',
              render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleName(t, r)}</Tag>),
            },
            {
              title: t('notify.channels'),
              dataIndex: 'channelIds',
              render: (cs: string[]) => cs.map((c) => <Tag key={c}>{channelName(c)}</Tag>),
            },
            {
              title: '',
              key: 'a',
              width: 60,
              render: (_: unknown, r) => (
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => run(() => notifyApi.deleteRule(code, r.id), ['rules'])}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('notify.quietHours')}>
        <Space wrap>
          <TimePicker.RangePicker
            format="HH:mm"
            value={
              settings.data?.quietStart && settings.data.quietEnd
                ? [
                    dayjs(`2000-01-01T${settings.data.quietStart}`),
                    dayjs(`2000-01-01T${settings.data.quietEnd}`),
                  ]
                : null
            }
            order={false}
            onChange={(v) =>
              run(
                () =>
                  notifyApi.saveSettings(code, {
                    quietStart: v?.[0] ? v[0].format('HH:mm') : null,
                    quietEnd: v?.[1] ? v[1].format('HH:mm') : null,
                  }),
                ['notify-settings'],
              )
            }
          />
          <Typography.Text type="secondary">{t('notify.quietHelp')}</Typography.Text>
        </Space>
      </Card>
      <Card
        size="small"
        title={t('notify.log')}
        extra={
          <ExportButton
            run={() =>
              exportXlsx({
                fileName: 'deliveries',
                rows: deliveries.data?.items ?? [],
                columns: [
                  { header: t('notify.when'), value: (r) => formatDateTime(r.createdAt, tz) },
                  { header: t('notify.channelName'), value: (r) => channelName(r.channelId) },
                  { header: t('notify.event'), value: (r) => r.event },
                  { header: t('notify.status'), value: (r) => r.status },
                  { header: t('notify.attempts'), value: (r) => r.attempts },
                  { header: t('notify.lastError'), value: (r) => r.lastError },
                ],
              })
            }
          />
        }
      >
        <Table
          rowKey="id"
          size="small"
          dataSource={deliveries.data?.items ?? []}
          columns={[
            {
              title: t('notify.when'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => formatDateTime(v, tz),
            },
            { title: t('notify.channelName'), dataIndex: 'channelId', render: channelName },
            { title: t('notify.message'), key: 'p', render: (_: unknown, r) => r.payload.title },
            {
              title: t('notify.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => (
                <Tag color={s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'orange'}>
                  {tryT(t, `notify.status.${s}`, s)}
                </Tag>
              ),
            },
            { title: t('notify.attempts'), dataIndex: 'attempts', width: 70 },
            { title: t('notify.lastError'), dataIndex: 'lastError', ellipsis: true },
            {
              title: t('notify.next'),
              dataIndex: 'nextAttemptAt',
              width: 150,
              render: (v: string | null) => formatDateTime(v, tz),
            },
          ]}
        />
      </Card>
    </Space>
  );

  return (
    <PageContainer testId="page-notify" title={t('notify.title')}>
      {admin ? (
        <Tabs
          items={[
            { key: 'inbox', label: t('notify.inbox'), children: inbox },
            { key: 'setup', label: t('notify.setup'), children: setup },
          ]}
        />
      ) : (
        inbox
      )}
      <Modal
        open={chOpen}
        title={t('notify.addChannel')}
        onCancel={() => setChOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await chForm.validateFields();
          await run(() => notifyApi.saveChannel(code, v), ['channels']);
          setChOpen(false);
          chForm.resetFields();
        }}
      >
        <Form form={chForm} layout="vertical" initialValues={{ kind: 'dingtalk' }}>
          <Form.Item name="kind" label={t('notify.kind')}>
            <Select
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: tryT(t, `notify.kind.${k}`, k) }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('notify.channelName')} rules={[{ required: true }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="url" label="Webhook URL" rules={[{ required: true, type: 'url' }]}>
            <Input maxLength={1000} placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
          </Form.Item>
          <Form.Item name="secret" label={t('notify.secret')} extra={t('notify.secretHelp')}>
            <Input.Password maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={ruleOpen}
        title={t('notify.addRule')}
        onCancel={() => setRuleOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await ruleForm.validateFields();
          await run(
            () =>
              notifyApi.saveRule(code, {
                event: v.event,
                roles: v.roles ?? [],
                channelIds: v.channelIds ?? [],
              }),
            ['rules'],
          );
          setRuleOpen(false);
          ruleForm.resetFields();
        }}
      >
        <Form form={ruleForm} layout="vertical">
          <Form.Item name="event" label={t('notify.event')} rules={[{ required: true }]}>
            <Select options={(rules.data?.events ?? []).map((e) => ({ value: e, label: eventName(e) }))} />
          </Form.Item>
          <Form.Item name="roles" label={t('notify.roles')}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: roleName(t, r) }))} />
          </Form.Item>
          <Form.Item name="channelIds" label={t('notify.channels')}>
            <Select
              mode="multiple"
              options={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
