import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { createPost, marketingApi, type Post, updatePost } from '../../api/marketing';
import { errorText } from '../../components/serverErrors';
import { useI18n } from '../../i18n';
import { addDays, todayStr } from './MarketingTabs';

type Values = {
  channel: string;
  title: string;
  audience?: string;
  plannedAt: string;
  campaignId?: string;
  topic?: string;
};

/** "新建内容": a 微淘 / 逛逛 post, tied to a campaign or an evergreen topic. */
export function NewPostButton({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const today = todayStr();
  const camps = useQuery({
    queryKey: ['mk-campaigns', code, today, addDays(today, 90)],
    queryFn: () => marketingApi.campaigns(code, today, addDays(today, 90)),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (v: Values) => createPost(code, { ...v, plannedAt: new Date(v.plannedAt).toISOString() }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['mk-posts', code] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="mk-new-post">
        {t('marketing.newPost')}
      </Button>
      <Modal
        open={open}
        title={t('marketing.newPost')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('marketing.create')}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ channel: '微淘' }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="channel" label={t('marketing.content.channel')} rules={[{ required: true }]}>
            <Select options={['微淘', '逛逛'].map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="title" label={t('marketing.content.title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="audience" label={t('marketing.content.audience')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="plannedAt" label={t('marketing.content.plannedAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="campaignId" label={t('marketing.content.tie')}>
            <Select allowClear options={(camps.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="topic" label={t('marketing.content.topic')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Changes a post's status; publishing asks for the link. */
export function PostStatus({ code, post }: { code: string; post: Post }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [link, setLink] = useState('');
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => updatePost(code, post.id, body),
    onSuccess: () => {
      setAsking(false);
      void qc.invalidateQueries({ queryKey: ['mk-posts', code] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  return (
    <>
      <Select
        size="small"
        value={post.status}
        style={{ width: 100 }}
        onChange={(s) => (s === 'published' ? setAsking(true) : save.mutate({ status: s }))}
        options={(['planned', 'ready', 'published', 'cancelled'] as const).map((s) => ({
          value: s,
          label: t(`marketing.content.status.${s}`),
        }))}
      />
      <Modal
        open={asking}
        title={t('marketing.content.link')}
        onCancel={() => setAsking(false)}
        onOk={() => save.mutate({ status: 'published', publishedUrl: link })}
        confirmLoading={save.isPending}
      >
        <Input value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
      </Modal>
    </>
  );
}
