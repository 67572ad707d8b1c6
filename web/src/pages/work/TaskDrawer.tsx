import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { TASK_PRIORITIES, TASK_STATUSES, workApi } from '../../api/work';
import { roleName } from '../../components/labels';
import { errorText } from '../../components/serverErrors';
import { tryT, useI18n } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import {
  PersonSelect,
  PRIORITY_COLORS,
  priorityName,
  RaiseModal,
  StatusTag,
  statusName,
  targetName,
  useMembers,
  useStoreTz,
} from './shared';

/** A task's drawer: its facts, status / owner / due changes, comments, difficulties and the whole story. */
export function TaskDrawer({
  code,
  taskId,
  onClose,
  canWrite,
}: {
  code: string;
  taskId: string | null;
  onClose: () => void;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const tz = useStoreTz();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { nameOf } = useMembers(code);
  const [comment, setComment] = useState('');
  const [fileName, setFileName] = useState('');
  const [fileUrl, setFileUrl] = useState('');
  const [raising, setRaising] = useState(false);
  const q = useQuery({
    queryKey: ['task', code, taskId],
    queryFn: () => workApi.task(code, taskId!),
    enabled: !!taskId,
  });
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['task', code, taskId] });
    qc.invalidateQueries({ queryKey: ['tasks', code] });
    qc.invalidateQueries({ queryKey: ['today', code] });
  };
  const patch = async (body: Parameters<typeof workApi.updateTask>[2]) => {
    try {
      await workApi.updateTask(code, taskId!, body);
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const task = q.data?.task;
  const storyText = (e: { kind: string; body: string | null; data: Record<string, unknown> | null }) => {
    const d = e.data ?? {};
    switch (e.kind) {
      case 'status':
        return `${statusName(t, String(d.from))} → ${statusName(t, String(d.to))}`;
      case 'assign':
        return `${t('work.story.assign')} ${nameOf(d.to as string) || '—'}`;
      case 'comment':
        return e.body ?? '';
      default:
        return `${tryT(t, `work.story.${e.kind}`, e.kind)}${e.body ? `：${e.body}` : ''}`;
    }
  };
  return (
    <Drawer
      open={!!taskId}
      onClose={onClose}
      size={520}
      title={task?.title ?? ''}
      data-testid="task-drawer"
      destroyOnHidden
    >
      {task && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('work.task.status')}>
              <Space wrap>
                <StatusTag status={task.status} />
                {task.overdue && <Tag color="red">{t('work.task.overdue')}</Tag>}
                {canWrite && (
                  <Select
                    size="small"
                    data-testid="task-status-select"
                    style={{ width: 120 }}
                    value={task.status}
                    onChange={(v) => patch({ status: v })}
                    options={TASK_STATUSES.map((s) => ({ value: s, label: statusName(t, s) }))}
                  />
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('work.task.owner')}>
              {canWrite ? (
                <PersonSelect
                  code={code}
                  value={task.ownerPersonId}
                  onChange={(v) => patch({ ownerPersonId: v })}
                  testId="task-owner-select"
                />
              ) : (
                nameOf(task.ownerPersonId) || (task.ownerRole ? roleName(t, task.ownerRole) : '—')
              )}
              {task.ownerRole && !task.ownerPersonId && (
                <Tag style={{ marginTop: 4 }}>{roleName(t, task.ownerRole)}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('work.task.due')}>
              {canWrite ? (
                <DatePicker
                  size="small"
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  value={task.dueAt ? dayjs(task.dueAt) : null}
                  onChange={(d) => patch({ dueAt: d ? d.toISOString() : null })}
                />
              ) : (
                formatDateTime(task.dueAt, tz)
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('work.task.priority')}>
              {canWrite ? (
                <Select
                  size="small"
                  style={{ width: 120 }}
                  value={task.priority}
                  onChange={(v) => patch({ priority: v })}
                  options={TASK_PRIORITIES.map((p) => ({ value: p, label: priorityName(t, p) }))}
                />
              ) : (
                <Tag color={PRIORITY_COLORS[task.priority]}>{priorityName(t, task.priority)}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('work.task.source')}>
              {tryT(t, `work.source.${task.source}`, task.source)}
            </Descriptions.Item>
            {task.links.length > 0 && (
              <Descriptions.Item label={t('work.task.links')}>
                <Space wrap>
                  {task.links.map((l) => (
                    <Tag key={`${l.kind}:${l.id}`}>
                      {tryT(t, `work.link.${l.kind}`, l.kind)} {l.label ?? l.id}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            )}
            {task.description && (
              <Descriptions.Item label={t('work.task.description')}>{task.description}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('work.task.attachments')}>
              <Flex vertical gap={4} data-testid="task-attachments">
                {task.attachments.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                {task.attachments.map((a) => (
                  <span key={`${a.at}-${a.name}`}>
                    {a.url ? (
                      <a href={a.url} target="_blank" rel="noreferrer noopener">
                        {a.name}
                      </a>
                    ) : (
                      a.name
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      · {formatDateTime(a.at, tz)}
                      {a.by ? ` · ${nameOf(a.by)}` : ''}
                    </Typography.Text>
                  </span>
                ))}
                {canWrite && (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      size="small"
                      value={fileName}
                      onChange={(e) => setFileName(e.target.value)}
                      placeholder={t('work.attach.name')}
                      data-testid="attach-name"
                    />
                    <Input
                      size="small"
                      value={fileUrl}
                      onChange={(e) => setFileUrl(e.target.value)}
                      placeholder={t('work.attach.url')}
                      data-testid="attach-url"
                    />
                    <Button
                      size="small"
                      disabled={!fileName.trim()}
                      data-testid="attach-add"
                      onClick={async () => {
                        try {
                          await workApi.attach(code, task.id, [
                            { name: fileName.trim(), ...(fileUrl.trim() ? { url: fileUrl.trim() } : {}) },
                          ]);
                          setFileName('');
                          setFileUrl('');
                          refresh();
                        } catch (e) {
                          message.error(errorText(t, e));
                        }
                      }}
                    >
                      {t('work.attach.add')}
                    </Button>
                  </Space.Compact>
                )}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          {canWrite && (
            <Space wrap>
              {task.status !== 'done' && (
                <Button type="primary" data-testid="task-done" onClick={() => patch({ status: 'done' })}>
                  {t('work.task.markDone')}
                </Button>
              )}
              <Button danger data-testid="task-raise" onClick={() => setRaising(true)}>
                {t('work.raise.button')}
              </Button>
            </Space>
          )}
          {(q.data?.escalations ?? []).length > 0 && (
            <div>
              <Typography.Title level={5}>{t('work.raise.list')}</Typography.Title>
              {q.data!.escalations.map((e) => (
                <Flex key={e.id} gap={8} wrap>
                  <Tag color={e.status === 'solved' ? 'green' : 'red'}>
                    {tryT(t, `work.escalation.${e.status}`, e.status)}
                  </Tag>
                  <span>
                    {t('work.escalation.step', { step: e.stepIndex + 1, steps: e.steps.length })} ·{' '}
                    {targetName(t, e.steps[e.stepIndex]?.target ?? null)} · {nameOf(e.ownerPersonId)}
                  </span>
                </Flex>
              ))}
            </div>
          )}
          <div>
            <Typography.Title level={5}>{t('work.story.title')}</Typography.Title>
            <Timeline
              items={(q.data?.story ?? []).map((e) => ({
                key: e.id,
                children: (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.createdAt, tz)} ·{' '}
                      {e.personId ? nameOf(e.personId) : t('work.story.system')}
                    </Typography.Text>
                    <div>{storyText(e)}</div>
                  </div>
                ),
              }))}
            />
            {canWrite && (
              <Flex gap={8}>
                <Input.TextArea
                  rows={2}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  placeholder={t('work.story.commentPlaceholder')}
                  data-testid="task-comment"
                />
                <Button
                  disabled={!comment.trim()}
                  onClick={async () => {
                    try {
                      await workApi.comment(code, task.id, comment);
                      setComment('');
                      refresh();
                    } catch (e) {
                      message.error(errorText(t, e));
                    }
                  }}
                >
                  {t('work.story.comment')}
                </Button>
              </Flex>
            )}
          </div>
          <RaiseModal
            code={code}
            taskId={task.id}
            open={raising}
            onClose={() => setRaising(false)}
            onSaved={refresh}
          />
        </Flex>
      )}
    </Drawer>
  );
}
