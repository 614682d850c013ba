import type Router from '@koa/router';
import { z } from 'zod';
import { idempotencyKeySchema } from '@jingkai/shared';
import { IDEMPOTENT } from './idempotency';
import { VALIDATES, type Schemas } from './validate';

/**
 * What each route is for and who may call it. The shapes come from the routes themselves: every
 * route's validate() middleware carries the zod schemas that check its requests, and the document is
 * generated from those, so it cannot drift from what the server accepts. A test fails when a route
 * has no entry here.
 */
export const ROUTE_DOCS: Record<string, { summary: string; who: 'anyone' | 'citizen' | 'staff' | 'admin'; status?: number }> = {
  'GET /api/health': { summary: '200 { ok, db: "up" } when the database answers, 503 otherwise', who: 'anyone' },
  'POST /api/auth/login': { summary: 'Exchanges a wx.login code (code2Session) for our own token', who: 'anyone' },
  'GET /api/news': { summary: 'Articles newest first; `q` searches in Chinese (every word), `category` filters', who: 'anyone' },
  'GET /api/news/latest': { summary: 'The newest article of each category (首页)', who: 'anyone' },
  'GET /api/news/{id}': { summary: 'One article: sanitised contentHtml, rich-text blocks and images, reading time', who: 'anyone' },
  'GET /api/media/{name}': { summary: 'A mirrored article image by its content-hash name', who: 'anyone' },
  'GET /api/staff/news': { summary: 'Every article, hidden ones too, with origin and category override', who: 'staff' },
  'PATCH /api/staff/news/{id}': { summary: 'Re-file an article (category; null: back to the rules) or take it down', who: 'staff' },
  'POST /api/staff/news/import': {
    summary: 'Store an official-account article from its link (mass-send articles)',
    who: 'staff',
    status: 201,
  },
  'POST /api/staff/news': { summary: 'Publish a notice written by staff', who: 'staff', status: 201 },
  'GET /api/admin/news/rules': { summary: 'The keyword rules per category', who: 'admin' },
  'PUT /api/admin/news/rules': { summary: 'Replace the rules and re-file every article without an override', who: 'admin' },
  'GET /api/admin/news/sync': { summary: 'The last sync from the official account and when one last succeeded', who: 'admin' },
  'POST /api/admin/news/sync': { summary: 'Sync from the official account now (409 SYNC_RUNNING while another runs)', who: 'admin' },
  'GET /api/services': { summary: 'Bookable services', who: 'anyone' },
  'GET /api/services/{id}': { summary: 'A service with its sites and booking form', who: 'anyone' },
  'GET /api/services/{id}/slots': { summary: 'Slots starting on the dates from..to, with exact `remaining`', who: 'anyone' },
  'GET /api/events': { summary: 'Events', who: 'anyone' },
  'GET /api/events/{id}': { summary: 'An event with its sessions and signup form', who: 'anyone' },
  'GET /api/me': { summary: 'The signed-in person (phone masked, roles, staff scopes)', who: 'citizen' },
  'PATCH /api/me': { summary: 'Nickname (content-checked) or avatar URL', who: 'citizen' },
  'POST /api/me/phone': { summary: 'Bind the phone number from getPhoneNumber', who: 'citizen' },
  'POST /api/me/avatar': { summary: 'Upload avatar bytes (PNG, JPG or WebP, ≤ 512 KB) as the raw body', who: 'citizen' },
  'GET /api/me/export': { summary: 'Everything we keep about the person, as JSON', who: 'citizen' },
  'DELETE /api/me': { summary: 'Delete the account (bookings stay, anonymised)', who: 'citizen' },
  'GET /api/avatars/{name}': { summary: 'An uploaded avatar by its content-hash name', who: 'anyone' },
  'GET /api/me/family': { summary: 'Saved family members, masked', who: 'citizen' },
  'POST /api/me/family': { summary: 'Save a family member (consent; a guardian for children under 14)', who: 'citizen', status: 201 },
  'GET /api/me/family/{id}': { summary: 'One family member, masked', who: 'citizen' },
  'DELETE /api/me/family/{id}': { summary: 'Remove a family member', who: 'citizen' },
  'GET /api/admin/users': { summary: 'People with their roles', who: 'admin' },
  'POST /api/admin/roles': { summary: 'Grant staff (with services/events) or admin; revokes older tokens', who: 'admin' },
  'POST /api/admin/roles/revoke': { summary: 'Revoke a role; revokes older tokens', who: 'admin' },
  'GET /api/admin/audit': { summary: 'The append-only audit log', who: 'admin' },
  'POST /api/bookings': { summary: 'Book a slot; optional Idempotency-Key header', who: 'citizen', status: 201 },
  'GET /api/bookings/{id}': { summary: 'A booking, personal data masked (its owner, staff of the service)', who: 'citizen' },
  'POST /api/bookings/{id}/cancel': { summary: 'Cancel (the owner until the cut-off, staff with a reason)', who: 'citizen' },
  'GET /api/me/bookings': { summary: 'The person’s bookings, newest first, cancelled ones included', who: 'citizen' },
  'GET /api/staff/bookings': { summary: 'A day of a service: slots with counts and the bookings', who: 'staff' },
  'POST /api/staff/bookings/verify': { summary: 'Verify a booking by its code: served', who: 'staff' },
  'POST /api/staff/bookings/{id}/no-show': { summary: 'Mark a booking no-show (after its start)', who: 'staff' },
  'POST /api/admin/slots': { summary: 'Open one slot', who: 'staff', status: 201 },
  'GET /api/staff/bookings/export': { summary: 'The bookings of from..to as an Excel file (ID numbers masked; audited)', who: 'staff' },
  'POST /api/admin/schedules': { summary: 'Open slots by a weekly schedule, skipping holidays', who: 'staff', status: 201 },
  'POST /api/admin/slots/{id}/close': { summary: 'Close a slot: its bookings are cancelled with the reason and a notice', who: 'staff' },
  'GET /api/openapi.json': { summary: 'This document', who: 'anyone' },
};

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ERROR = {
  description: 'The error envelope',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

interface RouteInfo {
  method: string;
  path: string;
  schemas: Schemas;
  /** Takes the optional Idempotency-Key header (http/idempotency). */
  idempotent: boolean;
}

/** The routes of the given routers: method, OpenAPI path and the schemas their validate() checks. */
export function routesOf(routers: Router[]): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const router of routers) {
    for (const layer of router.stack) {
      const methods = layer.methods.filter((m) => m !== 'HEAD');
      if (!methods.length) continue;
      const v = layer.stack.find((fn) => VALIDATES in fn) as unknown as { [VALIDATES]: Schemas } | undefined;
      const idempotentRoute = layer.stack.some((fn) => IDEMPOTENT in fn);
      const path = String(layer.path).replace(/:(\w+)/g, '{$1}');
      for (const method of methods) out.push({ method, path, schemas: v?.[VALIDATES] ?? {}, idempotent: idempotentRoute });
    }
  }
  return out;
}

export function openApiDocument(routers: Router[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routesOf(routers)) {
    const doc = ROUTE_DOCS[`${r.method} ${r.path}`];
    const parameters: unknown[] = [];
    for (const where of ['params', 'query'] as const) {
      const schema = r.schemas[where];
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where === 'params' ? 'path' : 'query',
          required: where === 'params' || !!js.required?.includes(name),
          schema: s,
        });
      }
    }
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Optional. A retry with the same key (same person) gets the first answer; a request that died in flight is taken over after its lease; the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED.',
        schema: jsonSchema(idempotencyKeySchema),
      });
    }
    for (const m of r.path.matchAll(/\{(\w+)\}/g)) {
      if (!parameters.some((p) => (p as { name: string }).name === m[1])) {
        parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
      }
    }
    const status = String(doc?.status ?? 200);
    paths[r.path] ??= {};
    paths[r.path]![r.method.toLowerCase()] = {
      summary: doc?.summary ?? '',
      description: `Who: ${doc?.who ?? 'unknown'}`,
      ...(doc && doc.who !== 'anyone' ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.schemas.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.schemas.body) } } } }
        : {}),
      responses: {
        [status]: { description: 'OK' },
        '400': ERROR,
        ...(doc && doc.who !== 'anyone' ? { '401': ERROR, '403': ERROR } : {}),
        '404': ERROR,
        '409': ERROR,
        ...(r.idempotent ? { '422': ERROR } : {}),
        '429': ERROR,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '经开事·精心办 API',
      version: '1.0.0',
      description:
        'The HTTP API of the 通辽经济技术开发区 citizen mini-program. Times are ISO 8601 with offset; dates YYYY-MM-DD in Asia/Shanghai. Lists are { items, total, page, pageSize }.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'A stable UPPER_SNAKE identifier' },
                message: { type: 'string', description: 'Chinese text a citizen can read' },
                fields: {
                  type: 'object',
                  additionalProperties: { type: 'string' },
                  description: 'Validation errors: field path → problem',
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
