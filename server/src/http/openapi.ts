import type Router from '@koa/router';
import { z } from 'zod';
import {
  auditEntrySchema,
  bookingViewSchema,
  eventDetailSchema,
  eventSessionSchema,
  eventSummarySchema,
  familyMemberSchema,
  formFieldSchema,
  idempotencyKeySchema,
  meUserSchema,
  newsArticleSchema,
  newsBlockSchema,
  newsListItemSchema,
  ratingViewSchema,
  requestDetailSchema,
  serviceDetailSchema,
  serviceSiteSchema,
  serviceSummarySchema,
  slotSchema,
  staffDaySchema,
  staffNewsItemSchema,
} from '@jingkai/shared';
import { IDEMPOTENT } from './idempotency';
import { VALIDATES, type Schemas } from './validate';

/**
 * What each route is for and who may call it. The shapes come from the routes themselves: every
 * route's validate() middleware carries the zod schemas that check its requests, and the document is
 * generated from those, so it cannot drift from what the server accepts. A test fails when a route
 * has no entry here.
 */
export const ROUTE_DOCS: Record<
  string,
  {
    summary: string;
    who: 'anyone' | 'citizen' | 'staff' | 'admin';
    /** The success status, 200 unless said. */
    status?: number;
    /** The media type of an answer that is not JSON (images, Excel); such routes declare no response schema. */
    binary?: string;
  }
> = {
  'GET /api/health': { summary: '200 { ok, db: "up" } when the database answers, 503 otherwise', who: 'anyone' },
  'POST /api/auth/login': { summary: 'Exchanges a wx.login code (code2Session) for our own token', who: 'anyone' },
  'GET /api/news': { summary: 'Articles newest first; `q` searches in Chinese (every word), `category` filters', who: 'anyone' },
  'GET /api/news/latest': { summary: 'The newest article of each category (首页)', who: 'anyone' },
  'GET /api/news/{id}': { summary: 'One article: sanitised contentHtml, rich-text blocks and images, reading time', who: 'anyone' },
  'GET /api/media/{name}': { summary: 'A mirrored article image by its content-hash name', who: 'anyone', binary: 'image/*' },
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
  'GET /api/events/{id}': { summary: 'An event with its sessions (places left, waitlist, signup window) and signup form', who: 'anyone' },
  'POST /api/events/{id}/registrations': {
    summary: 'Sign up named attendees for a session: confirmed with e-tickets, or waitlisted with a position; optional Idempotency-Key',
    who: 'citizen',
    status: 201,
  },
  'GET /api/registrations/{id}': { summary: 'A registration: attendees masked, tickets, waitlist position', who: 'citizen' },
  'POST /api/registrations/{id}/cancel': {
    summary: 'Cancel attendees (by index) or the whole registration; freed places go to the waitlist at once',
    who: 'citizen',
  },
  'GET /api/me/registrations': { summary: 'The person’s registrations, newest first, cancelled ones included', who: 'citizen' },
  'POST /api/staff/checkins': {
    summary: 'Check a ticket in at a gate (once; a second scan says when and where the first was)',
    who: 'staff',
  },
  'POST /api/staff/checkins/batch': { summary: 'Upload a gate device’s offline scans (each once by its nonce)', who: 'staff' },
  'GET /api/staff/events/{id}/offline': {
    summary: 'What a gate device needs offline: public keys, tickets (masked names), revoked, checked in',
    who: 'staff',
  },
  'GET /api/staff/events/{id}/attendees': {
    summary: 'The attendee list of an event (or a session, a status): names, ID numbers and phones masked',
    who: 'staff',
  },
  'GET /api/staff/events/{id}/attendees/export': {
    summary: 'The attendee list as an Excel file (masked; audited)',
    who: 'staff',
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'GET /api/staff/events/{id}/counts': { summary: 'Live counts per session: places, tickets, waitlist, entered', who: 'staff' },
  'POST /api/admin/events': { summary: 'Create an event with its sessions', who: 'admin', status: 201 },
  'POST /api/admin/events/poster': {
    summary: 'Upload an event poster (PNG, JPG or WebP, ≤ 2 MB) as the raw body; answers the `coverUrl` to set',
    who: 'admin',
    status: 201,
  },
  'PATCH /api/admin/events/{id}': { summary: 'Edit an event and its sessions', who: 'admin' },
  'GET /api/me': { summary: 'The signed-in person (phone masked, roles, staff scopes)', who: 'citizen' },
  'PATCH /api/me': { summary: 'Nickname (content-checked) or avatar URL', who: 'citizen' },
  'POST /api/me/phone': { summary: 'Bind the phone number from getPhoneNumber', who: 'citizen' },
  'POST /api/me/avatar': { summary: 'Upload avatar bytes (PNG, JPG or WebP, ≤ 512 KB) as the raw body', who: 'citizen' },
  'GET /api/me/export': { summary: 'Everything we keep about the person, as JSON', who: 'citizen' },
  'DELETE /api/me': { summary: 'Delete the account (bookings stay, anonymised)', who: 'citizen' },
  'GET /api/avatars/{name}': { summary: 'An uploaded avatar by its content-hash name', who: 'anyone', binary: 'image/*' },
  'GET /api/me/family': { summary: 'Saved family members, masked', who: 'citizen' },
  'POST /api/me/family': { summary: 'Save a family member (consent; a guardian for children under 14)', who: 'citizen', status: 201 },
  'GET /api/me/family/{id}': { summary: 'One family member, masked', who: 'citizen' },
  'DELETE /api/me/family/{id}': { summary: 'Remove a family member', who: 'citizen', status: 204 },
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
  'GET /api/staff/bookings/export': {
    summary: 'The bookings of from..to as an Excel file (ID numbers masked; audited)',
    who: 'staff',
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'POST /api/admin/schedules': { summary: 'Open slots by a weekly schedule, skipping holidays', who: 'staff', status: 201 },
  'POST /api/admin/slots/{id}/close': { summary: 'Close a slot: its bookings are cancelled with the reason and a notice', who: 'staff' },
  'POST /api/requests': {
    summary: 'File a 诉求 (content-checked: risky → 400 CONTENT_RISKY, review or check unreachable → held); optional Idempotency-Key',
    who: 'citizen',
    status: 201,
  },
  'POST /api/requests/photos': {
    summary: 'Upload a 诉求 photo (a well-formed PNG, JPG or WebP, ≤ 2 MB) as the raw body; only its uploader may attach it',
    who: 'citizen',
    status: 201,
  },
  'GET /api/request-photos/{name}': { summary: 'A 诉求 photo by its content-hash name', who: 'anyone', binary: 'image/*' },
  'GET /api/me/requests': { summary: 'The person’s 诉求, newest first, with deadlines and overdue flags', who: 'citizen' },
  'GET /api/requests/{id}': { summary: 'A 诉求 with its timeline, reply, additions and rating (owner, staff handling it)', who: 'citizen' },
  'POST /api/requests/{id}/additions': {
    summary: 'Add information to an open 诉求 (its owner; content-checked)',
    who: 'citizen',
    status: 201,
  },
  'POST /api/requests/{id}/rating': {
    summary: '好差评 of the reply, once, before 关闭 (the 评价 step; 1–2 opens a follow-up due in 15 working days); 409 NOT_RATEABLE',
    who: 'citizen',
    status: 201,
  },
  'POST /api/bookings/{id}/rating': { summary: '好差评 of a served booking, once; 409 NOT_RATEABLE', who: 'citizen', status: 201 },
  'POST /api/registrations/{id}/rating': {
    summary: '好差评 of an event visit (a ticket checked in), once; 409 NOT_RATEABLE',
    who: 'citizen',
    status: 201,
  },
  'GET /api/staff/requests': {
    summary: 'The 诉求 queue, most urgent first (status, unit, category, overdue filters; numbers typed into the text masked)',
    who: 'staff',
  },
  'GET /api/staff/requests/stats': {
    summary:
      'The four rates of a period, by category and week, and ratings per site and event (staff: their units; admins and 综合: the zone)',
    who: 'staff',
  },
  'GET /api/staff/requests/stats/export': {
    summary: 'The four rates with their definitions, requests per category and per week of a period, as an Excel file (audited)',
    who: 'staff',
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'GET /api/staff/requests/export': {
    summary: 'The filtered 诉求 queue as an Excel file (audited)',
    who: 'staff',
    binary: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'POST /api/staff/requests/{id}/transition': {
    summary: 'One step of the loop: accepted, assigned, replied, closed; 409 INVALID_TRANSITION out of order',
    who: 'staff',
  },
  'GET /api/openapi.json': { summary: 'This document', who: 'anyone' },
};

const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/**
 * The response shapes that appear as named components (`#/components/schemas/BookingView`): the
 * concepts of the contract, each one shared schema. Everything else is written inline.
 */
const COMPONENTS: Record<string, z.ZodType> = {
  BookingView: bookingViewSchema,
  StaffDay: staffDaySchema,
  Slot: slotSchema,
  ServiceSummary: serviceSummarySchema,
  ServiceDetail: serviceDetailSchema,
  ServiceSite: serviceSiteSchema,
  FormField: formFieldSchema,
  EventSummary: eventSummarySchema,
  EventDetail: eventDetailSchema,
  EventSession: eventSessionSchema,
  NewsListItem: newsListItemSchema,
  NewsArticle: newsArticleSchema,
  NewsBlock: newsBlockSchema,
  StaffNewsItem: staffNewsItemSchema,
  MeUser: meUserSchema,
  FamilyMember: familyMemberSchema,
  AuditEntry: auditEntrySchema,
  RequestDetail: requestDetailSchema,
  RatingView: ratingViewSchema,
};

/**
 * Turns response schemas into JSON Schema (as the server writes them: `io: 'output'`). Named
 * components come out of zod as local `$defs`; they are lifted into `components.schemas` and the
 * references pointed there, since `#` in an OpenAPI document is the document, not the schema.
 */
function responseSchemas() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const components: Record<string, unknown> = {};
  const convert = (schema: z.ZodType): Record<string, unknown> => {
    const raw = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', metadata: registry }) as Record<string, unknown>;
    const {
      $schema: _ignored,
      $defs,
      ...rest
    } = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown> & {
      $defs?: Record<string, Record<string, unknown>>;
    };
    for (const [id, def] of Object.entries($defs ?? {})) {
      const { id: _id, ...body } = def;
      const known = components[id];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(body)) throw new Error(`two shapes named ${id}`);
      components[id] = body;
    }
    return rest;
  };
  const ref = (schema: z.ZodType) => {
    const id = registry.get(schema)?.id;
    if (!id) return convert(schema);
    // The root of a conversion is written in place, so a named schema is converted inside a wrapper.
    convert(z.strictObject({ it: schema }));
    return { $ref: `#/components/schemas/${id}` };
  };
  return { ref, components };
}

/** `GET /api/services/{id}/slots` → `getServicesByIdSlots`: stable, unique per method and path. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/?/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => {
      const param = /^\{(\w+)\}$/.exec(w);
      const word = param ? `By${param[1]!.charAt(0).toUpperCase()}${param[1]!.slice(1)}` : w;
      return word.charAt(0).toUpperCase() + word.slice(1);
    });
  return method.toLowerCase() + words.join('');
}

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

/** What a success answers: the route's response schema, the binary type it names, or nothing (204). */
function successContent(r: RouteInfo, binary: string | undefined, ref: (s: z.ZodType) => unknown) {
  if (r.schemas.response) return { content: { 'application/json': { schema: ref(r.schemas.response) } } };
  if (binary) return { content: { [binary]: { schema: { type: 'string', format: 'binary' } } } };
  return {};
}

export function openApiDocument(routers: Router[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const { ref, components } = responseSchemas();
  for (const r of routesOf(routers)) {
    const doc = ROUTE_DOCS[`${r.method} ${r.path}`];
    const person = !!doc && doc.who !== 'anyone';
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
      operationId: operationIdOf(r.method, r.path),
      summary: doc?.summary ?? '',
      description: `Who: ${doc?.who ?? 'unknown'}`,
      security: person ? [{ bearer: [] }] : [],
      ...(parameters.length ? { parameters } : {}),
      ...(r.schemas.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.schemas.body) } } } }
        : {}),
      responses: {
        [status]: { description: status === '204' ? 'Done, no content' : 'OK', ...successContent(r, doc?.binary, ref) },
        '400': ERROR,
        ...(person ? { '401': ERROR, '403': ERROR } : {}),
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
      license: { name: 'Proprietary: 通辽经济技术开发区管理委员会', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
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
