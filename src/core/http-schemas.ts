import { z } from 'zod';

/** `?x=true|false|1|0`: z.coerce.boolean would read "false" as true. */
export const BoolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** `:code` of a store-scoped route. */
export const StoreCodeParam = z.object({ code: z.string().max(64) });
