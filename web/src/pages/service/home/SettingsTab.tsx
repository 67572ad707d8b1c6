/**
 * The CS leader's editors (服务设置): chat sub-account → person (the team's one mapping) and usual
 * shift; shift types and the service window; the rule book of fines (versions with an effective
 * date, the server's check shown in the form); attendance (the imported sheet, days, leave); swaps.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  type AttendanceDay,
  type FineRuleData,
  type RuleBook,
  type ShiftType,
  serviceApi,
} from '../../../api/service';
import { teamApi } from '../../../api/team';
import { ExportButton } from '../../../components/ExportButton';
import { exportXlsx } from '../../../components/exportXlsx';
import { errorText } from '../../../components/serverErrors';
import { tryT, useI18n } from '../../../i18n';

function AgentsCard({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const agents = useQuery({ queryKey: ['service-agents', code], queryFn: () => serviceApi.agents(code) });
  const members = useQuery({ queryKey: ['team-members', code], queryFn: () => teamApi.members(code) });
  const settings = useQuery({
    queryKey: ['service-settings', code],
    queryFn: () => serviceApi.settings(code),
  });
  const [filter, setFilter] = useState('');
  const save = async (account: string, personId: string | null, shiftCode: string) => {
    try {
      await serviceApi.saveAgent(code, { account, personId, shiftCode });
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['service-agents', code] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const people = (members.data?.items ?? []).map((m) => ({ value: m.personId, label: m.displayName }));
  const shifts = (settings.data?.shifts ?? []).map((s) => ({ value: s.code, label: s.name }));
  const rows = (agents.data?.items ?? []).filter((a) => a.account.includes(filter));
  return (
    <Card
      size="small"
      title={<Tooltip title={t('service.settings.agentsHelp')}>{t('service.settings.agents')}</Tooltip>}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('service.agent')}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ExportButton
            testId="export-agents"
            run={() =>
              exportXlsx({
                fileName: 'cs-agents',
                rows,
                columns: [
                  { header: t('service.agent'), value: (r) => r.account },
                  { header: t('service.settings.person'), value: (r) => r.displayName ?? '' },
                  { header: t('service.settings.shift'), value: (r) => r.shiftCode },
                ],
              })
            }
          />
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="account"
        loading={agents.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="agents-table"
        columns={[
          { title: t('service.agent'), dataIndex: 'account' },
          {
            title: t('service.settings.person'),
            render: (_, r) => (
              <Space>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 180 }}
                  value={r.personId ?? undefined}
                  options={people}
                  placeholder={t('service.settings.nobody')}
                  onChange={(v) => save(r.account, (v as string | undefined) ?? null, r.shiftCode)}
                  data-testid={`agent-person-${r.account}`}
                />
                {r.personId && !r.linked ? (
                  <Tooltip title={t('service.settings.byNameHelp')}>
                    <Tag>{t('service.settings.byName')}</Tag>
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('service.settings.shift'),
            render: (_, r) => (
              <Select
                style={{ width: 120 }}
                value={r.shiftCode}
                options={shifts}
                onChange={(v) => save(r.account, r.linked ? r.personId : null, v)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

function ShiftsCard({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['service-settings', code], queryFn: () => serviceApi.settings(code) });
  const [shifts, setShifts] = useState<ShiftType[]>([]);
  const [win, setWin] = useState({ from: '08:30', to: '24:00' });
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (q.data) {
      setShifts(q.data.shifts);
      setWin(q.data.serviceWindow);
    }
  }, [q.data]);
  const set = (i: number, patch: Partial<ShiftType>) =>
    setShifts((l) => l.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const save = async () => {
    setError(null);
    try {
      await serviceApi.saveSettings(code, { shifts, serviceWindow: win });
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['service-settings', code] });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Card
      size="small"
      title={<Tooltip title={t('service.settings.shiftsHelp')}>{t('service.settings.shifts')}</Tooltip>}
      loading={q.isLoading}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {shifts.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a row being edited has no identity (its code is typed in); rows only go by delete
          <Flex key={i} gap={8} wrap align="center" data-testid={`shift-row-${i}`}>
            <Input
              style={{ width: 100 }}
              value={s.code}
              onChange={(e) => set(i, { code: e.target.value })}
              addonBefore={t('service.settings.code')}
            />
            <Input style={{ width: 140 }} value={s.name} onChange={(e) => set(i, { name: e.target.value })} />
            <Input
              style={{ width: 130 }}
              value={s.start}
              onChange={(e) => set(i, { start: e.target.value })}
              addonBefore={t('service.settings.start')}
              aria-label={`shift-${i}-start`}
            />
            <Input
              style={{ width: 130 }}
              value={s.end}
              onChange={(e) => set(i, { end: e.target.value })}
              addonBefore={t('service.settings.end')}
              aria-label={`shift-${i}-end`}
            />
            <Tooltip title={t('service.settings.dutyUntilHelp')}>
              <Input
                style={{ width: 150 }}
                value={s.dutyUntil ?? ''}
                onChange={(e) => set(i, { dutyUntil: e.target.value || undefined })}
                addonBefore={t('service.settings.dutyUntil')}
              />
            </Tooltip>
            <Button danger size="small" onClick={() => setShifts((l) => l.filter((_, k) => k !== i))}>
              {t('common.delete')}
            </Button>
          </Flex>
        ))}
        <Button
          size="small"
          onClick={() => setShifts((l) => [...l, { code: '', name: '', start: '09:00', end: '18:00' }])}
        >
          {t('service.settings.addShift')}
        </Button>
        <Flex gap={8} align="center">
          <Tooltip title={t('service.settings.windowHelp')}>{t('service.settings.window')}</Tooltip>
          <Input
            style={{ width: 90 }}
            value={win.from}
            onChange={(e) => setWin({ ...win, from: e.target.value })}
          />
          –
          <Input
            style={{ width: 90 }}
            value={win.to}
            onChange={(e) => setWin({ ...win, to: e.target.value })}
          />
        </Flex>
        {error ? <Alert type="error" showIcon message={error} data-testid="shifts-error" /> : null}
        <Button type="primary" onClick={save} data-testid="save-shifts">
          {t('common.save')}
        </Button>
      </Space>
    </Card>
  );
}

/** The numeric fields of a rule (amounts in fen are edited in yuan). */
function RuleFields({ rule, onChange }: { rule: FineRuleData; onChange: (r: FineRuleData) => void }) {
  const { t } = useI18n();
  if (rule.code === 'unanswered_question') {
    const tiers = (rule.tiers as { minutes: number; fen: number }[]) ?? [];
    return (
      <Space wrap>
        {tiers.map((tier, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place, their minutes change as typed
          <Space key={i}>
            <InputNumber
              min={0}
              value={tier.minutes}
              addonAfter={t('service.rules.minutes')}
              onChange={(v) =>
                onChange({ ...rule, tiers: tiers.map((x, k) => (k === i ? { ...x, minutes: v ?? 0 } : x)) })
              }
            />
            <InputNumber
              min={0}
              value={tier.fen / 100}
              addonBefore="¥"
              onChange={(v) =>
                onChange({
                  ...rule,
                  tiers: tiers.map((x, k) => (k === i ? { ...x, fen: Math.round((v ?? 0) * 100) } : x)),
                })
              }
            />
          </Space>
        ))}
      </Space>
    );
  }
  return (
    <Space wrap>
      {Object.entries(rule)
        .filter(([k]) => k !== 'code')
        .map(([k, v]) => (
          <InputNumber
            key={k}
            min={0}
            value={k === 'fen' ? (v as number) / 100 : (v as number)}
            addonBefore={k === 'fen' ? '¥' : tryT(t, `service.rules.field.${k}`, k)}
            onChange={(x) => onChange({ ...rule, [k]: k === 'fen' ? Math.round((x ?? 0) * 100) : (x ?? 0) })}
            data-testid={`rule-${rule.code}-${k}`}
          />
        ))}
    </Space>
  );
}

function RuleBookCard({ code }: { code: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['service-rulebooks', code], queryFn: () => serviceApi.ruleBooks(code) });
  const versions = q.data?.items ?? [];
  const [draft, setDraft] = useState<RuleBook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = () => {
    const last = versions.at(-1);
    setError(null);
    setDraft({
      effectiveFrom: `${new Date().toISOString().slice(0, 8)}01`,
      rules: (last?.rules ?? q.data?.defaults ?? []).map(
        (r) => JSON.parse(JSON.stringify(r)) as FineRuleData,
      ),
    });
  };
  const save = async () => {
    if (!draft) return;
    setError(null);
    try {
      await serviceApi.saveRuleBook(code, draft);
      message.success(t('common.saved'));
      setDraft(null);
      await qc.invalidateQueries({ queryKey: ['service-rulebooks', code] });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Card
      size="small"
      title={<Tooltip title={t('service.rules.help')}>{t('service.rules.title')}</Tooltip>}
      loading={q.isLoading}
      extra={
        draft ? null : (
          <Button onClick={start} data-testid="new-rulebook">
            {t('service.rules.newVersion')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8} wrap>
          {versions.map((v) => (
            <Tag key={v.effectiveFrom}>{t('service.rules.since', { date: v.effectiveFrom })}</Tag>
          ))}
        </Flex>
        {draft ? (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="rulebook-form">
            <Flex gap={8} align="center">
              {t('service.rules.effectiveFrom')}
              <Input
                type="date"
                style={{ width: 170 }}
                value={draft.effectiveFrom}
                onChange={(e) => setDraft({ ...draft, effectiveFrom: e.target.value })}
                data-testid="rulebook-from"
              />
            </Flex>
            {draft.rules.map((r, i) => (
              <Flex key={r.code} gap={8} align="center" wrap>
                <span style={{ width: 160 }}>{tryT(t, `fine.${r.code}`, r.code)}</span>
                <RuleFields
                  rule={r}
                  onChange={(n) =>
                    setDraft({ ...draft, rules: draft.rules.map((x, k) => (k === i ? n : x)) })
                  }
                />
              </Flex>
            ))}
            {error ? <Alert type="error" showIcon message={error} data-testid="rulebook-error" /> : null}
            <Space>
              <Button type="primary" onClick={save} data-testid="save-rulebook">
                {t('common.save')}
              </Button>
              <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
            </Space>
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}

function AttendanceCard({ code, month }: { code: string; month: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['service-attendance', code, month],
    queryFn: () => serviceApi.attendance(code, month),
  });
  const agents = useQuery({ queryKey: ['service-agents', code], queryFn: () => serviceApi.agents(code) });
  const [form, setForm] = useState<AttendanceDay>({
    date: `${month}-01`,
    agent: '',
    lateMinutes: null,
    onLeave: true,
    offline: false,
    idleMinutes: [],
    note: null,
  });
  const add = async () => {
    try {
      await serviceApi.saveAttendance(code, form);
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['service-attendance', code, month] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const days = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={<Tooltip title={t('service.att.help')}>{t('service.att.title')}</Tooltip>}
      extra={
        <ExportButton
          testId="export-attendance"
          run={() =>
            exportXlsx({
              fileName: `cs-attendance-${month}`,
              rows: days,
              columns: [
                { header: t('service.date'), value: (d) => d.date },
                { header: t('service.agent'), value: (d) => d.agent },
                { header: t('service.att.late'), value: (d) => d.lateMinutes ?? '' },
                { header: t('service.att.leave'), value: (d) => (d.onLeave ? '假' : '') },
                { header: t('service.att.note'), value: (d) => d.note ?? '' },
              ],
            })
          }
        />
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Flex gap={8} wrap align="center" data-testid="attendance-form">
          <Input
            type="date"
            style={{ width: 160 }}
            value={form.date}
            onChange={(e) => setForm({ ...form, date: e.target.value })}
          />
          <Select
            style={{ width: 200 }}
            placeholder={t('service.agent')}
            value={form.agent || undefined}
            options={(agents.data?.items ?? []).map((a) => ({ value: a.account, label: a.account }))}
            onChange={(v) => setForm({ ...form, agent: v })}
            data-testid="attendance-agent"
          />
          <Checkbox checked={form.onLeave} onChange={(e) => setForm({ ...form, onLeave: e.target.checked })}>
            {t('service.att.leave')}
          </Checkbox>
          <InputNumber
            min={0}
            placeholder={t('service.att.late')}
            value={form.lateMinutes}
            onChange={(v) => setForm({ ...form, lateMinutes: v ?? null })}
            addonAfter={t('service.rules.minutes')}
          />
          <Input
            style={{ width: 180 }}
            placeholder={t('service.att.note')}
            value={form.note ?? ''}
            onChange={(e) => setForm({ ...form, note: e.target.value || null })}
          />
          <Button type="primary" onClick={add} disabled={!form.agent} data-testid="add-attendance">
            {t('service.att.add')}
          </Button>
        </Flex>
        <Table
          size="small"
          rowKey={(r) => `${r.date}-${r.agent}`}
          loading={q.isLoading}
          dataSource={days}
          pagination={{ pageSize: 15, hideOnSinglePage: true }}
          data-testid="attendance-table"
          columns={[
            { title: t('service.date'), dataIndex: 'date', sorter: (a, b) => a.date.localeCompare(b.date) },
            {
              title: t('service.agent'),
              dataIndex: 'agent',
              filters: [...new Set(days.map((d) => d.agent))].map((a) => ({ text: a, value: a })),
              onFilter: (v, r) => r.agent === v,
            },
            { title: t('service.att.late'), dataIndex: 'lateMinutes', render: (v) => v ?? '–' },
            { title: t('service.att.leave'), dataIndex: 'onLeave', render: (v) => (v ? '假' : '') },
            { title: t('service.att.offline'), dataIndex: 'offline', render: (v) => (v ? '✓' : '') },
            { title: t('service.att.idle'), dataIndex: 'idleMinutes', render: (v: number[]) => v.join('、') },
            { title: t('service.att.note'), dataIndex: 'note' },
          ]}
        />
        <Table
          size="small"
          title={() => <Tooltip title={t('service.att.sheetHelp')}>{t('service.att.sheet')}</Tooltip>}
          rowKey={(r) => `${r.agent}-${r.periodStart}`}
          dataSource={q.data?.sheet ?? []}
          pagination={false}
          columns={[
            { title: t('service.agent'), dataIndex: 'agent' },
            {
              title: t('service.att.period'),
              render: (_, r) => `${r.periodStart ?? ''}–${r.periodEnd ?? ''}`,
            },
            { title: t('service.att.workDays'), dataIndex: 'workDays' },
            { title: t('service.att.earliest'), dataIndex: 'earliestOnlineTime' },
            { title: t('service.att.latest'), dataIndex: 'latestOnlineTime' },
            {
              title: t('service.att.idleHours'),
              dataIndex: 'totalIdleSeconds',
              render: (v: number | null) => (v === null ? '–' : (v / 3600).toFixed(1)),
            },
          ]}
        />
      </Space>
    </Card>
  );
}

export function SwapCard({ code, agents }: { code: string; agents: string[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [a, setA] = useState({ agent: '', date: '' });
  const [b, setB] = useState({ agent: '', date: '' });
  const swap = async () => {
    try {
      await serviceApi.swapRoster(code, a, b);
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['service-roster'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const opts = agents.map((x) => ({ value: x, label: x }));
  return (
    <Flex gap={8} wrap align="center" data-testid="swap-form">
      <Tooltip title={t('service.swapHelp')}>{t('service.swap')}</Tooltip>
      <Select
        style={{ width: 180 }}
        options={opts}
        value={a.agent || undefined}
        onChange={(v) => setA({ ...a, agent: v })}
      />
      <Input
        type="date"
        style={{ width: 150 }}
        value={a.date}
        onChange={(e) => setA({ ...a, date: e.target.value })}
      />
      ⇄
      <Select
        style={{ width: 180 }}
        options={opts}
        value={b.agent || undefined}
        onChange={(v) => setB({ ...b, agent: v })}
      />
      <Input
        type="date"
        style={{ width: 150 }}
        value={b.date}
        onChange={(e) => setB({ ...b, date: e.target.value })}
      />
      <Button onClick={swap} disabled={!a.agent || !a.date || !b.agent || !b.date}>
        {t('service.swap')}
      </Button>
    </Flex>
  );
}

export function SettingsTab({ code, month }: { code: string; month: string }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <AgentsCard code={code} />
      <ShiftsCard code={code} />
      <RuleBookCard code={code} />
      <AttendanceCard code={code} month={month} />
    </Space>
  );
}
