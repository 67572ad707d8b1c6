import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../core/context';
import { AppError, badInput } from '../core/errors';
import { BoolQuery, StoreCodeParam } from '../core/http-schemas';
import { newId } from '../core/ids';
import { IMPORT_KINDS } from './adapter';
import { getImport, importFile, listImports } from './imports.service';

export function importRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/stores/:code/imports',
    {
      config: { access: { scope: 'store', resource: 'imports', action: 'write' } },
      schema: {
        tags: ['imports'],
        summary: 'Upload one platform export file (multipart field "file") and import it',
        description:
          'The file is streamed to disk, then imported: one file = one transaction. `kind=auto` detects the kind from the file name and headers. With `async=true` the answer is 202 with the import id at once; poll GET …/imports/:id for progress. Rejected rows are listed as { row, column, value, message }.',
        params: StoreCodeParam,
        querystring: z.object({
          kind: z.enum([...IMPORT_KINDS, 'auto']).default('auto'),
          allowPartial: BoolQuery.optional(),
          async: BoolQuery.optional(),
        }),
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw badInput('import.no_file', 'Send the file as multipart/form-data, field "file"');
      const part = await req.file({ limits: { fileSize: ctx.config.uploadLimit, files: 1 } });
      if (!part) throw badInput('import.no_file', 'Send the file as multipart/form-data, field "file"');
      const store = req.storeScope!.store;
      const id = newId(ctx.clock.now().getTime());
      const dir = join(ctx.config.uploadDir, store.id);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `${id}.upload`);
      try {
        await pipeline(part.file, createWriteStream(path));
        if (part.file.truncated) {
          throw new AppError(
            'import.file_too_large',
            413,
            `File larger than ${ctx.config.uploadLimit} bytes`,
            {
              params: { limit: ctx.config.uploadLimit },
            },
          );
        }
      } catch (e) {
        await rm(path, { force: true });
        throw e;
      }
      const run = importFile(ctx, {
        id,
        storeId: store.id,
        personId: req.actor!.person.id,
        kind: req.query.kind,
        path,
        fileName: part.filename || 'upload',
        allowPartial: req.query.allowPartial ?? false,
      }).finally(() => rm(path, { force: true }));
      if (req.query.async) {
        run.catch((e) => req.log.error({ err: e }, 'background import failed'));
        return reply.status(202).send({ id, status: 'running' });
      }
      const result = await run;
      return reply.status(result.status === 'done' || result.status === 'duplicate' ? 200 : 422).send(result);
    },
  );

  r.get(
    '/api/v1/stores/:code/imports',
    {
      config: { access: { scope: 'store', resource: 'imports', action: 'read' } },
      schema: {
        tags: ['imports'],
        summary: 'Import history: who, when, which file, counts, duration',
        params: StoreCodeParam,
        querystring: z.object({
          kind: z.string().max(40).optional(),
          status: z.enum(['running', 'done', 'rejected', 'failed', 'duplicate']).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
          offset: z.coerce.number().int().min(0).optional(),
        }),
      },
    },
    async (req) => listImports(ctx, req.storeScope!.store.id, req.query),
  );

  r.get(
    '/api/v1/stores/:code/imports/:id',
    {
      config: { access: { scope: 'store', resource: 'imports', action: 'read' } },
      schema: {
        tags: ['imports'],
        summary: 'One import with its progress and rejected rows',
        params: z.object({ code: z.string().max(64), id: z.string().max(64) }),
      },
    },
    async (req) => getImport(ctx, req.storeScope!.store.id, req.params.id),
  );
}
