import { useQuery } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { teamApi } from '../../api/team';
import { TASK_PRIORITIES, type TaskInput, workApi } from '../../api/work';
import { roleName } from '../../components/labels';
import { errorText } from '../../components/serverErrors';
import { type TFunction, tryT, useI18n } from '../../i18n';
import { useAccess } from '../../layouts/useAccess';
import { formatDateTime } from '../../utils/format';

/** The current store's time zone: times on the desk are the store's wall clock. */
export function useStoreTz(): string {
  return useAccess().store?.timeZone ?? 'Asia/Shanghai';
}

/** Shared bits of the work pages: labels, the store's people, the task form, the difficulty form. */

export const statusName = (t: TFunction, s: string) => tryT(t, `work.status.${s}`, s);
export const priorityName = (t: TFunction, p: string) => tryT(t, `work.priority.${p}`, p);
export const targetName = (t: TFunction, x: string | null) => (x ? tryT(t, `work.target.${x}`, x) : '');
export const STATUS_COLORS: Record<string, string> = {
  open: 'blue',
  doing: 'processing',
  waiting: 'orange',
  done: 'green',
  cancelled: 'default',
};
export const PRIORITY_COLORS: Record<string, string> = {
  urgent: 'red',
  high: 'volcano',
  normal: 'default',
  low: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{statusName(t, status)}</Tag>;
}

export function useMembers(code: string) {
  const q = useQuery({
    queryKey: ['members', code],
    queryFn: () => teamApi.members(code),
    staleTime: 60_000,
  });
  const items = q.data?.items ?? [];
  const nameOf = (id: string | null | undefined) =>
    id ? (items.find((m) => m.personId === id)?.displayName ?? '') : '';
  return { members: items, nameOf };
}

export function PersonSelect({
  code,
  value,
  onChange,
  testId,
  allowClear = true,
}: {
  code: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  testId?: string;
  allowClear?: boolean;
}) {
  const { t } = useI18n();
  const { members } = useMembers(code);
  return (
    <Select
      data-testid={testId}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={members.map((m) => ({
        value: m.personId,
        label: `${m.displayName} · ${m.roles.map((r) => roleName(t, r)).join('/')}`,
      }))}
      placeholder={t('work.task.owner')}
    />
  );
}

type TaskForm = {
  title: string;
  description?: string;
  ownerPersonId?: string | null;
  dueAt?: Dayjs | null;
  priority?: string;
};

export function TaskFormModal({
  code,
  open,
  onClose,
  onSaved,
}: {
  code: string;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskForm>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body: TaskInput = {
        title: v.title,
        description: v.description || null,
        ownerPersonId: v.ownerPersonId ?? null,
        dueAt: v.dueAt ? v.dueAt.toISOString() : null,
        priority: v.priority ?? 'normal',
      };
      await workApi.createTask(code, body);
      message.success(t('work.task.created'));
      form.resetFields();
      onSaved();
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('work.task.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'task-form-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ priority: 'normal', dueAt: dayjs().add(2, 'hour').startOf('hour') }}
      >
        <Form.Item
          name="title"
          label={t('work.task.title')}
          rules={[{ required: true, whitespace: true, message: t('work.task.titleRequired') }]}
        >
          <Input data-testid="task-form-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="ownerPersonId" label={t('work.task.owner')}>
          <PersonSelect code={code} testId="task-form-owner" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('work.task.due')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="priority" label={t('work.task.priority')}>
          <Select options={TASK_PRIORITIES.map((p) => ({ value: p, label: priorityName(t, p) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('work.task.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RaiseModal({
  code,
  taskId,
  open,
  onClose,
  onSaved,
}: {
  code: string;
  taskId?: string | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ chain: string; title?: string; description?: string }>();
  const [busy, setBusy] = useState(false);
  const chains = useQuery({ queryKey: ['chains', code], queryFn: () => workApi.chains(code), enabled: open });
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await workApi.raise(code, {
        chain: v.chain,
        title: v.title || undefined,
        description: v.description || null,
        taskId: taskId ?? null,
      });
      message.success(t('work.raise.done'));
      form.resetFields();
      onSaved();
      onClose();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('work.raise.title')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'raise-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ chain: 'general' }}>
        <Form.Item name="chain" label={t('work.raise.chain')} rules={[{ required: true }]}>
          <Select
            data-testid="raise-chain"
            options={(chains.data?.items ?? [])
              .filter((c) => c.active)
              .map((c) => ({
                value: c.key,
                label: `${c.name} → ${c.steps.map((s) => `${targetName(t, s.target)} ${s.hours}h`).join(' → ')}`,
              }))}
          />
        </Form.Item>
        {!taskId && (
          <Form.Item
            name="title"
            label={t('work.task.title')}
            rules={[{ required: true, whitespace: true, message: t('work.task.titleRequired') }]}
          >
            <Input maxLength={200} data-testid="raise-title" />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('work.raise.description')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="raise-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Every step of a difficulty: raised, moved up (timed out), overdue at the manager, accepted, solved. */
export function EscalationStoryModal({
  code,
  id,
  onClose,
}: {
  code: string;
  id: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { nameOf } = useMembers(code);
  const tz = useStoreTz();
  const q = useQuery({
    queryKey: ['escalation', code, id],
    queryFn: () => workApi.escalationStory(code, id!),
    enabled: !!id,
  });
  return (
    <Modal open={!!id} onCancel={onClose} footer={null} title={t('work.escalation.story')} destroyOnHidden>
      <Timeline
        items={(q.data?.story ?? []).map((e) => ({
          key: e.id,
          color: e.kind === 'solved' ? 'green' : e.kind === 'moved' || e.kind === 'overdue' ? 'red' : 'blue',
          children: (
            <div data-testid={`esc-step-${e.kind}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at, tz)}
              </Typography.Text>
              <div>
                {tryT(t, `work.escalationEvent.${e.kind}`, e.kind)} ·{' '}
                {t('work.escalation.stepN', { step: e.stepIndex + 1 })}
                {e.ownerPersonId ? ` → ${nameOf(e.ownerPersonId)}` : ''}
                {e.personId ? ` (${nameOf(e.personId)})` : ''}
              </div>
              {e.body && <div>{e.body}</div>}
            </div>
          ),
        }))}
      />
    </Modal>
  );
}
