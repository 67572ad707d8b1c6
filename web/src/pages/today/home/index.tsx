import {
  AlertOutlined,
  BellOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  PlusOutlined,
  SwapOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  List,
  Progress,
  Row,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { notifyApi } from '../../../api/notify';
import { type Escalation, type TodayBlock, workApi } from '../../../api/work';
import { roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { dayParts, formatDateTime } from '../../../utils/format';
import {
  EscalationStoryModal,
  PRIORITY_COLORS,
  priorityName,
  RaiseModal,
  StatusTag,
  TaskFormModal,
  targetName,
} from '../../work/shared';
import { TaskDrawer } from '../../work/TaskDrawer';
import { HandoverModal } from './HandoverModal';

function Section({
  title,
  icon,
  testId,
  extra,
  children,
}: {
  title: ReactNode;
  icon: ReactNode;
  testId: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      data-testid={testId}
      extra={extra}
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
    >
      {children}
    </Card>
  );
}

/** Today: the person's day. Routine blocks now and next, tasks, handovers received, difficulties; a manager sees the team. */
export default function TodayPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const access = useAccess();
  const store = access.store;
  const code = store?.code ?? '';
  const qc = useQueryClient();
  const canWrite = access.canWrite('work') || access.canWrite('today');
  const [taskId, setTaskId] = useState<string | null>(null);
  const [storyId, setStoryId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<null | 'handover' | 'raise' | 'task'>(null);
  const q = useQuery({
    queryKey: ['today', code],
    queryFn: () => workApi.today(code),
    enabled: !!code,
    refetchInterval: 60_000,
  });
  const alerts = useQuery({
    queryKey: ['inbox', code, 'unread'],
    queryFn: () => notifyApi.inbox(code, true),
    enabled: !!code && access.canRead('notify'),
    refetchInterval: 60_000,
  });
  if (!store) return null;
  const d = q.data;
  const tz = d?.timeZone ?? store.timeZone ?? 'Asia/Shanghai';
  const now = d ? new Date(d.now) : new Date();
  const { weekday, monthDay, time } = dayParts(now, locale, tz);
  const refresh = () => qc.invalidateQueries({ queryKey: ['today', code] });
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const isLead = store.roles.includes('manager') || store.roles.includes('owner');

  const blocks = d?.routine.blocks ?? [];
  const nowBlock = blocks.find((b) => b.routineItemId === d?.routine.nowId);
  const nextBlock = blocks.find((b) => b.routineItemId === d?.routine.nextId);
  const blockTime = (b: TodayBlock) =>
    b.start ? `${b.start}–${b.end}` : t('today.rhythm.beforeTime', { time: b.end });
  const done = blocks.filter((b) => b.done).length;

  const escalationLine = (e: Escalation, mine: boolean) => (
    <List.Item
      key={e.id}
      data-testid={`esc-${e.id}`}
      actions={
        mine && canWrite
          ? [
              e.status === 'open' ? (
                <Button
                  key="a"
                  size="small"
                  data-testid={`esc-accept-${e.id}`}
                  onClick={() => act(() => workApi.accept(code, e.id))}
                >
                  {t('work.escalation.accept')}
                </Button>
              ) : null,
              <Button
                key="s"
                size="small"
                type="primary"
                data-testid={`esc-solve-${e.id}`}
                onClick={() => act(() => workApi.solve(code, e.id))}
              >
                {t('work.escalation.solve')}
              </Button>,
            ].filter(Boolean)
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            {e.overdue && <Tag color="red">{t('work.task.overdue')}</Tag>}
            <Tag color={e.status === 'accepted' ? 'green' : 'orange'}>
              {tryT(t, `work.escalation.${e.status}`, e.status)}
            </Tag>
            <Typography.Link data-testid={`esc-story-${e.id}`} onClick={() => setStoryId(e.id)}>
              {e.title}
            </Typography.Link>
            {e.taskId && (
              <Typography.Link style={{ fontSize: 12 }} onClick={() => setTaskId(e.taskId)}>
                {t('work.escalation.task')}
              </Typography.Link>
            )}
          </Space>
        }
        description={
          <span data-testid={`esc-owner-${e.id}`}>
            {mine
              ? t('work.escalation.from', { name: e.raisedByName ?? '' })
              : t('work.escalation.waitingOn', { name: e.ownerName ?? '—', target: targetName(t, e.target) })}
            {' · '}
            {t('work.escalation.step', { step: e.step, steps: e.steps })}
            {e.stepDueAt && ` · ${t('work.escalation.dueBy', { time: formatDateTime(e.stepDueAt, tz) })}`}
          </span>
        }
      />
    </List.Item>
  );

  return (
    <PageContainer
      testId="page-today"
      title={
        <span data-testid="today-title">{`${t('today.title')} · ${t('today.date', { weekday, monthDay })} · ${store.name}`}</span>
      }
      subTitle={
        <Space wrap size={[4, 4]}>
          <span>{t('today.myRoles')}</span>
          {store.roles.length ? (
            store.roles.map((r) => (
              <Tag key={r} color={r === 'owner' ? 'gold' : 'blue'} data-testid={`role-tag-${r}`}>
                {roleName(t, r)}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('today.noRoles')}</Typography.Text>
          )}
        </Space>
      }
      extra={
        <>
          <Tag
            icon={<ClockCircleOutlined />}
            style={{ fontSize: 14, padding: '4px 10px' }}
            data-testid="today-clock"
          >
            {t('today.now', { time })}
          </Tag>
          {canWrite && (
            <>
              {isLead && (
                <Button
                  icon={<PlusOutlined />}
                  data-testid="today-new-task"
                  onClick={() => setDialog('task')}
                >
                  {t('work.task.new')}
                </Button>
              )}
              <Button
                icon={<SwapOutlined />}
                data-testid="today-write-handover"
                onClick={() => setDialog('handover')}
              >
                {t('work.handover.write')}
              </Button>
              <Button
                danger
                icon={<WarningOutlined />}
                data-testid="today-raise"
                onClick={() => setDialog('raise')}
              >
                {t('work.raise.button')}
              </Button>
            </>
          )}
        </>
      }
    >
      {!d ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Flex vertical gap={16}>
              <Section
                testId="today-routine"
                icon={<ClockCircleOutlined />}
                title={t('work.routine.title')}
                extra={
                  blocks.length ? (
                    <Typography.Text type="secondary">
                      {t('work.routine.progress', { done, total: blocks.length })}
                    </Typography.Text>
                  ) : null
                }
              >
                {blocks.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('work.routine.empty')} />
                ) : (
                  <Flex vertical gap={4}>
                    <Typography.Text data-testid="today-now-next">
                      {nowBlock
                        ? `${t('today.rhythm.current')}：${nowBlock.title}`
                        : t('work.routine.noneNow')}
                      {nextBlock
                        ? ` · ${t('today.rhythm.next')} ${nextBlock.start ?? ''}：${nextBlock.title}`
                        : ''}
                    </Typography.Text>
                    {blocks.map((b) => {
                      const isNow = b.routineItemId === d.routine.nowId;
                      const isNext = b.routineItemId === d.routine.nextId;
                      const end = Number(b.end.slice(0, 2)) * 60 + Number(b.end.slice(3));
                      const late = !b.done && end <= d.minutes;
                      return (
                        <Flex
                          key={b.routineItemId}
                          gap={12}
                          align="center"
                          data-testid={`routine-${b.routineItemId}`}
                          data-current={isNow ? 'true' : undefined}
                          style={{
                            padding: '6px 10px',
                            borderRadius: 6,
                            borderInlineStart: `3px solid ${isNow ? '#1677ff' : 'transparent'}`,
                            background: isNow ? '#e6f4ff' : undefined,
                          }}
                        >
                          <Checkbox
                            checked={b.done}
                            disabled={!canWrite}
                            onChange={(e) => act(() => workApi.tick(code, b.routineItemId, e.target.checked))}
                          />
                          <Typography.Text
                            type="secondary"
                            style={{ width: 96, flex: 'none', fontVariantNumeric: 'tabular-nums' }}
                          >
                            {blockTime(b)}
                          </Typography.Text>
                          <Typography.Text delete={b.done} style={{ minWidth: 0 }}>
                            {b.title}
                          </Typography.Text>
                          {isNow && <Tag color="processing">{t('today.rhythm.current')}</Tag>}
                          {isNext && <Tag>{t('today.rhythm.next')}</Tag>}
                          {late && <Tag color="orange">{t('work.routine.late')}</Tag>}
                        </Flex>
                      );
                    })}
                  </Flex>
                )}
              </Section>
            </Flex>
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={16}>
              <Section
                testId="today-tasks"
                icon={<CheckSquareOutlined />}
                title={t('work.today.tasks', { total: d.tasks.total, overdue: d.tasks.overdue })}
              >
                <List
                  size="small"
                  dataSource={d.tasks.items}
                  locale={{ emptyText: t('today.tasks.empty') }}
                  renderItem={(task) => (
                    <List.Item
                      key={task.id}
                      data-testid={`today-task-${task.id}`}
                      style={{ cursor: 'pointer' }}
                      onClick={() => setTaskId(task.id)}
                    >
                      <Flex vertical style={{ width: '100%' }}>
                        <Space size={4} wrap>
                          {task.overdue && <Tag color="red">!</Tag>}
                          <Typography.Text strong={task.overdue}>{task.title}</Typography.Text>
                        </Space>
                        <Space size={4} wrap style={{ fontSize: 12 }}>
                          <StatusTag status={task.status} />
                          {task.priority !== 'normal' && (
                            <Tag color={PRIORITY_COLORS[task.priority]}>{priorityName(t, task.priority)}</Tag>
                          )}
                          {task.dueAt && (
                            <Typography.Text
                              type={task.overdue ? 'danger' : 'secondary'}
                              style={{ fontSize: 12 }}
                            >
                              {t('work.today.due', { time: formatDateTime(task.dueAt, tz) })}
                            </Typography.Text>
                          )}
                          {!task.ownerPersonId && task.ownerRole && <Tag>{roleName(t, task.ownerRole)}</Tag>}
                        </Space>
                      </Flex>
                    </List.Item>
                  )}
                />
              </Section>
              <Section
                testId="today-handover"
                icon={<SwapOutlined />}
                title={t('work.today.handover', { n: d.handover.length })}
              >
                <List
                  size="small"
                  dataSource={d.handover}
                  locale={{ emptyText: t('today.handover.empty') }}
                  renderItem={(h) => (
                    <List.Item
                      key={h.id}
                      data-testid={`handover-item-${h.id}`}
                      actions={
                        canWrite
                          ? [
                              <Button
                                key="c"
                                size="small"
                                onClick={() => act(() => workApi.closeHandoverItem(code, h.id))}
                              >
                                {t('work.handover.close')}
                              </Button>,
                            ]
                          : []
                      }
                    >
                      <List.Item.Meta
                        title={h.body}
                        description={`${tryT(t, `work.handoverKind.${h.kind}`, h.kind)} · ${h.fromName ?? ''} · ${h.businessDate}`}
                      />
                    </List.Item>
                  )}
                />
              </Section>
              {(alerts.data?.items ?? []).length > 0 && (
                <Section
                  testId="today-alerts"
                  icon={<BellOutlined />}
                  title={t('work.today.alerts', { n: alerts.data!.unread })}
                >
                  <List
                    size="small"
                    dataSource={alerts.data!.items.slice(0, 5)}
                    renderItem={(n) => (
                      <List.Item key={n.id}>
                        <List.Item.Meta title={n.title} description={formatDateTime(n.createdAt, tz)} />
                      </List.Item>
                    )}
                  />
                </Section>
              )}
              <Section
                testId="today-escalations"
                icon={<AlertOutlined />}
                title={t('work.today.escalations', { n: d.escalations.waiting.length })}
              >
                <List
                  size="small"
                  dataSource={d.escalations.waiting}
                  locale={{ emptyText: t('today.escalations.empty') }}
                  renderItem={(e) => escalationLine(e, true)}
                />
                {d.escalations.raised.length > 0 && (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 12 }}>
                      {t('work.today.raised')}
                    </Typography.Title>
                    <List
                      size="small"
                      dataSource={d.escalations.raised}
                      renderItem={(e) => escalationLine(e, false)}
                    />
                  </>
                )}
              </Section>
            </Flex>
          </Col>
          {d.team && (
            <Col xs={24}>
              <Section testId="today-team" icon={<TeamOutlined />} title={t('work.team.title')}>
                <List
                  size="small"
                  dataSource={d.team.people}
                  renderItem={(p) => (
                    <List.Item key={p.personId} data-testid={`team-${p.personId}`}>
                      <Flex gap={12} align="center" style={{ width: '100%' }} wrap>
                        <span style={{ width: 120 }}>{p.displayName}</span>
                        <Typography.Text type="secondary" style={{ width: 90, fontSize: 12 }}>
                          {p.roles.map((r) => roleName(t, r)).join('/')}
                        </Typography.Text>
                        <Tooltip title={t('work.team.progressHelp')}>
                          <Progress
                            percent={p.total ? Math.round((p.done / p.total) * 100) : 0}
                            size="small"
                            style={{ width: 140, margin: 0 }}
                            format={() => `${p.done}/${p.total}`}
                            status={p.behind ? 'exception' : 'normal'}
                          />
                        </Tooltip>
                        {p.behind && <Tag color="red">{t('work.team.behind')}</Tag>}
                        {p.pastDue > 0 && <Tag>{t('work.team.pastDue', { n: p.pastDue })}</Tag>}
                        {p.overdueTasks > 0 && (
                          <Tag color="volcano">{t('work.team.overdueTasks', { n: p.overdueTasks })}</Tag>
                        )}
                      </Flex>
                    </List.Item>
                  )}
                />
                <Typography.Title level={5} style={{ marginTop: 12 }}>
                  {t('work.team.escalated', { n: d.team.escalated.length })}
                </Typography.Title>
                <List
                  size="small"
                  dataSource={d.team.escalated}
                  renderItem={(e) => escalationLine(e, false)}
                  locale={{ emptyText: t('today.team.escalationsEmpty') }}
                />
              </Section>
            </Col>
          )}
        </Row>
      )}
      <EscalationStoryModal code={code} id={storyId} onClose={() => setStoryId(null)} />
      <TaskDrawer code={code} taskId={taskId} canWrite={canWrite} onClose={() => setTaskId(null)} />
      <HandoverModal
        code={code}
        open={dialog === 'handover'}
        onClose={() => setDialog(null)}
        onSaved={refresh}
      />
      <RaiseModal code={code} open={dialog === 'raise'} onClose={() => setDialog(null)} onSaved={refresh} />
      <TaskFormModal code={code} open={dialog === 'task'} onClose={() => setDialog(null)} onSaved={refresh} />
    </PageContainer>
  );
}
