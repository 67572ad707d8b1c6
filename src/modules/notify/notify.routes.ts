import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context';
import { BoolQuery } from '../../core/http-schemas';
import { ROLES } from '../team/team.rules';
import { CHANNEL_KINDS } from './notify.rules';
import * as notify from './notify.service';

const Code = z.object({ code: z.string().max(64) });
const CodeId = z.object({ code: z.string().max(64), id: z.string().max(64) });
const ChannelSave = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().max(64),
  url: z.string().max(1000),
  secret: z.string().max(200).nullable().optional(),
  active: z.boolean().optional(),
});
const RuleSave = z.object({
  event: z.string().max(64),
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  personIds: z.array(z.string().max(64)).max(100).default([]),
  channelIds: z.array(z.string().max(64)).max(20).default([]),
  active: z.boolean().optional(),
});

export function notifyRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (req: FastifyRequest) => req.actor!.person.id;
  const sid = (req: FastifyRequest) => req.storeScope!.store.id;
  const read = { access: { scope: 'store' as const, resource: 'notify' as const, action: 'read' as const } };
  const write = {
    access: { scope: 'store' as const, resource: 'notify' as const, action: 'write' as const },
  };
  // Channels, rules and quiet hours are the store's set-up: team:write (the manager).
  const admin = { access: { scope: 'store' as const, resource: 'team' as const, action: 'write' as const } };
  const tags = ['notify'];

  r.get(
    '/api/v1/stores/:code/notifications',
    {
      config: read,
      schema: {
        tags,
        summary: 'My inbox',
        params: Code,
        querystring: z.object({
          unread: BoolQuery.optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
    },
    async (req) => ({
      items: await notify.inbox(ctx, sid(req), me(req), {
        unreadOnly: req.query.unread,
        limit: req.query.limit,
      }),
      unread: await notify.unreadCount(ctx, sid(req), me(req)),
    }),
  );
  r.get(
    '/api/v1/stores/:code/notifications/unread-count',
    { config: read, schema: { tags, summary: 'Unread count (the bell)', params: Code } },
    async (req) => ({
      unread: await notify.unreadCount(ctx, sid(req), me(req)),
    }),
  );
  r.post(
    '/api/v1/stores/:code/notifications/read',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark read (all when ids is absent)',
        params: Code,
        body: z.object({ ids: z.array(z.string().max(64)).max(500).optional() }),
      },
    },
    async (req) => {
      await notify.markRead(ctx, sid(req), me(req), req.body.ids);
      return { unread: await notify.unreadCount(ctx, sid(req), me(req)) };
    },
  );

  r.get(
    '/api/v1/stores/:code/notify/channels',
    { config: admin, schema: { tags, summary: 'Channels (secrets are never returned)', params: Code } },
    async (req) => ({ items: await notify.listChannels(ctx, sid(req)) }),
  );
  r.post(
    '/api/v1/stores/:code/notify/channels',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Add a DingTalk / WeCom robot or a JSON webhook',
        params: Code,
        body: ChannelSave,
      },
    },
    async (req) => notify.saveChannel(ctx, sid(req), null, req.body),
  );
  r.put(
    '/api/v1/stores/:code/notify/channels/:id',
    {
      config: admin,
      schema: { tags, summary: 'Edit a channel', params: CodeId, body: ChannelSave.partial() },
    },
    async (req) => notify.saveChannel(ctx, sid(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/stores/:code/notify/channels/:id',
    { config: admin, schema: { tags, summary: 'Delete a channel', params: CodeId } },
    async (req) => {
      await notify.deleteChannel(ctx, sid(req), req.params.id);
      return { ok: true };
    },
  );
  r.post(
    '/api/v1/stores/:code/notify/channels/:id/test',
    { config: admin, schema: { tags, summary: 'Queue a test message', params: CodeId } },
    async (req) => notify.testChannel(ctx, sid(req), req.params.id),
  );
  r.get(
    '/api/v1/stores/:code/notify/rules',
    { config: admin, schema: { tags, summary: 'Rules: event → roles, people, channels', params: Code } },
    async (req) => ({ items: await notify.listRules(ctx, sid(req)), events: notify.NOTIFY_EVENTS }),
  );
  r.post(
    '/api/v1/stores/:code/notify/rules',
    { config: admin, schema: { tags, summary: 'Add a rule', params: Code, body: RuleSave } },
    async (req) => notify.saveRule(ctx, sid(req), null, req.body),
  );
  r.put(
    '/api/v1/stores/:code/notify/rules/:id',
    { config: admin, schema: { tags, summary: 'Edit a rule', params: CodeId, body: RuleSave } },
    async (req) => notify.saveRule(ctx, sid(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/stores/:code/notify/rules/:id',
    { config: admin, schema: { tags, summary: 'Delete a rule', params: CodeId } },
    async (req) => {
      await notify.deleteRule(ctx, sid(req), req.params.id);
      return { ok: true };
    },
  );
  r.get(
    '/api/v1/stores/:code/notify/settings',
    { config: admin, schema: { tags, summary: 'Quiet hours', params: Code } },
    async (req) => notify.getSettings(ctx, sid(req)),
  );
  r.put(
    '/api/v1/stores/:code/notify/settings',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Set quiet hours (robots and webhooks wait; the inbox does not)',
        params: Code,
        body: z.object({ quietStart: z.string().max(5).nullable(), quietEnd: z.string().max(5).nullable() }),
      },
    },
    async (req) => notify.saveSettings(ctx, sid(req), req.body),
  );
  r.get(
    '/api/v1/stores/:code/notify/deliveries',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Delivery log',
        params: Code,
        querystring: z.object({ status: z.string().max(16).optional() }),
      },
    },
    async (req) => ({ items: await notify.listDeliveries(ctx, sid(req), { status: req.query.status }) }),
  );
}
