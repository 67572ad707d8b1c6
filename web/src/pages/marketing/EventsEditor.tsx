import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { marketingApi, type Phase, type PlatformEvent, updateEvent } from '../../api/marketing';
import { errorText } from '../../components/serverErrors';
import { useI18n } from '../../i18n';

/** The year's platform events with their phases; marketing edits this year's dates. */
export function EventsEditor({ code, year, canWrite }: { code: string; year: number; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['mk-events', code, year], queryFn: () => marketingApi.events(code, year) });
  const [editing, setEditing] = useState<PlatformEvent | null>(null);
  const [phases, setPhases] = useState<Phase[]>([]);
  const [deadline, setDeadline] = useState('');
  const save = useMutation({
    mutationFn: () => updateEvent(code, year, editing!.code, { phases, signUpDeadline: deadline || null }),
    onSuccess: () => {
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['mk-events', code, year] });
    },
    onError: (e) => message.error(errorText(t, e)),
  });
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={`${t('marketing.platformEvents')} ${year}`}
      data-testid="mk-events"
    >
      <Table<PlatformEvent>
        rowKey="code"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data ?? []}
        columns={[
          { title: t('marketing.name'), dataIndex: 'name', width: 120 },
          {
            title: t('marketing.phases'),
            render: (_, e) => (
              <Space wrap size={4}>
                {e.phases.map((p) => (
                  <Tag key={p.code}>{`${p.name} ${p.from.slice(5)}~${p.to.slice(5)}`}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('marketing.signUpDeadline'), dataIndex: 'signUpDeadline', width: 120 },
          {
            title: '',
            width: 60,
            render: (_, e) =>
              canWrite ? (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  aria-label="edit"
                  onClick={() => {
                    setEditing(e);
                    setPhases(e.phases.map((p) => ({ ...p })));
                    setDeadline(e.signUpDeadline ?? '');
                  }}
                />
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `${editing.name} ${year}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => save.mutate()}
        confirmLoading={save.isPending}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {phases.map((p, i) => (
            <Space key={p.code}>
              <Tag style={{ width: 48 }}>{p.name}</Tag>
              <Input
                type="date"
                value={p.from}
                onChange={(e) =>
                  setPhases(phases.map((x, k) => (k === i ? { ...x, from: e.target.value } : x)))
                }
              />
              <Input
                type="date"
                value={p.to}
                onChange={(e) =>
                  setPhases(phases.map((x, k) => (k === i ? { ...x, to: e.target.value } : x)))
                }
              />
            </Space>
          ))}
          <Space>
            <Tag style={{ width: 48 }}>{t('marketing.signUpDeadline')}</Tag>
            <Input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
          </Space>
        </Space>
      </Modal>
    </Card>
  );
}
