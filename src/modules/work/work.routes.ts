import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { forbidden } from '../../core/errors';
import { BoolQuery } from '../../core/http-schemas';
import { businessDate } from '../../core/time';
import { ROLES } from '../team/team.rules';
import {
  CHAIN_TARGETS,
  DESIGN_KINDS,
  DESIGN_STATUSES,
  FREQUENCY_KINDS,
  HANDOVER_KINDS,
  TASK_PRIORITIES,
  TASK_STATUSES,
} from './work.rules';
import * as work from './work.service';

const Code = z.object({ code: z.string().max(64) });
const CodeId = z.object({ code: z.string().max(64), id: z.string().max(64) });
const Id = z.string().max(64);
const Text = (n: number) => z.string().max(n);
const When = z.string().datetime({ offset: true });
const LinkSchema = z.object({ kind: Text(32), id: Text(128), label: Text(200).optional() });

const TaskQuery = z.object({
  status: Text(200).optional(),
  owner: Text(64).optional(),
  role: z.enum(ROLES).optional(),
  open: BoolQuery.optional(),
  overdue: BoolQuery.optional(),
  source: Text(32).optional(),
  linkKind: Text(32).optional(),
  linkId: Text(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const TaskCreate = z.object({
  title: Text(200),
  description: Text(4000).nullable().optional(),
  ownerPersonId: Id.nullable().optional(),
  ownerRole: z.enum(ROLES).nullable().optional(),
  dueAt: When.nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  links: z.array(LinkSchema).max(20).optional(),
});
const TaskPatch = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  ownerPersonId: Id.nullable().optional(),
  ownerRole: z.enum(ROLES).nullable().optional(),
  dueAt: When.nullable().optional(),
  priority: z.enum(TASK_PRIORITIES).optional(),
  outcome: Text(2000).nullable().optional(),
  title: Text(200).optional(),
  description: Text(4000).nullable().optional(),
});
const Frequency = z.object({
  kind: z.enum(FREQUENCY_KINDS),
  n: z.number().optional(),
  anchor: Text(10).optional(),
  weekday: z.number().optional(),
  day: z.number().optional(),
  dayTo: z.number().optional(),
  month: z.number().optional(),
});
const RoutineSave = z.object({
  role: Text(32),
  title: Text(200),
  // times are checked by the service so the error names the field and says why
  start: Text(10).nullable(),
  end: Text(10),
  frequency: Frequency,
  active: z.boolean().optional(),
});
const Hours = z.object({
  windows: z.array(z.object({ start: Text(5), end: Text(5) })).max(6),
  weekdays: z.array(z.number().int()).max(7).optional(),
});
const ChainSave = z.object({
  key: Text(64).optional(),
  group: Text(32),
  name: Text(100),
  condition: Text(500).default(''),
  steps: z.array(z.object({ target: z.enum(CHAIN_TARGETS).or(Text(32)), hours: z.number() })).max(10),
  active: z.boolean().optional(),
});
const Raise = z.object({
  chain: Text(64),
  title: Text(200).optional(),
  description: Text(4000).nullable().optional(),
  taskId: Id.nullable().optional(),
});
const Note = z.object({ note: Text(2000).nullable().optional() });
const HandoverCreate = z.object({
  kind: z.enum(HANDOVER_KINDS),
  toPersonId: Id.nullable().optional(),
  toRole: z.enum(ROLES).nullable().optional(),
  note: Text(4000).nullable().optional(),
  items: z
    .array(
      z.object({ body: Text(1000), state: z.enum(['done', 'not_done', 'follow_up', 'open']).optional() }),
    )
    .max(100)
    .default([]),
});
const DesignCreate = z.object({
  title: Text(200),
  kind: z.enum(DESIGN_KINDS),
  designerId: Id.nullable().optional(),
  subjectKind: Text(32).nullable().optional(),
  subjectId: Text(128).nullable().optional(),
  subjectLabel: Text(200).nullable().optional(),
  brief: Text(4000).nullable().optional(),
  dueAt: When.nullable().optional(),
});
const FileMeta = z.object({
  name: Text(200),
  url: Text(1000).optional(),
  size: z.number().int().min(0).optional(),
  mime: Text(100).optional(),
});
const DesignPatch = z.object({
  status: z.enum(DESIGN_STATUSES).optional(),
  designerId: Id.nullable().optional(),
  dueAt: When.nullable().optional(),
  addFiles: z.array(FileMeta).max(20).optional(),
});

const date = (s: string | null | undefined) =>
  s === undefined ? undefined : s === null ? null : new Date(s);

export function workRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: FastifyRequest) => req.actor!.person.id;
  const store = (req: FastifyRequest) => req.storeScope!.store;
  const roles = (req: FastifyRequest) => req.storeScope!.roles;
  const isLead = (req: FastifyRequest) => roles(req).some((x) => x === 'manager' || x === 'owner');
  const requireLead = (req: FastifyRequest) => {
    if (!isLead(req)) throw forbidden('work.manager_only', 'Only the store manager can change this');
  };
  const read = (resource: 'work' | 'today' = 'work') => ({
    access: { scope: 'store' as const, resource, action: 'read' as const },
  });
  const write = { access: { scope: 'store' as const, resource: 'work' as const, action: 'write' as const } };
  const tags = ['work'];

  r.get(
    '/api/v1/stores/:code/today',
    {
      config: read('today'),
      schema: {
        tags,
        summary: 'My day: routine blocks, tasks, handovers, escalations (and the team for a manager)',
        params: Code,
      },
    },
    async (req) => work.todayFor(ctx, store(req).id, me(req), roles(req)),
  );

  // ---- tasks ----
  r.get(
    '/api/v1/stores/:code/tasks',
    {
      config: read(),
      schema: {
        tags,
        summary: 'Tasks with filters (owner=me for mine; status comma-separated)',
        params: Code,
        querystring: TaskQuery,
      },
    },
    async (req) => {
      const q = req.query;
      const owner = q.owner === 'me' ? me(req) : q.owner;
      const rows = await work.listTasks(ctx, store(req).id, {
        ownerPersonId: owner,
        ownerRoles: q.role ? [q.role] : owner === me(req) ? roles(req) : undefined,
        status: q.status ? (q.status.split(',') as never) : undefined,
        openOnly: q.open,
        overdueOnly: q.overdue,
        source: q.source,
        linkKind: q.linkKind,
        linkId: q.linkId,
        limit: q.limit,
        offset: q.offset,
      });
      const now = ctx.clock.now();
      return { items: rows.map((t) => work.taskDto(t, now)) };
    },
  );

  r.post(
    '/api/v1/stores/:code/tasks',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a task (owner must work in this store)',
        params: Code,
        body: TaskCreate,
      },
    },
    async (req) => {
      const b = req.body;
      const { task } = await work.createTask(ctx, store(req).id, {
        ...b,
        dueAt: date(b.dueAt),
        source: 'manual',
        createdBy: me(req),
      });
      return work.taskDto(task, ctx.clock.now());
    },
  );

  r.get(
    '/api/v1/stores/:code/tasks/:id',
    { config: read(), schema: { tags, summary: 'One task with its story and difficulties', params: CodeId } },
    async (req) => {
      const t = await work.getTask(ctx, store(req).id, req.params.id);
      const [story, escalations] = await Promise.all([
        work.taskStory(ctx, store(req).id, t.id),
        work.listEscalations(ctx, store(req).id, { taskId: t.id }),
      ]);
      return { task: work.taskDto(t, ctx.clock.now()), story, escalations };
    },
  );

  r.patch(
    '/api/v1/stores/:code/tasks/:id',
    {
      config: write,
      schema: { tags, summary: 'Change status, owner, due time, priority', params: CodeId, body: TaskPatch },
    },
    async (req) => {
      const b = req.body;
      const t = await work.updateTask(
        ctx,
        store(req).id,
        req.params.id,
        { ...b, dueAt: date(b.dueAt) },
        me(req),
      );
      return work.taskDto(t, ctx.clock.now());
    },
  );

  r.post(
    '/api/v1/stores/:code/tasks/:id/attachments',
    {
      config: write,
      schema: {
        tags,
        summary: 'Attach files to a task (metadata: name, link, size, type)',
        params: CodeId,
        body: z.object({ files: z.array(FileMeta).min(1).max(20) }),
      },
    },
    async (req) => {
      const t = await work.addTaskAttachments(ctx, store(req).id, req.params.id, me(req), req.body.files);
      return work.taskDto(t, ctx.clock.now());
    },
  );

  r.post(
    '/api/v1/stores/:code/tasks/:id/comments',
    {
      config: write,
      schema: { tags, summary: 'Comment on a task', params: CodeId, body: z.object({ body: Text(4000) }) },
    },
    async (req) => {
      await work.addTaskComment(ctx, store(req).id, req.params.id, me(req), req.body.body);
      return { ok: true };
    },
  );

  // ---- routines and checklists ----
  r.get(
    '/api/v1/stores/:code/routines',
    {
      config: read(),
      schema: {
        tags,
        summary: 'Routine templates per role (defaults from DOMAIN.md §2 on first use)',
        params: Code,
        querystring: z.object({ role: Text(32).optional() }),
      },
    },
    async (req) => ({
      items: await work.listRoutineItems(ctx, store(req).id, req.query.role),
    }),
  );
  r.post(
    '/api/v1/stores/:code/routines',
    {
      config: write,
      schema: { tags, summary: 'Add a routine item (manager)', params: Code, body: RoutineSave },
    },
    async (req) => {
      requireLead(req);
      return work.saveRoutineItem(ctx, store(req).id, null, req.body as work.RoutineItemSave);
    },
  );
  r.put(
    '/api/v1/stores/:code/routines/:id',
    {
      config: write,
      schema: { tags, summary: 'Edit a routine item (manager)', params: CodeId, body: RoutineSave },
    },
    async (req) => {
      requireLead(req);
      return work.saveRoutineItem(ctx, store(req).id, req.params.id, req.body as work.RoutineItemSave);
    },
  );
  r.post(
    '/api/v1/stores/:code/checklists/generate',
    {
      config: write,
      schema: {
        tags,
        summary: "Generate the day's checklists by hand (idempotent; the scheduler does it daily)",
        params: Code,
        body: z.object({ date: Text(10).optional() }),
      },
    },
    async (req) => {
      requireLead(req);
      const d = req.body.date ?? businessDate(ctx.clock.now(), store(req).timeZone);
      return { date: d, created: await work.generateChecklists(ctx, store(req).id, d) };
    },
  );
  r.post(
    '/api/v1/stores/:code/checklist/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Tick (or untick) one of my checklist items',
        params: CodeId,
        body: z.object({ done: z.boolean(), date: Text(10).optional() }),
      },
    },
    async (req) => {
      const d = req.body.date ?? businessDate(ctx.clock.now(), store(req).timeZone);
      return work.setChecklistDone(ctx, store(req).id, me(req), d, req.params.id, req.body.done);
    },
  );
  r.get(
    '/api/v1/stores/:code/working-hours',
    {
      config: read(),
      schema: { tags, summary: 'Working hours (escalation time counts only these)', params: Code },
    },
    async (req) => work.getWorkingHours(ctx, store(req).id),
  );
  r.put(
    '/api/v1/stores/:code/working-hours',
    { config: write, schema: { tags, summary: 'Set working hours (manager)', params: Code, body: Hours } },
    async (req) => {
      requireLead(req);
      return work.saveWorkingHours(ctx, store(req).id, req.body);
    },
  );

  // ---- escalations ----
  r.get(
    '/api/v1/stores/:code/escalation-chains',
    {
      config: read(),
      schema: { tags, summary: 'Escalation chains (defaults from DOMAIN.md §3)', params: Code },
    },
    async (req) => ({
      items: await work.listChains(ctx, store(req).id),
    }),
  );
  r.post(
    '/api/v1/stores/:code/escalation-chains',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a chain (manager); loops and roles nobody holds are rejected',
        params: Code,
        body: ChainSave,
      },
    },
    async (req) => {
      requireLead(req);
      return work.saveChain(ctx, store(req).id, null, req.body as never);
    },
  );
  r.put(
    '/api/v1/stores/:code/escalation-chains/:id',
    { config: write, schema: { tags, summary: 'Edit a chain (manager)', params: CodeId, body: ChainSave } },
    async (req) => {
      requireLead(req);
      return work.saveChain(ctx, store(req).id, req.params.id, req.body as never);
    },
  );
  r.get(
    '/api/v1/stores/:code/escalations',
    {
      config: read(),
      schema: {
        tags,
        summary: 'Difficulties (mine=waiting on me)',
        params: Code,
        querystring: z.object({ mine: BoolQuery.optional(), open: BoolQuery.optional() }),
      },
    },
    async (req) => ({
      items: await work.listEscalations(ctx, store(req).id, {
        ownerPersonId: req.query.mine ? me(req) : undefined,
        status: req.query.open ? ['open', 'accepted'] : undefined,
      }),
    }),
  );
  r.post(
    '/api/v1/stores/:code/escalations',
    {
      config: write,
      schema: { tags, summary: 'Raise a difficulty, on a task or on its own', params: Code, body: Raise },
    },
    async (req) => work.raiseDifficulty(ctx, store(req).id, me(req), req.body),
  );
  r.get(
    '/api/v1/stores/:code/escalations/:id',
    { config: read(), schema: { tags, summary: "A difficulty's steps", params: CodeId } },
    async (req) => ({
      story: await work.escalationStory(ctx, store(req).id, req.params.id),
    }),
  );
  r.post(
    '/api/v1/stores/:code/escalations/:id/accept',
    {
      config: write,
      schema: { tags, summary: 'Accept a difficulty (the step owner)', params: CodeId, body: Note },
    },
    async (req) => work.acceptEscalation(ctx, store(req).id, req.params.id, me(req), req.body.note),
  );
  r.post(
    '/api/v1/stores/:code/escalations/:id/solve',
    { config: write, schema: { tags, summary: 'Mark a difficulty solved', params: CodeId, body: Note } },
    async (req) => work.solveEscalation(ctx, store(req).id, req.params.id, me(req), req.body.note),
  );

  // ---- handovers ----
  r.get(
    '/api/v1/stores/:code/handovers',
    {
      config: read(),
      schema: {
        tags,
        summary: 'Handovers (of a day)',
        params: Code,
        querystring: z.object({ date: Text(10).optional(), mine: BoolQuery.optional() }),
      },
    },
    async (req) => ({
      items: await work.listHandovers(ctx, store(req).id, {
        date: req.query.date,
        personId: req.query.mine ? me(req) : undefined,
      }),
    }),
  );
  r.post(
    '/api/v1/stores/:code/handovers',
    {
      config: write,
      schema: {
        tags,
        summary: "Write a handover; open items carry into the receiver's day",
        params: Code,
        body: HandoverCreate,
      },
    },
    async (req) => work.createHandover(ctx, store(req).id, me(req), req.body),
  );
  r.post(
    '/api/v1/stores/:code/handover-items/:id/close',
    {
      config: write,
      schema: { tags, summary: 'Close a received handover item', params: CodeId, body: Note },
    },
    async (req) => work.closeHandoverItem(ctx, store(req).id, req.params.id, me(req), req.body.note),
  );

  // ---- design requests ----
  r.get(
    '/api/v1/stores/:code/design-requests',
    {
      config: read(),
      schema: {
        tags,
        summary: "The designer's queue",
        params: Code,
        querystring: z.object({ status: Text(200).optional() }),
      },
    },
    async (req) => ({
      items: await work.listDesignRequests(ctx, store(req).id, { status: req.query.status?.split(',') }),
    }),
  );
  r.post(
    '/api/v1/stores/:code/design-requests',
    {
      config: write,
      schema: {
        tags,
        summary: 'Request design work (main picture, detail page, poster, photo shoot, banner)',
        params: Code,
        body: DesignCreate,
      },
    },
    async (req) => {
      const b = req.body;
      return (
        await work.createDesignRequest(
          ctx,
          store(req).id,
          { ...b, dueAt: date(b.dueAt), source: 'manual' },
          me(req),
        )
      ).request;
    },
  );
  r.patch(
    '/api/v1/stores/:code/design-requests/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move a design request; add delivery files',
        params: CodeId,
        body: DesignPatch,
      },
    },
    async (req) => {
      const b = req.body;
      return work.updateDesignRequest(
        ctx,
        store(req).id,
        req.params.id,
        { ...b, dueAt: date(b.dueAt) },
        me(req),
      );
    },
  );
}
