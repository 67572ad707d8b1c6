import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isAppError } from '../core/errors';
import { pickLocale, translate } from '../locales';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

/**
 * One shape for every error: `{ error: { code, message, details } }`, the message in the
 * caller's language, never a stack trace.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = pickLocale(req.headers['accept-language'], req.actor?.person.locale);
    const send = (
      status: number,
      code: string,
      params: Record<string, string | number>,
      details?: unknown,
      fallback?: string,
    ) => {
      const message = translate(locale, code, params) ?? fallback ?? code;
      const body: ErrorBody = { error: { code, message, ...(details !== undefined ? { details } : {}) } };
      return reply.status(status).send(body);
    };

    if (isAppError(err)) return send(err.status, err.code, err.params, err.details, err.message);

    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field:
          (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
          String(v.params?.missingProperty ?? ''),
        message: v.message ?? '',
      }));
      const summary = issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; ');
      const where = err.validationContext ?? 'body';
      return send(400, 'validation.failed', { summary }, { in: where, field: issues[0]?.field, issues });
    }

    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'request.too_large', { limit: app.initialConfig.bodyLimit ?? 0 });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'request.bad_json', {});
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'validation.failed', { summary: err.message });
    }
    if (err.statusCode === 429) {
      const seconds = Math.ceil(Number(reply.getHeader('retry-after') ?? 60));
      return send(429, 'auth.rate_limited', { seconds });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, 'validation.failed', { summary: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return send(500, 'internal', {});
  });
}

/** The JSON 404 for an unknown API path. */
export function sendApiNotFound(req: FastifyRequest, reply: FastifyReply) {
  const locale = pickLocale(req.headers['accept-language']);
  const code = 'request.not_found';
  const message = translate(locale, code, { method: req.method, url: req.url.split('?')[0] }) ?? code;
  return reply.status(404).send({ error: { code, message } } satisfies ErrorBody);
}
