import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { unauthenticated } from '../../core/errors';
import { BoolQuery, StoreCodeParam } from '../../core/http-schemas';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../server/access';
import { CS_LEVELS, GROUP_KINDS, PLATFORMS, ROLES } from './team.rules';
import * as team from './team.service';

// Request shapes. Business validation (code formats, password length) lives in the service so
// the CLI gets it too; these check types and sizes.
const IdParam = z.object({ id: z.string().max(64) });
const Platform = z.enum(PLATFORMS);
const StoreCreate = z.object({
  code: z.string().max(64),
  name: z.string().min(1).max(100),
  platform: Platform,
  timeZone: z.string().max(64).optional(),
});
const StoreUpdate = z.object({
  name: z.string().min(1).max(100).optional(),
  platform: Platform.optional(),
  timeZone: z.string().max(64).optional(),
});
const Membership = z.object({
  storeCode: z.string().max(64),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
});
const PersonCreate = z.object({
  login: z.string().max(64),
  displayName: z.string().min(1).max(64),
  password: z.string().max(256),
  phone: z.string().max(32).nullable().optional(),
  csLevel: z.enum(CS_LEVELS).nullable().optional(),
  isOwner: z.boolean().optional(),
  memberships: z.array(Membership).max(200).default([]),
});
const PersonUpdate = PersonCreate.partial();
const PeopleQuery = z.object({
  q: z.string().max(64).optional(),
  store: z.string().max(64).optional(),
  role: z.enum(ROLES).optional(),
  includeDeleted: BoolQuery.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const Login = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const Setup = z.object({
  organizationName: z.string().min(1).max(100),
  store: StoreCreate,
  owner: z.object({
    login: z.string().max(64),
    displayName: z.string().min(1).max(64),
    password: z.string().max(256),
  }),
});
const MeUpdate = z.object({
  displayName: z.string().min(1).max(64).optional(),
  locale: z.enum(['zh-CN', 'en-US']).optional(),
  currentPassword: z.string().max(256).optional(),
  newPassword: z.string().max(256).optional(),
});
const Roles = z.object({ roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length) });
const GroupCreate = z.object({
  name: z.string().min(1).max(64),
  kind: z.enum(GROUP_KINDS),
  leaderId: z.string().max(64).nullable().optional(),
  memberIds: z.array(z.string().max(64)).max(500).default([]),
});
const GroupUpdate = GroupCreate.partial();

export function teamRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const actor = (req: FastifyRequest) => {
    if (!req.actor) throw unauthenticated('auth.required', 'Please log in');
    return req.actor;
  };

  const startSession = async (req: FastifyRequest, reply: FastifyReply, personId: string) => {
    const s = await team.createSession(ctx, personId, { userAgent: req.headers['user-agent'], ip: req.ip });
    const secure = ctx.config.secureCookies || req.protocol === 'https';
    const common = { path: '/', sameSite: 'lax' as const, secure, expires: s.expiresAt };
    reply.setCookie(SESSION_COOKIE, s.secret, { ...common, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, s.csrfToken, { ...common, httpOnly: false });
    const a = await team.loadActor(ctx, personId, 'session');
    a!.csrfToken = s.csrfToken;
    return team.meDto(a!);
  };

  r.get(
    '/api/v1/health',
    {
      config: { access: { scope: 'public' } },
      schema: { tags: ['system'], summary: 'Liveness and database' },
    },
    async () => ({
      status: 'ok',
      database: ctx.database.engine,
      version: process.env.npm_package_version ?? '0.1.0',
    }),
  );

  r.get(
    '/api/v1/setup',
    {
      config: { access: { scope: 'public' } },
      schema: { tags: ['auth'], summary: 'Is the first-run set-up needed?' },
    },
    async () => ({ needed: await team.isSetupNeeded(ctx) }),
  );

  r.post(
    '/api/v1/setup',
    {
      config: { access: { scope: 'public' } },
      schema: {
        tags: ['auth'],
        summary: 'First run: organisation, first store, owner; logs in',
        body: Setup,
      },
    },
    async (req, reply) => {
      const person = await team.setUp(ctx, req.body);
      return startSession(req, reply, person.id);
    },
  );

  r.post(
    '/api/v1/auth/login',
    {
      config: {
        access: { scope: 'public' },
        rateLimit: {
          max: ctx.config.loginRateLimit,
          timeWindow: 60_000,
          keyGenerator: (req: FastifyRequest) => req.ip,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in with login and password (sets the session cookie)',
        body: Login,
      },
    },
    async (req, reply) => {
      const person = await team.authenticate(ctx, req.body.login, req.body.password);
      return startSession(req, reply, person.id);
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: { scope: 'authenticated' } },
      schema: { tags: ['auth'], summary: 'End this session' },
    },
    async (req, reply) => {
      const a = actor(req);
      if (a.sessionIdHash) await team.deleteSession(ctx, a.sessionIdHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/me',
    {
      config: { access: { scope: 'authenticated' } },
      schema: { tags: ['auth'], summary: 'Who am I: stores, roles, permissions' },
    },
    async (req) => team.meDto(actor(req)),
  );

  r.patch(
    '/api/v1/me',
    {
      config: { access: { scope: 'authenticated' } },
      schema: { tags: ['auth'], summary: 'Change my name, language or password', body: MeUpdate },
    },
    async (req) => {
      await team.updateMe(ctx, actor(req), req.body);
      const a = await team.loadActor(ctx, actor(req).person.id, actor(req).via);
      a!.csrfToken = actor(req).csrfToken;
      return team.meDto(a!);
    },
  );

  r.get(
    '/api/v1/me/tokens',
    { config: { access: { scope: 'authenticated' } }, schema: { tags: ['auth'], summary: 'My API tokens' } },
    async (req) => ({ items: await team.listApiTokens(ctx, actor(req)) }),
  );
  r.post(
    '/api/v1/me/tokens',
    {
      config: { access: { scope: 'authenticated' } },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token (shown once)',
        body: z.object({ name: z.string().min(1).max(64) }),
      },
    },
    async (req, reply) => reply.status(201).send(await team.createApiToken(ctx, actor(req), req.body.name)),
  );
  r.delete(
    '/api/v1/me/tokens/:id',
    {
      config: { access: { scope: 'authenticated' } },
      schema: { tags: ['auth'], summary: 'Revoke a token', params: IdParam },
    },
    async (req) => {
      await team.revokeApiToken(ctx, actor(req), req.params.id);
      return { ok: true };
    },
  );

  // ---- stores
  r.get(
    '/api/v1/stores',
    {
      config: { access: { scope: 'authenticated' } },
      schema: {
        tags: ['stores'],
        summary: 'The stores I can see',
        querystring: z.object({ includeDeleted: BoolQuery.optional() }),
      },
    },
    async (req) => ({ items: await team.listStores(ctx, actor(req), req.query) }),
  );
  r.post(
    '/api/v1/stores',
    {
      config: { access: { scope: 'org', permission: 'stores:create' } },
      schema: { tags: ['stores'], summary: 'Create a store (owner)', body: StoreCreate },
    },
    async (req, reply) => reply.status(201).send(await team.createStore(ctx, actor(req), req.body)),
  );
  r.get(
    '/api/v1/stores/:code',
    {
      config: { access: { scope: 'store', resource: 'today', action: 'read' } },
      schema: { tags: ['stores'], summary: 'One store', params: StoreCodeParam },
    },
    async (req) => team.getStore(actor(req), req.params.code),
  );
  r.patch(
    '/api/v1/stores/:code',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: {
        tags: ['stores'],
        summary: 'Rename a store or change its time zone',
        params: StoreCodeParam,
        body: StoreUpdate,
      },
    },
    async (req) => team.updateStore(ctx, actor(req), req.params.code, req.body),
  );
  r.delete(
    '/api/v1/stores/:code',
    {
      config: { access: { scope: 'org', permission: 'stores:create' } },
      schema: { tags: ['stores'], summary: 'Delete a store (soft)', params: StoreCodeParam },
    },
    async (req) => {
      await team.deleteStore(ctx, actor(req), req.params.code);
      return { ok: true };
    },
  );

  // ---- members and groups
  r.get(
    '/api/v1/stores/:code/members',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'read' } },
      schema: { tags: ['people'], summary: 'People working in a store, with roles', params: StoreCodeParam },
    },
    async (req) => ({ items: await team.listMembers(ctx, actor(req), req.params.code) }),
  );
  r.put(
    '/api/v1/stores/:code/members/:personId',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: {
        tags: ['people'],
        summary: "Set a person's roles in a store",
        params: z.object({ code: z.string().max(64), personId: z.string().max(64) }),
        body: Roles,
      },
    },
    async (req) => {
      await team.setMemberRoles(ctx, actor(req), req.params.code, req.params.personId, req.body.roles);
      return { ok: true };
    },
  );
  r.delete(
    '/api/v1/stores/:code/members/:personId',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: {
        tags: ['people'],
        summary: 'Take a person out of a store',
        params: z.object({ code: z.string().max(64), personId: z.string().max(64) }),
      },
    },
    async (req) => {
      await team.removeMember(ctx, actor(req), req.params.code, req.params.personId);
      return { ok: true };
    },
  );
  r.get(
    '/api/v1/stores/:code/groups',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'read' } },
      schema: {
        tags: ['people'],
        summary: 'Groups (CS, warehouse, design…) with leaders',
        params: StoreCodeParam,
      },
    },
    async (req) => ({ items: await team.listGroups(ctx, actor(req), req.params.code) }),
  );
  r.post(
    '/api/v1/stores/:code/groups',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: { tags: ['people'], summary: 'Create a group', params: StoreCodeParam, body: GroupCreate },
    },
    async (req, reply) =>
      reply.status(201).send(await team.saveGroup(ctx, actor(req), req.params.code, null, req.body)),
  );
  r.patch(
    '/api/v1/stores/:code/groups/:id',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: {
        tags: ['people'],
        summary: 'Change a group',
        params: z.object({ code: z.string().max(64), id: z.string().max(64) }),
        body: GroupUpdate,
      },
    },
    async (req) => team.saveGroup(ctx, actor(req), req.params.code, req.params.id, req.body),
  );
  r.delete(
    '/api/v1/stores/:code/groups/:id',
    {
      config: { access: { scope: 'store', resource: 'team', action: 'write' } },
      schema: {
        tags: ['people'],
        summary: 'Delete a group',
        params: z.object({ code: z.string().max(64), id: z.string().max(64) }),
      },
    },
    async (req) => {
      await team.deleteGroup(ctx, actor(req), req.params.code, req.params.id);
      return { ok: true };
    },
  );

  // ---- people (organisation level)
  r.get(
    '/api/v1/people',
    {
      config: { access: { scope: 'org', permission: 'people:read' } },
      schema: { tags: ['people'], summary: 'People I manage', querystring: PeopleQuery },
    },
    async (req) => team.listPeople(ctx, actor(req), req.query),
  );
  r.post(
    '/api/v1/people',
    {
      config: { access: { scope: 'org', permission: 'people:write' } },
      schema: { tags: ['people'], summary: 'Create a person with logins and roles', body: PersonCreate },
    },
    async (req, reply) => reply.status(201).send(await team.createPerson(ctx, actor(req), req.body)),
  );
  r.get(
    '/api/v1/people/:id',
    {
      config: { access: { scope: 'org', permission: 'people:read' } },
      schema: { tags: ['people'], summary: 'One person', params: IdParam },
    },
    async (req) => team.getPerson(ctx, actor(req), req.params.id),
  );
  r.patch(
    '/api/v1/people/:id',
    {
      config: { access: { scope: 'org', permission: 'people:write' } },
      schema: {
        tags: ['people'],
        summary: 'Change a person (password resets it)',
        params: IdParam,
        body: PersonUpdate,
      },
    },
    async (req) => team.updatePerson(ctx, actor(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/people/:id',
    {
      config: { access: { scope: 'org', permission: 'people:write' } },
      schema: { tags: ['people'], summary: 'Delete a person (soft; ends their sessions)', params: IdParam },
    },
    async (req) => team.setPersonDeleted(ctx, actor(req), req.params.id, true),
  );
  r.post(
    '/api/v1/people/:id/restore',
    {
      config: { access: { scope: 'org', permission: 'people:write' } },
      schema: { tags: ['people'], summary: 'Restore a deleted person', params: IdParam },
    },
    async (req) => team.setPersonDeleted(ctx, actor(req), req.params.id, false),
  );

  // ---- audit
  r.get(
    '/api/v1/audit',
    {
      config: { access: { scope: 'org', permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what',
        querystring: z.object({
          entity: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req) => team.listAudit(ctx, actor(req), req.query),
  );
}
