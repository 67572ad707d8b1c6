import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ROLES } from '../../../api/team';
import { type Chain, type RoutineItem, workApi } from '../../../api/work';
import { roleName } from '../../../components/labels';
import { PageContainer } from '../../../components/PageContainer';
import { errorText } from '../../../components/serverErrors';
import { type TFunction, useI18n } from '../../../i18n';
import { useAccess } from '../../../layouts/useAccess';
import { targetName } from '../shared';
import { WorkTabs } from '../WorkTabs';

const TARGETS = ['cs', 'warehouse', 'design', 'marketing', 'finance', 'analysis', 'operations', 'manager'];
const KINDS = ['daily', 'every_n_days', 'weekly', 'monthly', 'quarterly', 'yearly'];

function freqText(t: TFunction, f: RoutineItem['frequency']): string {
  switch (f.kind) {
    case 'every_n_days':
      return t('work.freq.every', { n: f.n ?? 0 });
    case 'weekly':
      return t('work.freq.weekly', { d: f.weekday ?? 0 });
    case 'monthly':
      return f.dayTo
        ? t('work.freq.monthlyRange', { from: f.day ?? 0, to: f.dayTo })
        : t('work.freq.monthly', { d: f.day ?? 0 });
    case 'quarterly':
      return t('work.freq.quarterly', { d: f.day ?? 0 });
    case 'yearly':
      return t('work.freq.yearly', { m: f.month ?? 0, d: f.day ?? 0 });
    default:
      return t('work.freq.daily');
  }
}

/** The manager edits the store's routines, escalation chains and working hours (defaults from DOMAIN.md). */
export default function WorkSetupPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const access = useAccess();
  const code = access.store?.code ?? '';
  const qc = useQueryClient();
  const [role, setRole] = useState<string>('manager');
  const routines = useQuery({
    queryKey: ['routines', code],
    queryFn: () => workApi.routines(code),
    enabled: !!code,
  });
  const chains = useQuery({
    queryKey: ['chains', code],
    queryFn: () => workApi.chains(code),
    enabled: !!code,
  });
  const hours = useQuery({
    queryKey: ['hours', code],
    queryFn: () => workApi.workingHours(code),
    enabled: !!code,
  });
  const [editing, setEditing] = useState<RoutineItem | 'new' | null>(null);
  const [chainEdit, setChainEdit] = useState<Chain | 'new' | null>(null);
  const [rForm] = Form.useForm();
  const [cForm] = Form.useForm();
  const [hForm] = Form.useForm();
  const fail = (e: unknown) => message.error(errorText(t, e));

  const openRoutine = (r: RoutineItem | 'new') => {
    setEditing(r);
    rForm.setFieldsValue(
      r === 'new'
        ? { role, title: '', start: '09:00', end: '10:00', kind: 'daily', active: true }
        : {
            role: r.role,
            title: r.title,
            start: r.startTime ?? '',
            end: r.endTime,
            active: r.active,
            ...r.frequency,
          },
    );
  };
  const saveRoutine = async () => {
    const v = await rForm.validateFields();
    const f: Record<string, unknown> = { kind: v.kind };
    if (v.kind === 'every_n_days') Object.assign(f, { n: v.n, anchor: v.anchor || '2026-01-05' });
    if (v.kind === 'weekly') f.weekday = v.weekday;
    if (v.kind === 'monthly') Object.assign(f, { day: v.day, ...(v.dayTo ? { dayTo: v.dayTo } : {}) });
    if (v.kind === 'quarterly') f.day = v.day;
    if (v.kind === 'yearly') Object.assign(f, { month: v.month, day: v.day });
    const body = {
      role: v.role,
      title: v.title,
      start: v.start ? v.start : null,
      end: v.end,
      frequency: f,
      active: v.active,
    };
    try {
      await workApi.saveRoutine(code, editing === 'new' ? null : (editing as RoutineItem).id, body);
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['routines', code] });
    } catch (e) {
      fail(e);
    }
  };
  const openChain = (c: Chain | 'new') => {
    setChainEdit(c);
    cForm.setFieldsValue(
      c === 'new'
        ? {
            name: '',
            group: 'operations',
            condition: '',
            steps: [{ target: 'manager', hours: 1 }],
            active: true,
          }
        : { name: c.name, group: c.groupKind, condition: c.condition, steps: c.steps, active: c.active },
    );
  };
  const saveChain = async () => {
    const v = await cForm.validateFields();
    try {
      await workApi.saveChain(code, chainEdit === 'new' ? null : (chainEdit as Chain).id, {
        key: chainEdit === 'new' ? undefined : (chainEdit as Chain).key,
        group: v.group,
        name: v.name,
        condition: v.condition ?? '',
        steps: v.steps,
        active: v.active,
      });
      setChainEdit(null);
      qc.invalidateQueries({ queryKey: ['chains', code] });
    } catch (e) {
      fail(e);
    }
  };

  const items = (routines.data?.items ?? []).filter((r) => r.role === role);
  const kind = Form.useWatch('kind', rForm);

  return (
    <PageContainer testId="page-work-setup" title={t('work.setup.title')} subTitle={t('work.setup.subtitle')}>
      <WorkTabs current="setup" />
      <Tabs
        items={[
          {
            key: 'routines',
            label: t('work.setup.routines'),
            children: (
              <Card
                size="small"
                extra={
                  <Button icon={<PlusOutlined />} onClick={() => openRoutine('new')}>
                    {t('work.setup.addItem')}
                  </Button>
                }
                title={
                  <Select
                    style={{ width: 160 }}
                    value={role}
                    onChange={setRole}
                    options={ROLES.filter((r) => r !== 'owner').map((r) => ({
                      value: r,
                      label: roleName(t, r),
                    }))}
                  />
                }
              >
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={items}
                  columns={[
                    {
                      title: t('work.setup.block'),
                      key: 'b',
                      width: 130,
                      render: (_: unknown, r: RoutineItem) => `${r.startTime ?? '…'}–${r.endTime}`,
                    },
                    { title: t('work.task.title'), dataIndex: 'title' },
                    {
                      title: t('work.setup.frequency'),
                      key: 'f',
                      width: 150,
                      render: (_: unknown, r: RoutineItem) => freqText(t, r.frequency),
                    },
                    {
                      title: '',
                      dataIndex: 'active',
                      width: 70,
                      render: (a: boolean) => (a ? null : <Tag>{t('work.setup.off')}</Tag>),
                    },
                    {
                      title: '',
                      key: 'e',
                      width: 50,
                      render: (_: unknown, r: RoutineItem) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => openRoutine(r)} />
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'chains',
            label: t('work.setup.chains'),
            children: (
              <Card
                size="small"
                extra={
                  <Button icon={<PlusOutlined />} onClick={() => openChain('new')}>
                    {t('work.setup.addChain')}
                  </Button>
                }
              >
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={chains.data?.items ?? []}
                  columns={[
                    { title: t('work.setup.difficulty'), dataIndex: 'name', width: 160 },
                    { title: t('work.setup.condition'), dataIndex: 'condition' },
                    {
                      title: t('work.setup.chain'),
                      key: 's',
                      render: (_: unknown, c: Chain) =>
                        c.steps.map((s) => `${targetName(t, s.target)} ${s.hours}h`).join(' → '),
                    },
                    {
                      title: '',
                      key: 'e',
                      width: 50,
                      render: (_: unknown, c: Chain) => (
                        <Button size="small" icon={<EditOutlined />} onClick={() => openChain(c)} />
                      ),
                    },
                  ]}
                />
                <Typography.Text type="secondary">{t('work.setup.chainHelp')}</Typography.Text>
              </Card>
            ),
          },
          {
            key: 'hours',
            label: t('work.setup.hours'),
            children: (
              <Card size="small">
                {hours.data && (
                  <Form
                    form={hForm}
                    layout="inline"
                    initialValues={{
                      start: hours.data.windows[0]?.start,
                      end: hours.data.windows[0]?.end,
                      start2: hours.data.windows[1]?.start,
                      end2: hours.data.windows[1]?.end,
                    }}
                    onFinish={async (v) => {
                      const windows = [
                        { start: v.start, end: v.end },
                        ...(v.start2 && v.end2 ? [{ start: v.start2, end: v.end2 }] : []),
                      ];
                      try {
                        await workApi.saveWorkingHours(code, { windows });
                        message.success(t('work.setup.saved'));
                        qc.invalidateQueries({ queryKey: ['hours', code] });
                      } catch (e) {
                        fail(e);
                      }
                    }}
                  >
                    <Form.Item name="start" label={t('work.setup.dayShift')}>
                      <Input style={{ width: 80 }} placeholder="08:30" />
                    </Form.Item>
                    <Form.Item name="end" label="–">
                      <Input style={{ width: 80 }} placeholder="17:30" />
                    </Form.Item>
                    <Form.Item name="start2" label={t('work.setup.secondWindow')}>
                      <Input style={{ width: 80 }} placeholder="18:00" />
                    </Form.Item>
                    <Form.Item name="end2" label="–">
                      <Input style={{ width: 80 }} placeholder="24:00" />
                    </Form.Item>
                    <Button htmlType="submit" type="primary">
                      {t('work.setup.save')}
                    </Button>
                  </Form>
                )}
                <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                  {t('work.setup.hoursHelp')}
                </Typography.Paragraph>
              </Card>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={t('work.setup.editItem')}
        onCancel={() => setEditing(null)}
        onOk={saveRoutine}
        destroyOnHidden
        forceRender
      >
        <Form form={rForm} layout="vertical">
          <Form.Item name="role" label={t('work.setup.role')}>
            <Select
              options={ROLES.filter((r) => r !== 'owner').map((r) => ({ value: r, label: roleName(t, r) }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('work.task.title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space>
            <Form.Item name="start" label={t('work.setup.start')} extra={t('work.setup.startHelp')}>
              <Input style={{ width: 100 }} placeholder="HH:mm" />
            </Form.Item>
            <Form.Item name="end" label={t('work.setup.end')}>
              <Input style={{ width: 100 }} placeholder="HH:mm" />
            </Form.Item>
          </Space>
          <Form.Item name="kind" label={t('work.setup.frequency')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`work.freqKind.${k}` as never) }))} />
          </Form.Item>
          <Space wrap>
            {kind === 'every_n_days' && (
              <Form.Item name="n" label="N">
                <InputNumber min={3} max={7} />
              </Form.Item>
            )}
            {kind === 'weekly' && (
              <Form.Item name="weekday" label={t('work.setup.weekday')}>
                <InputNumber min={1} max={7} />
              </Form.Item>
            )}
            {kind === 'yearly' && (
              <Form.Item name="month" label={t('work.setup.month')}>
                <InputNumber min={1} max={12} />
              </Form.Item>
            )}
            {(kind === 'monthly' || kind === 'quarterly' || kind === 'yearly') && (
              <Form.Item name="day" label={t('work.setup.day')}>
                <InputNumber min={1} max={31} />
              </Form.Item>
            )}
            {kind === 'monthly' && (
              <Form.Item name="dayTo" label={t('work.setup.dayTo')}>
                <InputNumber min={1} max={31} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="active" label={t('work.setup.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!chainEdit}
        title={t('work.setup.editChain')}
        onCancel={() => setChainEdit(null)}
        onOk={saveChain}
        destroyOnHidden
        forceRender
        width={640}
      >
        <Form form={cForm} layout="vertical">
          <Form.Item
            name="name"
            label={t('work.setup.difficulty')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="group" label={t('work.setup.group')}>
            <Select
              options={TARGETS.filter((x) => x !== 'manager').map((x) => ({
                value: x,
                label: targetName(t, x),
              }))}
            />
          </Form.Item>
          <Form.Item name="condition" label={t('work.setup.condition')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <span>{i + 1}.</span>
                    <Form.Item name={[f.name, 'target']}>
                      <Select
                        style={{ width: 160 }}
                        options={TARGETS.map((x) => ({ value: x, label: targetName(t, x) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'hours']}>
                      <InputNumber min={0.25} max={240} step={0.5} addonAfter="h" />
                    </Form.Item>
                    <Button size="small" onClick={() => remove(f.name)}>
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ target: 'manager', hours: 1 })}>
                  {t('work.setup.addStep')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item
            name="active"
            label={t('work.setup.active')}
            valuePropName="checked"
            style={{ marginTop: 12 }}
          >
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
