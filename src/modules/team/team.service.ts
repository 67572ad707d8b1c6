import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../../core/errors';
import { newId, newSecret } from '../../core/ids';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../core/time';
import type { DbOrTx } from '../../db/client';
import {
  assignableRoles,
  CS_LEVELS,
  canInOrg,
  canInStore,
  GROUP_KINDS,
  isAcceptablePassword,
  isValidLogin,
  isValidStoreCode,
  type OrgPermission,
  orgPermissions,
  PASSWORD_MIN,
  PLATFORMS,
  ROLES,
  resolveChatAccount,
  type StoreAction,
  type StoreResource,
  storePermissions,
} from './team.rules';
import {
  apiTokens,
  auditLog,
  chatAccounts,
  groupMembers,
  groups,
  organizations,
  people,
  sessions,
  storeMembers,
  stores,
} from './team.schema';

// ---- types ------------------------------------------------------------------------------

export type StoreRow = typeof stores.$inferSelect;
export type PersonRow = typeof people.$inferSelect;

/** The person making a request, with their stores and roles, loaded once per request. */
export type Actor = {
  person: PersonRow;
  /** Stores the person can see, by code, with their roles there (an org owner sees all). */
  stores: Map<string, { store: StoreRow; roles: string[] }>;
  via: 'session' | 'token' | 'cli';
  sessionIdHash?: string;
  csrfToken?: string;
};

export type StoreDto = {
  code: string;
  name: string;
  platform: string;
  timeZone: string;
  createdAt: string;
  deletedAt: string | null;
};
export type Membership = { storeCode: string; roles: string[] };
export type PersonDto = {
  id: string;
  login: string;
  displayName: string;
  phone: string | null;
  isOwner: boolean;
  csLevel: string | null;
  createdAt: string;
  deletedAt: string | null;
  memberships: Membership[];
};
export type MeDto = {
  person: {
    id: string;
    login: string;
    displayName: string;
    locale: string;
    csLevel: string | null;
    isOwner: boolean;
  };
  csrfToken: string;
  stores: {
    code: string;
    name: string;
    platform: string;
    timeZone: string;
    roles: string[];
    permissions: string[];
  }[];
  orgPermissions: string[];
};

// ---- helpers ----------------------------------------------------------------------------

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function storeDto(s: StoreRow): StoreDto {
  return {
    code: s.code,
    name: s.name,
    platform: s.platform,
    timeZone: s.timeZone,
    createdAt: s.createdAt.toISOString(),
    deletedAt: iso(s.deletedAt),
  };
}

function field(
  fieldName: string,
  code: string,
  message: string,
  params: Record<string, string | number> = {},
) {
  return badInput(code, message, { details: { field: fieldName }, params: { field: fieldName, ...params } });
}

async function audit(
  db: DbOrTx,
  ctx: Ctx,
  e: {
    orgId: string;
    storeId?: string | null;
    actorId: string | null;
    action: string;
    entity: string;
    entityId: string;
    changes?: unknown;
  },
) {
  await db.insert(auditLog).values({
    id: newId(ctx.clock.now().getTime()),
    orgId: e.orgId,
    storeId: e.storeId ?? null,
    actorId: e.actorId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    changes: (e.changes ?? null) as never,
    at: ctx.clock.now(),
  });
}

/** { field: [before, after] } for the fields that changed. */
function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after)) {
    if (after[k] === undefined) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  }
  return out;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}

// ---- passwords --------------------------------------------------------------------------

export function hashPassword(pw: string): Promise<string> {
  return hash(pw); // argon2id, the library's default
}

// A real hash to verify against when the login does not exist, so the answer takes as long
// as a wrong password (no user enumeration by timing).
let dummyHash: Promise<string> | null = null;

// ---- set-up -----------------------------------------------------------------------------

export async function isSetupNeeded(ctx: Ctx): Promise<boolean> {
  const [r] = await ctx.database.db.select({ n: count() }).from(organizations);
  return Number(r.n) === 0;
}

export type SetupInput = {
  organizationName: string;
  /** The first store; the CLI's `user add --owner` may set up without one. */
  store?: { code: string; name: string; platform: string; timeZone?: string };
  owner: { login: string; displayName: string; password: string };
};

/** First run: the organisation, its first store and the owner. Refused once done. */
export async function setUp(ctx: Ctx, input: SetupInput): Promise<PersonRow> {
  if (input.store) validateStoreInput(input.store);
  validatePersonFields({
    login: input.owner.login,
    password: input.owner.password,
    displayName: input.owner.displayName,
  });
  if (!input.organizationName.trim())
    throw field('organizationName', 'validation.required', 'Organisation name is required');
  const passwordHash = await hashPassword(input.owner.password);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    // Serialise concurrent set-ups; the second one finds the organisation and stops.
    await tx.execute(sql`select pg_advisory_xact_lock(7310452002)`);
    const [existing] = await tx.select({ n: count() }).from(organizations);
    if (Number(existing.n) > 0) throw conflict('setup.done', 'StoreOps is already set up');
    const orgId = newId(now.getTime());
    await tx.insert(organizations).values({ id: orgId, name: input.organizationName.trim(), createdAt: now });
    const storeId = newId(now.getTime());
    if (input.store) {
      await tx.insert(stores).values({
        id: storeId,
        orgId,
        code: input.store.code,
        name: input.store.name.trim(),
        platform: input.store.platform,
        timeZone: input.store.timeZone ?? DEFAULT_TIME_ZONE,
        createdAt: now,
        updatedAt: now,
      });
    }
    const personId = newId(now.getTime());
    const [person] = await tx
      .insert(people)
      .values({
        id: personId,
        orgId,
        login: input.owner.login,
        displayName: input.owner.displayName.trim(),
        passwordHash,
        isOwner: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (input.store) {
      await tx
        .insert(storeMembers)
        .values({ storeId, personId, roles: ['owner'], createdAt: now, updatedAt: now });
    }
    await audit(tx, ctx, {
      orgId,
      actorId: personId,
      action: 'setup',
      entity: 'organization',
      entityId: orgId,
    });
    return person;
  });
}

// ---- authentication ---------------------------------------------------------------------

/** Checks login + password. The error never says which of the two was wrong. */
export async function authenticate(ctx: Ctx, login: string, password: string): Promise<PersonRow> {
  const [person] = await ctx.database.db
    .select()
    .from(people)
    .where(and(sql`lower(${people.login}) = lower(${login})`, isNull(people.deletedAt)))
    .limit(1);
  if (!person) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    throw unauthenticated('auth.invalid_credentials', 'Wrong login or password');
  }
  const ok = await verify(person.passwordHash, password).catch(() => false);
  if (!ok) throw unauthenticated('auth.invalid_credentials', 'Wrong login or password');
  return person;
}

export async function createSession(
  ctx: Ctx,
  personId: string,
  meta: { userAgent?: string; ip?: string },
): Promise<{ secret: string; csrfToken: string; expiresAt: Date }> {
  const secret = newSecret();
  const csrfToken = newSecret(24);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000);
  await ctx.database.db.insert(sessions).values({
    idHash: sha256(secret),
    personId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip ?? null,
  });
  return { secret, csrfToken, expiresAt };
}

export async function deleteSession(ctx: Ctx, idHash: string): Promise<void> {
  await ctx.database.db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** The actor behind a session cookie, or null when absent/expired. Sliding expiry. */
export async function actorFromSession(ctx: Ctx, secret: string): Promise<Actor | null> {
  const idHash = sha256(secret);
  const now = ctx.clock.now();
  const [s] = await ctx.database.db.select().from(sessions).where(eq(sessions.idHash, idHash)).limit(1);
  if (!s) return null;
  if (s.expiresAt <= now) {
    await deleteSession(ctx, idHash);
    return null;
  }
  // Touch at most once a minute: a session read should not write on every request.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    await ctx.database.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000) })
      .where(eq(sessions.idHash, idHash));
  }
  const actor = await loadActor(ctx, s.personId, 'session');
  if (!actor) return null;
  actor.sessionIdHash = idHash;
  actor.csrfToken = s.csrfToken;
  return actor;
}

export async function actorFromApiToken(ctx: Ctx, token: string): Promise<Actor | null> {
  const [t] = await ctx.database.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!t) return null;
  const now = ctx.clock.now();
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await ctx.database.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  return loadActor(ctx, t.personId, 'token');
}

/** Loads a live person with the stores they may see. Null for a deleted person. */
export async function loadActor(ctx: Ctx, personId: string, via: Actor['via']): Promise<Actor | null> {
  const db = ctx.database.db;
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, personId), isNull(people.deletedAt)))
    .limit(1);
  if (!person) return null;
  const map: Actor['stores'] = new Map();
  const rows = await db
    .select({ store: stores, roles: storeMembers.roles })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(and(eq(storeMembers.personId, personId), isNull(stores.deletedAt)))
    .orderBy(asc(stores.createdAt));
  for (const r of rows) map.set(r.store.code, { store: r.store, roles: r.roles });
  if (person.isOwner) {
    const all = await db
      .select()
      .from(stores)
      .where(and(eq(stores.orgId, person.orgId), isNull(stores.deletedAt)))
      .orderBy(asc(stores.createdAt));
    for (const s of all) {
      const m = map.get(s.code);
      map.set(s.code, { store: s, roles: m ? Array.from(new Set(['owner', ...m.roles])) : ['owner'] });
    }
  }
  return { person, stores: map, via };
}

function rolesByStore(actor: Actor): string[][] {
  return [...actor.stores.values()].map((m) => m.roles);
}

export function actorOrgPermissions(actor: Actor): OrgPermission[] {
  return orgPermissions(actor.person.isOwner, rolesByStore(actor));
}

export function requireOrg(actor: Actor, p: OrgPermission): void {
  if (!canInOrg(actor.person.isOwner, rolesByStore(actor), p)) {
    throw forbidden('auth.forbidden', 'Your roles do not allow this');
  }
}

/**
 * The store a request names, if the actor may see it; else 404 (never reveal that another
 * store's record exists). Then the role check: 403.
 */
export function requireStore(
  actor: Actor,
  code: string,
  resource: StoreResource,
  action: StoreAction,
): { store: StoreRow; roles: string[] } {
  const m = actor.stores.get(code);
  if (!m) throw notFound('store.not_found', `No store ${code}`, { params: { code } });
  if (!canInStore(m.roles, resource, action))
    throw forbidden('auth.forbidden', 'Your roles do not allow this');
  return m;
}

export function meDto(actor: Actor): MeDto {
  const p = actor.person;
  return {
    person: {
      id: p.id,
      login: p.login,
      displayName: p.displayName,
      locale: p.locale,
      csLevel: p.csLevel,
      isOwner: p.isOwner,
    },
    csrfToken: actor.csrfToken ?? '',
    stores: [...actor.stores.values()].map(({ store, roles }) => ({
      code: store.code,
      name: store.name,
      platform: store.platform,
      timeZone: store.timeZone,
      roles,
      permissions: storePermissions(roles),
    })),
    orgPermissions: actorOrgPermissions(actor),
  };
}

export async function updateMe(
  ctx: Ctx,
  actor: Actor,
  input: { displayName?: string; locale?: string; currentPassword?: string; newPassword?: string },
): Promise<void> {
  const set: Partial<PersonRow> = {};
  if (input.displayName !== undefined) {
    if (!input.displayName.trim())
      throw field('displayName', 'validation.required', 'Display name is required');
    set.displayName = input.displayName.trim();
  }
  if (input.locale !== undefined) {
    if (input.locale !== 'zh-CN' && input.locale !== 'en-US')
      throw field('locale', 'validation.locale', 'Unknown language');
    set.locale = input.locale;
  }
  if (input.newPassword !== undefined) {
    const ok = await verify(actor.person.passwordHash, input.currentPassword ?? '').catch(() => false);
    if (!ok) throw field('currentPassword', 'auth.wrong_password', 'The current password is wrong');
    if (!isAcceptablePassword(input.newPassword))
      throw field('newPassword', 'validation.password', 'Password too short', { min: PASSWORD_MIN });
    set.passwordHash = await hashPassword(input.newPassword);
  }
  if (Object.keys(set).length === 0) return;
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(people)
      .set({ ...set, updatedAt: now })
      .where(eq(people.id, actor.person.id));
    if (set.passwordHash && actor.sessionIdHash) {
      // A password change ends every other session of that person.
      await tx
        .delete(sessions)
        .where(
          and(eq(sessions.personId, actor.person.id), sql`${sessions.idHash} <> ${actor.sessionIdHash}`),
        );
    }
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      actorId: actor.person.id,
      action: 'update',
      entity: 'person',
      entityId: actor.person.id,
      changes: {
        ...diff(actor.person, { displayName: set.displayName, locale: set.locale }),
        ...(set.passwordHash ? { password: ['***', '***'] } : {}),
      },
    });
  });
}

// ---- API tokens -------------------------------------------------------------------------

export async function createApiToken(ctx: Ctx, actor: Actor, name: string) {
  if (!name.trim()) throw field('name', 'validation.required', 'Name is required');
  const token = `so_${newSecret()}`;
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  const prefix = token.slice(0, 7);
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({
      id,
      personId: actor.person.id,
      name: name.trim(),
      tokenHash: sha256(token),
      prefix,
      createdAt: now,
    });
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      actorId: actor.person.id,
      action: 'create',
      entity: 'api_token',
      entityId: id,
      changes: { name: name.trim() },
    });
  });
  return { id, name: name.trim(), prefix, token };
}

export async function listApiTokens(ctx: Ctx, actor: Actor) {
  const rows = await ctx.database.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, actor.person.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
  }));
}

export async function revokeApiToken(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const r = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.personId, actor.person.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (r.length === 0) throw notFound('token.not_found', 'No such token');
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      actorId: actor.person.id,
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
    });
  });
}

// ---- stores -----------------------------------------------------------------------------

function validateStoreInput(s: { code?: string; name?: string; platform?: string; timeZone?: string }) {
  if (s.code !== undefined && !isValidStoreCode(s.code))
    throw field('code', 'store.invalid_code', `Invalid store code: ${s.code}`, { value: s.code });
  if (s.name !== undefined && !s.name.trim())
    throw field('name', 'validation.required', 'Store name is required');
  if (s.platform !== undefined && !(PLATFORMS as readonly string[]).includes(s.platform))
    throw field('platform', 'store.invalid_platform', `Unknown platform: ${s.platform}`, {
      value: s.platform,
    });
  if (s.timeZone !== undefined && !isValidTimeZone(s.timeZone))
    throw field('timeZone', 'store.invalid_time_zone', `Unknown time zone: ${s.timeZone}`, {
      value: s.timeZone,
    });
}

export async function listStores(ctx: Ctx, actor: Actor, opts: { includeDeleted?: boolean } = {}) {
  const visible = [...actor.stores.values()].map((m) => storeDto(m.store));
  if (!opts.includeDeleted || !actor.person.isOwner) return visible;
  const deleted = await ctx.database.db
    .select()
    .from(stores)
    .where(and(eq(stores.orgId, actor.person.orgId), sql`${stores.deletedAt} is not null`));
  return [...visible, ...deleted.map(storeDto)];
}

export async function createStore(
  ctx: Ctx,
  actor: Actor,
  input: { code: string; name: string; platform: string; timeZone?: string },
): Promise<StoreDto> {
  requireOrg(actor, 'stores:create');
  validateStoreInput(input);
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const id = newId(now.getTime());
      const [row] = await tx
        .insert(stores)
        .values({
          id,
          orgId: actor.person.orgId,
          code: input.code,
          name: input.name.trim(),
          platform: input.platform,
          timeZone: input.timeZone ?? DEFAULT_TIME_ZONE,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await audit(tx, ctx, {
        orgId: actor.person.orgId,
        storeId: id,
        actorId: actor.person.id,
        action: 'create',
        entity: 'store',
        entityId: id,
        changes: { code: row.code, name: row.name, platform: row.platform, timeZone: row.timeZone },
      });
      return storeDto(row);
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw badInput('store.code_taken', `Store code ${input.code} is taken`, {
        details: { field: 'code' },
        params: { code: input.code },
      });
    throw e;
  }
}

export function getStore(actor: Actor, code: string): StoreDto {
  const m = actor.stores.get(code);
  if (!m) throw notFound('store.not_found', `No store ${code}`, { params: { code } });
  return storeDto(m.store);
}

export async function updateStore(
  ctx: Ctx,
  actor: Actor,
  code: string,
  input: { name?: string; timeZone?: string; platform?: string },
): Promise<StoreDto> {
  const m = actor.stores.get(code);
  if (!m) throw notFound('store.not_found', `No store ${code}`, { params: { code } });
  if (!actor.person.isOwner && !m.roles.includes('manager') && !m.roles.includes('owner'))
    throw forbidden('auth.forbidden', 'Your roles do not allow this');
  validateStoreInput(input);
  const set = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.platform !== undefined ? { platform: input.platform } : {}),
  };
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(stores)
      .set({ ...set, updatedAt: now })
      .where(eq(stores.id, m.store.id))
      .returning();
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: m.store.id,
      actorId: actor.person.id,
      action: 'update',
      entity: 'store',
      entityId: m.store.id,
      changes: diff(m.store, set),
    });
    return storeDto(row);
  });
}

export async function deleteStore(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  requireOrg(actor, 'stores:create');
  const m = actor.stores.get(code);
  if (!m) throw notFound('store.not_found', `No store ${code}`, { params: { code } });
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(stores).set({ deletedAt: now, updatedAt: now }).where(eq(stores.id, m.store.id));
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: m.store.id,
      actorId: actor.person.id,
      action: 'delete',
      entity: 'store',
      entityId: m.store.id,
    });
  });
}

// ---- people -----------------------------------------------------------------------------

function validatePersonFields(p: {
  login?: string;
  password?: string;
  displayName?: string;
  csLevel?: string | null;
  phone?: string | null;
}) {
  if (p.login !== undefined && !isValidLogin(p.login))
    throw field('login', 'person.invalid_login', `Invalid login: ${p.login}`, { value: p.login });
  if (p.password !== undefined && !isAcceptablePassword(p.password))
    throw field('password', 'validation.password', 'Password too short', { min: PASSWORD_MIN });
  if (p.displayName !== undefined && !p.displayName.trim())
    throw field('displayName', 'validation.required', 'Display name is required');
  if (p.csLevel !== undefined && p.csLevel !== null && !(CS_LEVELS as readonly string[]).includes(p.csLevel))
    throw field('csLevel', 'person.invalid_cs_level', `Unknown CS level: ${p.csLevel}`, { value: p.csLevel });
  if (p.phone !== undefined && p.phone !== null && !/^[+\d][\d\s-]{4,24}$/.test(p.phone))
    throw field('phone', 'person.invalid_phone', `Invalid phone: ${p.phone}`, { value: p.phone });
}

/** Stores whose people this actor manages (all of them for an org owner). */
function managedStoreIds(actor: Actor): Set<string> {
  const out = new Set<string>();
  for (const { store, roles } of actor.stores.values()) {
    if (actor.person.isOwner || roles.includes('manager') || roles.includes('owner')) out.add(store.id);
  }
  return out;
}

function validateMemberships(
  actor: Actor,
  memberships: Membership[],
): { storeId: string; roles: string[] }[] {
  const allowedRoles = assignableRoles(actor.person.isOwner) as readonly string[];
  const managed = managedStoreIds(actor);
  const seen = new Set<string>();
  return memberships.map((m, i) => {
    const s = actor.stores.get(m.storeCode);
    if (!s || !managed.has(s.store.id))
      throw badInput('person.store_not_managed', `You do not manage store ${m.storeCode}`, {
        details: { field: `memberships.${i}.storeCode` },
        params: { code: m.storeCode },
      });
    if (seen.has(s.store.id))
      throw badInput('person.duplicate_membership', `Store ${m.storeCode} listed twice`, {
        details: { field: `memberships.${i}.storeCode` },
        params: { code: m.storeCode },
      });
    seen.add(s.store.id);
    if (m.roles.length === 0)
      throw badInput('person.no_roles', 'Give at least one role', {
        details: { field: `memberships.${i}.roles` },
      });
    for (const r of m.roles) {
      if (!(ROLES as readonly string[]).includes(r))
        throw badInput('person.invalid_role', `Unknown role: ${r}`, {
          details: { field: `memberships.${i}.roles` },
          params: { value: r },
        });
      if (!allowedRoles.includes(r))
        throw forbidden('person.role_not_assignable', `Only an owner can give the role ${r}`, {
          details: { field: `memberships.${i}.roles` },
          params: { value: r },
        });
    }
    return { storeId: s.store.id, roles: Array.from(new Set(m.roles)) };
  });
}

async function membershipsOf(db: DbOrTx, personIds: string[]): Promise<Map<string, Membership[]>> {
  const out = new Map<string, Membership[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .select({ personId: storeMembers.personId, code: stores.code, roles: storeMembers.roles })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(and(inArray(storeMembers.personId, personIds), isNull(stores.deletedAt)))
    .orderBy(asc(stores.code));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ storeCode: r.code, roles: r.roles });
    out.set(r.personId, list);
  }
  return out;
}

function personDto(p: PersonRow, memberships: Membership[]): PersonDto {
  return {
    id: p.id,
    login: p.login,
    displayName: p.displayName,
    phone: p.phone,
    isOwner: p.isOwner,
    csLevel: p.csLevel,
    createdAt: p.createdAt.toISOString(),
    deletedAt: iso(p.deletedAt),
    memberships,
  };
}

/** People the actor may see: an owner sees the whole organisation, a manager their stores' people. */
function visiblePeopleFilter(actor: Actor) {
  const orgFilter = eq(people.orgId, actor.person.orgId);
  if (actor.person.isOwner) return orgFilter;
  const managed = [...managedStoreIds(actor)];
  if (managed.length === 0) return sql`false`;
  return and(
    orgFilter,
    sql`exists (select 1 from ${storeMembers} sm where sm.person_id = ${people.id} and sm.store_id in (${sql.join(
      managed.map((id) => sql`${id}`),
      sql`, `,
    )}))`,
  );
}

export async function listPeople(
  ctx: Ctx,
  actor: Actor,
  q: { q?: string; store?: string; role?: string; includeDeleted?: boolean; limit?: number; offset?: number },
): Promise<{ items: PersonDto[]; total: number }> {
  requireOrg(actor, 'people:read');
  const db = ctx.database.db;
  const conds = [visiblePeopleFilter(actor)];
  if (!q.includeDeleted) conds.push(isNull(people.deletedAt));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(people.login, like), ilike(people.displayName, like))!);
  }
  if (q.store || q.role) {
    const storeId = q.store ? actor.stores.get(q.store)?.store.id : undefined;
    if (q.store && !storeId) return { items: [], total: 0 };
    conds.push(
      sql`exists (select 1 from ${storeMembers} sm where sm.person_id = ${people.id}${
        storeId ? sql` and sm.store_id = ${storeId}` : sql``
      }${q.role ? sql` and ${q.role} = any(sm.roles)` : sql``})`,
    );
  }
  const where = and(...conds);
  const [{ n }] = await db.select({ n: count() }).from(people).where(where);
  const rows = await db
    .select()
    .from(people)
    .where(where)
    .orderBy(asc(people.displayName), asc(people.id))
    .limit(Math.min(q.limit ?? 50, 500))
    .offset(q.offset ?? 0);
  const ms = await membershipsOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => personDto(r, ms.get(r.id) ?? [])), total: Number(n) };
}

async function loadVisiblePerson(db: DbOrTx, actor: Actor, id: string): Promise<PersonRow> {
  const [p] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), visiblePeopleFilter(actor)))
    .limit(1);
  if (!p) throw notFound('person.not_found', 'No such person');
  return p;
}

export async function getPerson(ctx: Ctx, actor: Actor, id: string): Promise<PersonDto> {
  requireOrg(actor, 'people:read');
  const p = await loadVisiblePerson(ctx.database.db, actor, id);
  const ms = await membershipsOf(ctx.database.db, [p.id]);
  return personDto(p, ms.get(p.id) ?? []);
}

export type PersonInput = {
  login: string;
  displayName: string;
  password: string;
  phone?: string | null;
  csLevel?: string | null;
  isOwner?: boolean;
  memberships: Membership[];
};

export async function createPerson(ctx: Ctx, actor: Actor, input: PersonInput): Promise<PersonDto> {
  requireOrg(actor, 'people:write');
  validatePersonFields(input);
  if (input.isOwner && !actor.person.isOwner)
    throw forbidden('person.role_not_assignable', 'Only an owner can make owners');
  const ms = validateMemberships(actor, input.memberships);
  if (ms.length === 0 && !actor.person.isOwner)
    throw badInput('person.no_store', 'Give the person at least one store', {
      details: { field: 'memberships' },
    });
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const id = newId(now.getTime());
  try {
    await ctx.database.db.transaction(async (tx) => {
      await tx.insert(people).values({
        id,
        orgId: actor.person.orgId,
        login: input.login,
        displayName: input.displayName.trim(),
        passwordHash,
        phone: input.phone ?? null,
        csLevel: input.csLevel ?? null,
        isOwner: input.isOwner ?? false,
        createdAt: now,
        updatedAt: now,
      });
      if (ms.length) {
        await tx.insert(storeMembers).values(
          ms.map((m) => ({
            storeId: m.storeId,
            personId: id,
            roles: m.roles,
            createdAt: now,
            updatedAt: now,
          })),
        );
      }
      await audit(tx, ctx, {
        orgId: actor.person.orgId,
        actorId: actor.person.id,
        action: 'create',
        entity: 'person',
        entityId: id,
        changes: {
          login: input.login,
          displayName: input.displayName,
          csLevel: input.csLevel ?? null,
          memberships: input.memberships,
        },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict('person.login_taken', `The login ${input.login} is taken`, {
        details: { field: 'login' },
        params: { login: input.login },
      });
    throw e;
  }
  return getPerson(ctx, actor, id);
}

export async function updatePerson(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: Partial<Omit<PersonInput, 'login'>> & { login?: string },
): Promise<PersonDto> {
  requireOrg(actor, 'people:write');
  validatePersonFields(input);
  const db = ctx.database.db;
  const before = await loadVisiblePerson(db, actor, id);
  if (before.isOwner && !actor.person.isOwner)
    throw forbidden('auth.forbidden', 'Only an owner can change an owner');
  if (input.isOwner !== undefined && !actor.person.isOwner)
    throw forbidden('person.role_not_assignable', 'Only an owner can make owners');
  if (input.isOwner === false && before.id === actor.person.id)
    throw badInput('person.last_owner', 'You cannot remove your own owner status');
  const ms = input.memberships ? validateMemberships(actor, input.memberships) : null;
  const set: Partial<PersonRow> = {};
  if (input.login !== undefined) set.login = input.login;
  if (input.displayName !== undefined) set.displayName = input.displayName.trim();
  if (input.phone !== undefined) set.phone = input.phone;
  if (input.csLevel !== undefined) set.csLevel = input.csLevel;
  if (input.isOwner !== undefined) set.isOwner = input.isOwner;
  if (input.password !== undefined) set.passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  const managed = managedStoreIds(actor);
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(people)
        .set({ ...set, updatedAt: now })
        .where(eq(people.id, id));
      if (set.passwordHash) await tx.delete(sessions).where(eq(sessions.personId, id));
      if (ms) {
        // Replace memberships only in the stores the actor manages; others stay as they are.
        const managedIds = [...managed];
        if (managedIds.length)
          await tx
            .delete(storeMembers)
            .where(and(eq(storeMembers.personId, id), inArray(storeMembers.storeId, managedIds)));
        if (ms.length)
          await tx.insert(storeMembers).values(
            ms.map((m) => ({
              storeId: m.storeId,
              personId: id,
              roles: m.roles,
              createdAt: now,
              updatedAt: now,
            })),
          );
      }
      const { passwordHash: _ph, ...visibleSet } = set;
      await audit(tx, ctx, {
        orgId: actor.person.orgId,
        actorId: actor.person.id,
        action: 'update',
        entity: 'person',
        entityId: id,
        changes: {
          ...diff(before, visibleSet),
          ...(set.passwordHash ? { password: ['***', '***'] } : {}),
          ...(input.memberships ? { memberships: [null, input.memberships] } : {}),
        },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict('person.login_taken', `The login ${input.login} is taken`, {
        details: { field: 'login' },
        params: { login: input.login ?? '' },
      });
    throw e;
  }
  return getPerson(ctx, actor, id);
}

export async function setPersonDeleted(
  ctx: Ctx,
  actor: Actor,
  id: string,
  deleted: boolean,
): Promise<PersonDto> {
  requireOrg(actor, 'people:write');
  const before = await loadVisiblePerson(ctx.database.db, actor, id);
  if (before.id === actor.person.id) throw badInput('person.self_delete', 'You cannot delete yourself');
  if (before.isOwner && !actor.person.isOwner)
    throw forbidden('auth.forbidden', 'Only an owner can change an owner');
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(people)
      .set({ deletedAt: deleted ? now : null, updatedAt: now })
      .where(eq(people.id, id));
    if (deleted) {
      await tx.delete(sessions).where(eq(sessions.personId, id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.personId, id), isNull(apiTokens.revokedAt)));
    }
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      actorId: actor.person.id,
      action: deleted ? 'delete' : 'restore',
      entity: 'person',
      entityId: id,
    });
  });
  return getPerson(ctx, actor, id);
}

// ---- store members ----------------------------------------------------------------------

export async function listMembers(ctx: Ctx, actor: Actor, code: string) {
  const { store } = requireStore(actor, code, 'team', 'read');
  const rows = await ctx.database.db
    .select({
      personId: people.id,
      login: people.login,
      displayName: people.displayName,
      csLevel: people.csLevel,
      roles: storeMembers.roles,
    })
    .from(storeMembers)
    .innerJoin(people, eq(people.id, storeMembers.personId))
    .where(and(eq(storeMembers.storeId, store.id), isNull(people.deletedAt)))
    .orderBy(asc(people.displayName));
  return rows;
}

export async function setMemberRoles(
  ctx: Ctx,
  actor: Actor,
  code: string,
  personId: string,
  roles: string[],
) {
  const { store } = requireStore(actor, code, 'team', 'write');
  const [m] = validateMemberships(actor, [{ storeCode: code, roles }]);
  const target = await loadVisiblePersonInOrg(ctx.database.db, actor, personId);
  if (target.isOwner && !actor.person.isOwner)
    throw forbidden('auth.forbidden', 'Only an owner can change an owner');
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(storeMembers)
      .values({ storeId: store.id, personId, roles: m.roles, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [storeMembers.storeId, storeMembers.personId],
        set: { roles: m.roles, updatedAt: now },
      });
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: store.id,
      actorId: actor.person.id,
      action: 'set_roles',
      entity: 'person',
      entityId: personId,
      changes: { roles: m.roles },
    });
  });
}

export async function removeMember(ctx: Ctx, actor: Actor, code: string, personId: string) {
  const { store } = requireStore(actor, code, 'team', 'write');
  if (personId === actor.person.id)
    throw badInput('person.self_remove', 'You cannot remove yourself from a store');
  await ctx.database.db.transaction(async (tx) => {
    const r = await tx
      .delete(storeMembers)
      .where(and(eq(storeMembers.storeId, store.id), eq(storeMembers.personId, personId)))
      .returning({ personId: storeMembers.personId });
    if (r.length === 0) throw notFound('person.not_found', 'No such person in this store');
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: store.id,
      actorId: actor.person.id,
      action: 'remove_member',
      entity: 'person',
      entityId: personId,
    });
  });
}

/** Anyone of the actor's organisation (to add them to a store the actor manages). */
async function loadVisiblePersonInOrg(db: DbOrTx, actor: Actor, id: string): Promise<PersonRow> {
  const [p] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), eq(people.orgId, actor.person.orgId), isNull(people.deletedAt)))
    .limit(1);
  if (!p) throw notFound('person.not_found', 'No such person');
  return p;
}

// ---- groups -----------------------------------------------------------------------------

export type GroupInput = { name: string; kind: string; leaderId?: string | null; memberIds: string[] };

async function checkGroupPeople(db: DbOrTx, storeId: string, ids: string[]) {
  if (ids.length === 0) return;
  const rows = await db
    .select({ id: storeMembers.personId })
    .from(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), inArray(storeMembers.personId, ids)));
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length)
    throw badInput('group.not_member', 'Group members must work in this store', {
      details: { field: 'memberIds', missing },
    });
}

function validateGroup(input: Partial<GroupInput>) {
  if (input.name !== undefined && !input.name.trim())
    throw field('name', 'validation.required', 'Name is required');
  if (input.kind !== undefined && !(GROUP_KINDS as readonly string[]).includes(input.kind))
    throw field('kind', 'group.invalid_kind', `Unknown group kind: ${input.kind}`, { value: input.kind });
}

export async function listGroups(ctx: Ctx, actor: Actor, code: string) {
  const { store } = requireStore(actor, code, 'team', 'read');
  const db = ctx.database.db;
  const gs = await db
    .select()
    .from(groups)
    .where(and(eq(groups.storeId, store.id), isNull(groups.deletedAt)))
    .orderBy(asc(groups.name));
  const ms = await db.select().from(groupMembers).where(eq(groupMembers.storeId, store.id));
  return gs.map((g) => ({
    id: g.id,
    name: g.name,
    kind: g.kind,
    leaderId: g.leaderId,
    memberIds: ms.filter((m) => m.groupId === g.id).map((m) => m.personId),
  }));
}

export async function saveGroup(
  ctx: Ctx,
  actor: Actor,
  code: string,
  groupId: string | null,
  input: Partial<GroupInput>,
) {
  const { store } = requireStore(actor, code, 'team', 'write');
  validateGroup(input);
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const memberIds = input.memberIds ? Array.from(new Set(input.memberIds)) : undefined;
  await checkGroupPeople(db, store.id, [...(memberIds ?? []), ...(input.leaderId ? [input.leaderId] : [])]);
  const id = groupId ?? newId(now.getTime());
  await db.transaction(async (tx) => {
    if (groupId) {
      const r = await tx
        .update(groups)
        .set({
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.leaderId !== undefined ? { leaderId: input.leaderId } : {}),
          updatedAt: now,
        })
        .where(and(eq(groups.storeId, store.id), eq(groups.id, groupId), isNull(groups.deletedAt)))
        .returning({ id: groups.id });
      if (r.length === 0) throw notFound('group.not_found', 'No such group');
    } else {
      if (!input.name || !input.kind)
        throw field(!input.name ? 'name' : 'kind', 'validation.required', 'Required');
      await tx.insert(groups).values({
        storeId: store.id,
        id,
        name: input.name.trim(),
        kind: input.kind,
        leaderId: input.leaderId ?? null,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (memberIds) {
      await tx
        .delete(groupMembers)
        .where(and(eq(groupMembers.storeId, store.id), eq(groupMembers.groupId, id)));
      if (memberIds.length)
        await tx
          .insert(groupMembers)
          .values(memberIds.map((personId) => ({ storeId: store.id, groupId: id, personId })));
    }
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: store.id,
      actorId: actor.person.id,
      action: groupId ? 'update' : 'create',
      entity: 'group',
      entityId: id,
      changes: input,
    });
  });
  return (await listGroups(ctx, actor, code)).find((g) => g.id === id)!;
}

export async function deleteGroup(ctx: Ctx, actor: Actor, code: string, groupId: string) {
  const { store } = requireStore(actor, code, 'team', 'write');
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const r = await tx
      .update(groups)
      .set({ deletedAt: now, updatedAt: now })
      .where(and(eq(groups.storeId, store.id), eq(groups.id, groupId), isNull(groups.deletedAt)))
      .returning({ id: groups.id });
    if (r.length === 0) throw notFound('group.not_found', 'No such group');
    await audit(tx, ctx, {
      orgId: actor.person.orgId,
      storeId: store.id,
      actorId: actor.person.id,
      action: 'delete',
      entity: 'group',
      entityId: groupId,
    });
  });
}

// ---- audit log --------------------------------------------------------------------------

export async function listAudit(
  ctx: Ctx,
  actor: Actor,
  q: { entity?: string; limit?: number; offset?: number },
) {
  requireOrg(actor, 'audit:read');
  const db = ctx.database.db;
  const conds = [eq(auditLog.orgId, actor.person.orgId)];
  if (!actor.person.isOwner) {
    // A manager sees what happened in their stores and to people, not other stores' records.
    const managed = [...managedStoreIds(actor)];
    conds.push(
      or(isNull(auditLog.storeId), managed.length ? inArray(auditLog.storeId, managed) : sql`false`)!,
    );
  }
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  const where = and(...conds);
  const [{ n }] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select({ a: auditLog, actorName: people.displayName, storeCode: stores.code })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId))
    .leftJoin(stores, eq(stores.id, auditLog.storeId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(Math.min(q.limit ?? 50, 500))
    .offset(q.offset ?? 0);
  return {
    total: Number(n),
    items: rows.map((r) => ({
      id: r.a.id,
      at: r.a.at.toISOString(),
      actor: r.a.actorId ? { id: r.a.actorId, displayName: r.actorName ?? '' } : null,
      action: r.a.action,
      entity: r.a.entity,
      entityId: r.a.entityId,
      storeCode: r.storeCode ?? null,
      changes: r.a.changes,
    })),
  };
}

// ---- CLI helpers ------------------------------------------------------------------------

/** The CLI acts as the organisation's first owner (it runs on the server with its data). */
export async function cliActor(ctx: Ctx): Promise<Actor | null> {
  const [owner] = await ctx.database.db
    .select()
    .from(people)
    .where(and(eq(people.isOwner, true), isNull(people.deletedAt)))
    .orderBy(asc(people.createdAt))
    .limit(1);
  if (!owner) return null;
  return loadActor(ctx, owner.id, 'cli');
}

export async function findStoreByCode(ctx: Ctx, code: string): Promise<StoreRow | null> {
  const [s] = await ctx.database.db
    .select()
    .from(stores)
    .where(and(eq(stores.code, code), isNull(stores.deletedAt)))
    .limit(1);
  return s ?? null;
}

/** A store's current people with their roles there (system use: other modules, schedulers). */
export type StorePerson = {
  personId: string;
  login: string;
  displayName: string;
  csLevel: string | null;
  roles: string[];
};

export async function storePeople(ctx: Ctx, storeId: string): Promise<StorePerson[]> {
  return ctx.database.db
    .select({
      personId: people.id,
      login: people.login,
      displayName: people.displayName,
      csLevel: people.csLevel,
      roles: storeMembers.roles,
    })
    .from(storeMembers)
    .innerJoin(people, eq(people.id, storeMembers.personId))
    .where(and(eq(storeMembers.storeId, storeId), isNull(people.deletedAt)))
    .orderBy(asc(people.displayName));
}

/** The person's roles in the store, or null when they are not a (current) member. */
export async function memberRoles(ctx: Ctx, storeId: string, personId: string): Promise<string[] | null> {
  const [row] = await ctx.database.db
    .select({ roles: storeMembers.roles })
    .from(storeMembers)
    .innerJoin(people, eq(people.id, storeMembers.personId))
    .where(
      and(eq(storeMembers.storeId, storeId), eq(storeMembers.personId, personId), isNull(people.deletedAt)),
    )
    .limit(1);
  return row ? row.roles : null;
}

/** Every live store (system use: schedulers). */
export async function allStores(ctx: Ctx): Promise<StoreRow[]> {
  return ctx.database.db.select().from(stores).where(isNull(stores.deletedAt)).orderBy(asc(stores.code));
}

export { chatAccountShortName, qualityQueueRights, ROLES, type Role } from './team.rules';

/** A store by id, live or not (system use: schedulers, other modules). */
export async function storeById(ctx: Ctx, storeId: string): Promise<StoreRow | null> {
  const [s] = await ctx.database.db.select().from(stores).where(eq(stores.id, storeId)).limit(1);
  return s ?? null;
}

/** A store's live groups with leader and members (system use: escalation chains). */
export async function storeGroups(
  ctx: Ctx,
  storeId: string,
): Promise<{ id: string; name: string; kind: string; leaderId: string | null; memberIds: string[] }[]> {
  const db = ctx.database.db;
  const gs = await db
    .select()
    .from(groups)
    .where(and(eq(groups.storeId, storeId), isNull(groups.deletedAt)))
    .orderBy(asc(groups.name));
  const ms = await db.select().from(groupMembers).where(eq(groupMembers.storeId, storeId));
  return gs.map((g) => ({
    id: g.id,
    name: g.name,
    kind: g.kind,
    leaderId: g.leaderId,
    memberIds: ms.filter((m) => m.groupId === g.id).map((m) => m.personId),
  }));
}

/** A store's time zone by id (its business dates are counted in it); the default for none. */
export async function storeTimeZone(ctx: Ctx, storeId: string): Promise<string> {
  const [s] = await ctx.database.db
    .select({ timeZone: stores.timeZone })
    .from(stores)
    .where(eq(stores.id, storeId))
    .limit(1);
  return s?.timeZone ?? DEFAULT_TIME_ZONE;
}

// ---- chat sub-accounts (one mapping, read by orders and service) ---------------------------

/** The store's explicit chat-account links, account → person (the store's platform). */
export async function chatAccountLinks(ctx: Ctx, storeId: string): Promise<Map<string, string>> {
  const store = await storeById(ctx, storeId);
  if (!store) return new Map();
  const rows = await ctx.database.db
    .select({ account: chatAccounts.account, personId: chatAccounts.personId })
    .from(chatAccounts)
    .where(and(eq(chatAccounts.storeId, storeId), eq(chatAccounts.platform, store.platform)));
  return new Map(rows.map((r) => [r.account, r.personId]));
}

/**
 * Links chat accounts to people (null removes the link). Every person must be a current member
 * of the store; nothing is saved when one is not (the error names the account).
 */
export async function linkChatAccounts(
  ctx: Ctx,
  storeId: string,
  links: Record<string, string | null>,
  by: string | null,
): Promise<Record<string, string>> {
  const store = await storeById(ctx, storeId);
  if (!store) throw notFound('store.not_found', 'No such store');
  const members = new Set((await storePeople(ctx, storeId)).map((p) => p.personId));
  for (const [account, person] of Object.entries(links)) {
    if (!account.trim())
      throw badInput('team.chat_account_empty', 'A chat account needs a name', {
        details: { field: 'account' },
      });
    if (person !== null && !members.has(person))
      throw badInput('team.chat_account_not_member', `${account}: the person is not a member of this store`, {
        details: { field: account },
        params: { account },
      });
  }
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    for (const [account, person] of Object.entries(links)) {
      const key = and(
        eq(chatAccounts.storeId, storeId),
        eq(chatAccounts.platform, store.platform),
        eq(chatAccounts.account, account),
      );
      if (person === null) await tx.delete(chatAccounts).where(key);
      else
        await tx
          .insert(chatAccounts)
          .values({
            storeId,
            platform: store.platform,
            account,
            personId: person,
            updatedBy: by,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [chatAccounts.storeId, chatAccounts.platform, chatAccounts.account],
            set: { personId: person, updatedBy: by, updatedAt: now },
          });
    }
  });
  return Object.fromEntries(await chatAccountLinks(ctx, storeId));
}

/**
 * Resolves chat accounts to the store's people (team.rules resolveChatAccount: the link, else a
 * unique name match), with the store's members and their display names.
 */
export async function chatAccountResolver(
  ctx: Ctx,
  storeId: string,
): Promise<{
  resolve: (account: string) => string | null;
  members: Set<string>;
  names: Map<string, string>;
}> {
  const [people, links] = await Promise.all([storePeople(ctx, storeId), chatAccountLinks(ctx, storeId)]);
  const cache = new Map<string, string | null>();
  return {
    resolve: (account) => {
      let v = cache.get(account);
      if (v === undefined) {
        v = resolveChatAccount(account, links, people);
        cache.set(account, v);
      }
      return v;
    },
    members: new Set(people.map((p) => p.personId)),
    names: new Map(people.map((p) => [p.personId, p.displayName])),
  };
}
