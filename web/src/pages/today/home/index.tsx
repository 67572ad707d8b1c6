import { AlertOutlined, CheckSquareOutlined, ClockCircleOutlined, SwapOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { PageContainer } from '../../../components/PageContainer';
import { tryT, useI18n } from '../../../i18n';
import { useCurrentStore } from '../../../layouts/useAccess';
import type { MessageKey } from '../../../locales';
import { dayParts, minutesOfDay } from '../../../utils/format';
import { clock, MANAGER_RHYTHM, RHYTHM_ROLES, type RhythmBlock, rhythmAt } from './rhythm';

function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

function WaitingCard({
  title,
  icon,
  empty,
  testId,
}: {
  title: string;
  icon: ReactNode;
  empty: string;
  testId: string;
}) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Space>
          {icon}
          {title}
        </Space>
      }
    >
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
    </Card>
  );
}

export default function TodayPage() {
  const { t, locale } = useI18n();
  const store = useCurrentStore();
  const now = useNow();
  if (!store) return null;

  const tz = store.timeZone || 'Asia/Shanghai';
  const { weekday, monthDay, time } = dayParts(now, locale, tz);
  const minutes = minutesOfDay(now, tz);
  const state = rhythmAt(MANAGER_RHYTHM, minutes);
  const followsRhythm = store.roles.some((r) => RHYTHM_ROLES.has(r));
  const blockName = (b: RhythmBlock) => t(`today.block.${b.key}` as MessageKey);
  const title = `${t('today.title')} · ${t('today.date', { weekday, monthDay })} · ${store.name}`;

  let status: string;
  if (state.current) status = `${t('today.rhythm.current')}: ${blockName(state.current)}`;
  else if (state.next) status = t('today.rhythm.break', { block: blockName(state.next) });
  else status = t('today.rhythm.over');

  return (
    <PageContainer
      testId="page-today"
      title={<span data-testid="today-title">{title}</span>}
      subTitle={
        <Space wrap size={[4, 4]}>
          <span>{t('today.myRoles')}</span>
          {store.roles.length ? (
            store.roles.map((r) => (
              <Tag key={r} color={r === 'owner' ? 'gold' : 'blue'} data-testid={`role-tag-${r}`}>
                {tryT(t, `role.${r}`, r)}
              </Tag>
            ))
          ) : (
            <Typography.Text type="secondary">{t('today.noRoles')}</Typography.Text>
          )}
        </Space>
      }
      extra={
        <Tag icon={<ClockCircleOutlined />} style={{ fontSize: 14, padding: '4px 10px' }}>
          {t('today.now', { time })}
        </Tag>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('today.rhythm.title')}
            extra={followsRhythm ? <Typography.Text type="secondary">{status}</Typography.Text> : null}
            data-testid="today-rhythm"
          >
            {followsRhythm ? (
              <Flex vertical gap={4}>
                {MANAGER_RHYTHM.map((b) => {
                  const isCurrent = state.current?.key === b.key;
                  const isNext = !isCurrent && state.next?.key === b.key;
                  const past = !isCurrent && minutes >= b.end;
                  return (
                    <Flex
                      key={b.key}
                      gap={12}
                      align="baseline"
                      data-testid={`rhythm-${b.key}`}
                      data-current={isCurrent ? 'true' : undefined}
                      style={{
                        padding: '8px 12px',
                        borderRadius: 6,
                        borderInlineStart: `3px solid ${isCurrent ? '#1677ff' : 'transparent'}`,
                        background: isCurrent ? '#e6f4ff' : undefined,
                        opacity: past ? 0.55 : 1,
                      }}
                    >
                      <Typography.Text
                        type={isCurrent ? undefined : 'secondary'}
                        strong={isCurrent}
                        style={{ width: 96, flex: 'none', fontVariantNumeric: 'tabular-nums' }}
                      >
                        {b.start === null ? t('today.rhythm.before') : `${clock(b.start)}–${clock(b.end)}`}
                      </Typography.Text>
                      <div style={{ minWidth: 0 }}>
                        <Space size={6}>
                          <Typography.Text strong>{blockName(b)}</Typography.Text>
                          {isCurrent && <Tag color="processing">{t('today.rhythm.current')}</Tag>}
                          {isNext && <Tag>{t('today.rhythm.next')}</Tag>}
                        </Space>
                        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                          {t(`today.block.${b.key}.desc` as MessageKey)}
                        </Typography.Paragraph>
                      </div>
                    </Flex>
                  );
                })}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('today.rhythm.otherRole')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <WaitingCard
              testId="today-tasks"
              icon={<CheckSquareOutlined />}
              title={t('today.tasks.title')}
              empty={t('today.tasks.empty')}
            />
            <WaitingCard
              testId="today-handover"
              icon={<SwapOutlined />}
              title={t('today.handover.title')}
              empty={t('today.handover.empty')}
            />
            <WaitingCard
              testId="today-escalations"
              icon={<AlertOutlined />}
              title={t('today.escalations.title')}
              empty={t('today.escalations.empty')}
            />
          </Flex>
        </Col>
      </Row>
    </PageContainer>
  );
}
