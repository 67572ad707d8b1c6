import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Ctx } from '../core/context';
import { forbidden, unauthenticated } from '../core/errors';
import type { OrgPermission, StoreAction, StoreResource } from '../modules/team/team.rules';
import {
  type Actor,
  actorFromApiToken,
  actorFromSession,
  requireOrg,
  requireStore,
  type StoreRow,
} from '../modules/team/team.service';

/**
 * Every API route declares its access once, in `config.access`; this plugin checks it.
 * - `public`: anyone (health, set-up, login).
 * - `authenticated`: any logged-in person (their own profile and tokens).
 * - `org`: an organisation permission (`stores:create`, `people:write`, …).
 * - `store`: a (resource, action) in the store named by the `:code` route parameter. A store the
 *   person does not belong to is 404, a role that does not allow it 403.
 * A route under /api without a declaration makes the server refuse to start (deny by default).
 */
export type Access =
  | { scope: 'public' }
  | { scope: 'authenticated' }
  | { scope: 'org'; permission: OrgPermission }
  | { scope: 'store'; resource: StoreResource; action: StoreAction };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    storeScope: { store: StoreRow; roles: string[] } | null;
  }
  interface FastifyInstance {
    accessRoutes: { method: string; url: string; access: Access }[];
  }
}

export const SESSION_COOKIE = 'storeops_session';
export const CSRF_COOKIE = 'storeops_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function accessPlugin(app: FastifyInstance, opts: { ctx: Ctx }) {
  const { ctx } = opts;
  app.decorate('accessRoutes', []);
  app.decorateRequest('actor', null);
  app.decorateRequest('storeScope', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (config.access)`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') app.accessRoutes.push({ method: m, url: route.url, access });
  });

  // onRequest, before the body is parsed and validated: an outsider learns nothing about the
  // shape of a request they may not make.
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // not an API route (static files, docs)
    if (access.scope === 'public') {
      // Public routes still learn who is calling, when someone is (login page, set-up).
      req.actor = await identify(ctx, req).catch(() => null);
      return;
    }
    const actor = await identify(ctx, req);
    if (!actor) throw unauthenticated('auth.required', 'Please log in');
    req.actor = actor;
    if (actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== actor.csrfToken)
        throw forbidden('auth.csrf', 'CSRF token missing or wrong');
    }
    if (access.scope === 'org') requireOrg(actor, access.permission);
    if (access.scope === 'store') {
      const code = (req.params as { code?: string }).code ?? '';
      req.storeScope = requireStore(actor, code, access.resource, access.action);
    }
  });
}

async function identify(ctx: Ctx, req: FastifyRequest): Promise<Actor | null> {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return actorFromApiToken(ctx, auth.slice(7).trim());
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return actorFromSession(ctx, cookie);
  return null;
}

export default fp(accessPlugin, { name: 'storeops-access', dependencies: ['@fastify/cookie'] });
