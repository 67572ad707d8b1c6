import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { type ApiToken, authApi, type CreatedToken } from '../../../api/auth';
import { PageContainer } from '../../../components/PageContainer';
import { applyServerError, errorText } from '../../../components/serverErrors';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { rules } from '../../../utils/validation';

export default function TokensPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const list = useQuery({ queryKey: ['tokens'], queryFn: authApi.tokens });
  const refresh = () => qc.invalidateQueries({ queryKey: ['tokens'] });

  const create = async (v: { name: string }) => {
    setBusy(true);
    try {
      const token = await authApi.createToken(v.name.trim());
      setCreating(false);
      form.resetFields();
      setCreated(token);
      void refresh();
    } catch (e) {
      applyServerError(form, e, t, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (tok: ApiToken) => {
    try {
      await authApi.revokeToken(tok.id);
      message.success(t('tokens.revoked'));
      void refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<ApiToken> = [
    { title: t('tokens.name'), dataIndex: 'name' },
    {
      title: t('tokens.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, tok) => (
        <Popconfirm
          title={t('tokens.confirmRevoke', { name: tok.name })}
          okText={t('tokens.revoke')}
          okButtonProps={{ danger: true, 'data-testid': 'confirm-revoke' }}
          cancelText={t('common.cancel')}
          onConfirm={() => revoke(tok)}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            data-testid={`token-revoke-${tok.id}`}
          >
            {t('tokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('tokens.title')}
      subTitle={t('tokens.intro')}
      testId="page-tokens"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="token-create"
        >
          {t('tokens.create')}
        </Button>
      }
    >
      <Card size="small">
        <Table<ApiToken>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isError ? errorText(t, list.error) : t('tokens.empty') }}
          onRow={(tok) => ({ 'data-testid': `token-row-${tok.name}` }) as HTMLAttributes<HTMLElement>}
          pagination={false}
        />
      </Card>
      <Modal
        open={creating}
        title={t('tokens.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'token-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} data-testid="token-form">
          <Form.Item name="name" label={t('tokens.name')} rules={[rules.required(t), rules.max(t, 64)]}>
            <Input placeholder={t('tokens.namePlaceholder')} data-testid="token-name" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!created}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)} data-testid="token-created-close">
            {t('common.ok')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.createdOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          copyable={{ text: created?.token ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ wordBreak: 'break-all' }}
          data-testid="token-value"
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </PageContainer>
  );
}
