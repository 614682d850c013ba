import type { RequestBody, RequestCategory, RequestCreated, RequestUnit } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError, notFound, validationError } from '../../http/errors';
import { toDateString, toIso } from '../../lib/time';
import * as users from '../users';
import { ownAbout } from './about';
import { DEADLINES, deadlinesOf } from './deadlines';
import { photosNotOwned } from './photos';
import * as repo from './repo';

/** What the content check said: passed, wants a person (`review`), or could not be asked (`unreachable`). */
export type CheckOutcome = 'pass' | 'review' | 'unreachable';

/**
 * WeChat's msg_sec_check (v2) on the citizen's text. `risky` is refused with CONTENT_RISKY; a check
 * that cannot be made fails closed: the text is kept and held for a person, never dropped.
 */
export async function checkText(deps: Deps, openid: string, text: string): Promise<CheckOutcome> {
  let suggest;
  try {
    suggest = await deps.wechat.msgSecCheck(openid, text, 2);
  } catch (e) {
    // The text itself is never logged: only that the check was away.
    deps.logger.warn({ reason: e instanceof AppError ? e.code : (e as Error).name }, 'content check unavailable: held for review');
    return 'unreachable';
  }
  if (suggest === 'risky') throw AppError.of('CONTENT_RISKY');
  return suggest;
}

/** `JK` + yyMMdd of the day received in Asia/Shanghai. */
const prefixOf = (at: Date) => `JK${toDateString(at).replace(/-/g, '').slice(2)}`;

export type NewRequest = Omit<repo.RequestInput, '_id' | 'trackingNo' | 'acceptDueAt' | 'dueAt' | 'originKey'>;

/**
 * Writes a request under the day's next tracking number, from the day's counter (by `_id`). The
 * unique index on the number is the arbiter: a request that loses its number to a racing one takes
 * the counter's next; twice in a row, and the counter is behind the numbers (read once, then raised).
 */
export async function openRequest(
  fields: NewRequest,
  rule: { acceptDays: number; replyDays: number },
  /** Why it exists, unique: a filing's operation, a follow-up's rating, so a repeated opening finds the first. */
  originKey: string,
  id?: string,
): Promise<repo.RequestDoc> {
  const prefix = prefixOf(fields.receivedAt);
  const _id = repo.newId(id);
  const due = deadlinesOf(fields.receivedAt, rule);
  let lost = 0;
  for (let attempt = 0; attempt < 200; attempt++) {
    const n = await repo.nextNumber(prefix);
    if (n > 9999) break;
    const trackingNo = `${prefix}${String(n).padStart(4, '0')}`;
    const written = await repo.insertRequest({ ...fields, _id, trackingNo, originKey, ...due });
    if (written === 'ok') return (await repo.findRequest(String(_id)))!;
    if (written === 'origin-taken') return (await repo.findByOrigin(originKey))!;
    if (++lost === 2) {
      const last = await repo.lastTrackingNo(prefix);
      if (last) await repo.raiseNumber(prefix, Number(last.slice(-4)));
    }
  }
  throw AppError.of('CONFLICT', '今天的诉求编号已用完，请明天再试');
}

const emptyFields = {
  unit: null,
  reply: null,
  acceptedAt: null,
  assignedAt: null,
  repliedAt: null,
  closedAt: null,
  followUpOf: null,
  aboutKind: null,
  aboutId: null,
  serviceId: null,
  siteId: null,
  eventId: null,
};

const created = (r: repo.RequestDoc): RequestCreated => ({
  id: String(r._id),
  trackingNo: r.trackingNo,
  status: r.status === 'held' ? 'held' : 'received',
  dueAt: toIso(r.dueAt),
});

/**
 * POST /api/requests: checked photos and text, then the request, `received` or `held`. `opId` (the
 * Idempotency-Key's operation) is the request's id: a retry that takes over a dead attempt finds
 * what it wrote instead of filing twice.
 */
export async function fileRequest(deps: Deps, userId: string, body: RequestBody, opId: string): Promise<RequestCreated> {
  const originKey = `filed:${opId}`;
  const done = await repo.findByOrigin(originKey);
  if (done) return created(done);
  const photos = body.photos ?? [];
  const missing = await photosNotOwned(deps, userId, photos);
  if (Object.keys(missing).length) throw validationError(missing);
  const owner = await users.findById(userId);
  if (!owner) throw notFound();
  const about = body.about ? await ownAbout(userId, body.about) : {};
  const outcome = await checkText(deps, owner.openid, body.text);
  const r = await openRequest(
    {
      ...emptyFields,
      userId: repo.newId(userId),
      category: body.category,
      text: body.text,
      photos,
      location: body.location ? { lat: body.location.lat, lng: body.location.lng, address: body.location.address ?? null } : null,
      contact: body.contact,
      status: outcome === 'pass' ? 'received' : 'held',
      heldReason: outcome === 'pass' ? null : outcome,
      receivedAt: deps.now(),
      ...about,
    },
    DEADLINES[body.category],
    originKey,
    opId,
  );
  return created(r);
}

/** What a 差评 opens: a follow-up request of the same person, due in 15 working days, never content-checked again. */
export async function openFollowUp(
  deps: Deps,
  f: {
    userId: string;
    category: RequestCategory;
    text: string;
    unit: RequestUnit | null;
    followUpOf: string | null;
    about: { kind: string; id: string; serviceId?: string | null; siteId?: string | null; eventId?: string | null };
    /** The comment it carries was not cleared by the content check: it waits for a person. */
    held?: 'review' | 'unreachable' | null;
  },
  rule: { acceptDays: number; replyDays: number },
): Promise<repo.RequestDoc> {
  return openRequest(
    {
      ...emptyFields,
      userId: repo.newId(f.userId),
      category: f.category,
      text: f.text,
      photos: [],
      location: null,
      contact: 'phone',
      status: f.held ? 'held' : 'received',
      heldReason: f.held ?? null,
      unit: f.unit,
      receivedAt: deps.now(),
      followUpOf: f.followUpOf ? repo.newId(f.followUpOf) : null,
      aboutKind: f.about.kind,
      aboutId: f.about.id,
      serviceId: f.about.serviceId ?? null,
      siteId: f.about.siteId ?? null,
      eventId: f.about.eventId ?? null,
    },
    rule,
    `followup:${f.about.kind}:${f.about.id}`,
  );
}
