import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Ctx } from '../core/context';
import { importRoutes } from '../imports/imports.routes';
import { aftersalesRoutes } from '../modules/aftersales/aftersales.routes';
import { catalogRoutes } from '../modules/catalog/catalog.routes';
import { inventoryRoutes } from '../modules/inventory/inventory.routes';
import { marketingRoutes } from '../modules/marketing/marketing.routes';
import { metricsRoutes } from '../modules/metrics/metrics.routes';
import { notifyRoutes } from '../modules/notify/notify.routes';
import { ordersRoutes } from '../modules/orders/orders.routes';
import { serviceRoutes } from '../modules/service/service.routes';
import { teamRoutes } from '../modules/team/team.routes';
import { workRoutes } from '../modules/work/work.routes';
import accessPlugin from './access';
import { installErrorHandling, sendApiNotFound } from './errors';
import { testClockRoutes } from './test-clock';

export const defaultWebDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

export type AppOptions = {
  ctx: Ctx;
  /** Folder of the built web desk (`npm run build`); null serves the API only. */
  webDir?: string | null;
  logger?: boolean | { level: string };
};

/** Assembles the HTTP server: plugins, the access check, every module's routes, the web desk. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { ctx } = opts;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd styles itself with CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: ctx.config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, {
    limits: { fileSize: ctx.config.uploadLimit, files: 1, fields: 10 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'StoreOps API',
        description:
          'The operations desk for Taobao / Tmall / JD store teams. Log in with a cookie session (web) or send `Authorization: Bearer <token>` (scripts; create tokens under /api/v1/me/tokens). Errors are `{ "error": { "code", "message", "details" } }`.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'storeops_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(accessPlugin, { ctx });

  await app.register(async (api) => {
    teamRoutes(api, ctx);
    importRoutes(api, ctx);
    marketingRoutes(api, ctx);
    ordersRoutes(api, ctx);
    aftersalesRoutes(api, ctx);
    workRoutes(api, ctx);
    notifyRoutes(api, ctx);
    testClockRoutes(api, ctx);
    inventoryRoutes(api, ctx);
    catalogRoutes(api, ctx);
    serviceRoutes(api, ctx);
    metricsRoutes(api, ctx);
  });

  const webDir = opts.webDir === undefined ? defaultWebDir : opts.webDir;
  const hasWeb = !!webDir && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir!, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb) return sendApiNotFound(req, reply);
    // A single-page app: every other path is a page of the desk.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
