import { z } from 'zod';

/** `GET /api/health`: 200 with `db: "up"` when the database answers, 503 with `db: "down"` otherwise. */
export const healthSchema = z.strictObject({ ok: z.boolean(), db: z.enum(['up', 'down']) });
export type HealthBody = z.infer<typeof healthSchema>;

/** `GET /api/openapi.json`: an OpenAPI 3.1 document (its full shape is checked by `redocly lint`). */
export const openApiDocSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
