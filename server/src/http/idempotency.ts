import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { model, Schema, Types, type InferSchemaType } from 'mongoose';
import { idempotencyKeySchema } from '@jingkai/shared';
import { isDuplicateKey } from '../db';
import { AppError, errorBody, validationError } from './errors';

/**
 * Idempotency-Key for every write a citizen may retry (bookings now, event sign-ups next).
 *
 * A key is a chain of attempts with unique {userId, key, attempt}. The first request inserts attempt 0
 * as `pending` with a lease; retries wait for its answer. When the lease has passed (the request died
 * in flight: a lost connection, a database that went away, a process killed), a retry inserts the next
 * attempt, and the unique index lets exactly one retry take the key over. Every attempt of a key
 * shares one `opId`, which the operation uses as the id of what it writes (the booking and its
 * seats), so a takeover finishes the dead attempt's work instead of doing it twice. A key remembers a
 * fingerprint of its request: the same key with another body is refused with 422.
 */
const idempotencySchema = new Schema(
  {
    userId: { type: String, required: true },
    key: { type: String, required: true },
    attempt: { type: Number, required: true },
    /** sha256 of the route and the validated body. */
    fingerprint: { type: String, required: true },
    /** The id the operation writes under, the same for every attempt of the key. */
    opId: { type: String, required: true },
    state: { type: String, required: true, enum: ['pending', 'done'] },
    status: { type: Number, default: 0 },
    body: { type: String, default: '' },
    leaseUntil: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, collection: 'idempotency_attempts' },
);
idempotencySchema.index({ userId: 1, key: 1, attempt: 1 }, { unique: true });
idempotencySchema.index({ expiresAt: 1 });

type IdempotencyDoc = InferSchemaType<typeof idempotencySchema> & { _id: Types.ObjectId };
export const IdempotencyModel = model('IdempotencyKey', idempotencySchema);

/** How long a key answers retries. */
const KEEP_MS = 24 * 3600_000;
/** How long a retry waits for a pending attempt before it answers 409 with Retry-After. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

export interface Answer {
  status: number;
  body: unknown;
}

export interface IdempotentCall {
  userId: string;
  /** The header's value; undefined runs the operation once, with a fresh opId. */
  key: string | undefined;
  /** What makes two requests "the same": the route and the validated body. */
  route: string;
  request: unknown;
  now: () => Date;
  leaseMs: number;
}

/** JSON with every object's keys in order, so the same body written in another order is the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export const fingerprintOf = (route: string, request: unknown) =>
  createHash('sha256').update(route).update('\n').update(canonical(request)).digest('hex');

/**
 * Refusals a retry would meet again whatever happens meanwhile: the request itself is wrong. Other
 * 4xx answers depend on the state of things (409 full or already booked, 404, 403, 429): they are
 * not kept, so a retry after the citizen followed the message (added the family member, waited)
 * runs again instead of hearing the old refusal for a day.
 */
const FINAL_REFUSALS = new Set([400, 413, 415, 422]);

async function latest(userId: string, key: string): Promise<IdempotencyDoc | null> {
  return IdempotencyModel.findOne({ userId, key }).sort({ attempt: -1 }).lean<IdempotencyDoc>();
}

const guard = { enabled: true };

/**
 * Test-only switch for the negative control: with the guard off, a takeover writes an attempt number
 * nobody else can hold, so racing retries all take the key over. Production code never turns it off.
 */
export function setIdempotencyGuardForTests(enabled: boolean): void {
  guard.enabled = enabled;
}

/** Inserts an attempt; null when another request inserted the same attempt first. */
async function insertAttempt(call: IdempotentCall, attempt: number, fingerprint: string, opId: string): Promise<IdempotencyDoc | null> {
  const now = call.now();
  if (!guard.enabled && attempt > 0) attempt += 1 + Math.floor(Math.random() * 1e9);
  try {
    const doc = await IdempotencyModel.create({
      userId: call.userId,
      key: call.key,
      attempt,
      fingerprint,
      opId,
      state: 'pending',
      leaseUntil: new Date(now.getTime() + call.leaseMs),
      expiresAt: new Date(now.getTime() + KEEP_MS),
    });
    return doc.toObject() as IdempotencyDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return null;
    throw e;
  }
}

/** The operation: `opId` is the same for every attempt of a key; `resumed` when an earlier attempt may have begun. */
export type Operation = (opId: string, resumed: boolean) => Promise<Answer>;

const replay = (doc: IdempotencyDoc): Answer => ({ status: doc.status, body: JSON.parse(doc.body) });

/**
 * Runs `op` at most once per (person, key) at a time and answers every retry with the first
 * answer: its success, or a refusal of the request itself (400, 413, 415, 422). A conflict, a 5xx
 * or a crash leaves no answer, so a later retry runs again under the same opId.
 */
export async function idempotent(call: IdempotentCall, op: Operation): Promise<Answer> {
  if (!call.key) return op(String(new Types.ObjectId()), false);
  const fingerprint = fingerprintOf(call.route, call.request);
  const waitUntil = Date.now() + WAIT_MS;
  for (;;) {
    const last = await latest(call.userId, call.key);
    if (last && last.fingerprint !== fingerprint) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
    if (last?.state === 'done') return replay(last);
    let mine: IdempotencyDoc | null = null;
    if (!last) mine = await insertAttempt(call, 0, fingerprint, String(new Types.ObjectId()));
    else if (last.leaseUntil.getTime() <= call.now().getTime()) mine = await insertAttempt(call, last.attempt + 1, fingerprint, last.opId);
    if (mine) return runAttempt(mine, op);
    if (last && Date.now() >= waitUntil) {
      const seconds = Math.max(1, Math.ceil((last.leaseUntil.getTime() - call.now().getTime()) / 1000));
      throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', undefined, undefined, { 'Retry-After': String(seconds) });
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function runAttempt(doc: IdempotencyDoc, op: Operation): Promise<Answer> {
  let answer: Answer;
  try {
    answer = await op(doc.opId, doc.attempt > 0);
  } catch (e) {
    if (e instanceof AppError && FINAL_REFUSALS.has(e.status)) {
      await finish(doc, { status: e.status, body: errorBody(e) });
    } else {
      // No answer to keep: let the next retry take the key over at once (the same opId, so what
      // this attempt wrote is finished, not repeated). If the database is away this write fails
      // too, and the lease runs out by itself.
      await IdempotencyModel.updateOne({ _id: doc._id }, { $set: { leaseUntil: new Date(0) } }).catch(() => undefined);
    }
    throw e;
  }
  await finish(doc, answer);
  return answer;
}

async function finish(doc: IdempotencyDoc, answer: Answer): Promise<void> {
  await IdempotencyModel.updateOne({ _id: doc._id }, { $set: { state: 'done', status: answer.status, body: JSON.stringify(answer.body) } });
}

/** Deletes keys past their time; walks the collection in batches (FerretDB has no TTL index). */
export async function sweepExpiredKeys(now: Date, batch = 500): Promise<number> {
  let removed = 0;
  for (;;) {
    const ids = await IdempotencyModel.find({ expiresAt: { $lt: now } })
      .select('_id')
      .limit(batch)
      .lean<{ _id: Types.ObjectId }[]>();
    if (!ids.length) return removed;
    removed += (await IdempotencyModel.deleteMany({ _id: { $in: ids.map((d) => d._id) } })).deletedCount;
    if (ids.length < batch) return removed;
  }
}

/** Marks a route as taking the Idempotency-Key header, so the OpenAPI document lists it. */
export const IDEMPOTENT = Symbol('idempotent');

/**
 * Reads the optional `Idempotency-Key` header into `ctx.state.idempotencyKey`, refusing a malformed
 * one with 400 naming the header.
 */
export function idempotencyKey(): Middleware {
  const mw: Middleware = async (ctx, next) => {
    const raw = ctx.get('Idempotency-Key');
    if (raw) {
      const parsed = idempotencyKeySchema.safeParse(raw);
      if (!parsed.success) throw validationError({ 'headers.idempotency-key': parsed.error.issues[0]!.message });
      ctx.state.idempotencyKey = parsed.data;
    }
    await next();
  };
  return Object.assign(mw, { [IDEMPOTENT]: true });
}

/** What `answerCreate` reads of a route's context: the person, the key and the checked body. */
interface CreateContext {
  method: string;
  path: string;
  state: { user: { id: string }; idempotencyKey?: string; body: unknown };
  status: number;
  body: unknown;
}

/**
 * Answers a create route once per Idempotency-Key: 201 with what `create` made, or the first answer
 * again for a retry. `create` gets the operation's id, and whether it resumes an attempt that died.
 */
export async function answerCreate(
  ctx: CreateContext,
  deps: { now: () => Date; config: { idempotencyLeaseMs: number } },
  create: (opId: string, resumed: boolean) => Promise<unknown>,
): Promise<void> {
  const call = {
    userId: ctx.state.user.id,
    key: ctx.state.idempotencyKey,
    route: `${ctx.method} ${ctx.path}`,
    request: ctx.state.body,
    now: deps.now,
    leaseMs: deps.config.idempotencyLeaseMs,
  };
  const answer = await idempotent(call, async (opId, resumed) => ({ status: 201, body: await create(opId, resumed) }));
  ctx.status = answer.status;
  ctx.body = answer.body;
}
