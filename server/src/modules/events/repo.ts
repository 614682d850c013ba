/**
 * The events module's database: events and sessions, and what sign-ups write (registrations, the
 * real-name identities, tickets, check-ins, gate scans). Over 250 lines because it is the one door to
 * seven collections; each function is one query.
 */
import { Types } from 'mongoose';
import { existingIdsIn, isDuplicateKey } from '../../db';
import {
  CheckinModel,
  EventModel,
  IdentityModel,
  RegistrationModel,
  ScanModel,
  SessionModel,
  TicketModel,
  type CheckinDoc,
  type EventDoc,
  type RegistrationDoc,
  type ScanDoc,
  type SessionDoc,
  type TicketDoc,
} from './model';

export type { CheckinDoc, EventDoc, RegistrationDoc, ScanDoc, SessionDoc, TicketDoc };

/**
 * Bumped by every write this instance makes to events, sessions or registrations: what is kept in
 * memory from them (the event detail, service.ts) is read again after any change made here.
 */
let writes = 0;
export const writeGeneration = () => writes;
const wrote = <T>(result: T): T => {
  writes++;
  return result;
};

/** `upcoming`: not over yet (what is on now included); `ongoing`: started and not over. */
export type EventStatus = 'upcoming' | 'ongoing' | 'past' | 'all';

function where(status: EventStatus, now: Date): Record<string, unknown> {
  if (status === 'upcoming') return { endAt: { $gte: now } };
  if (status === 'ongoing') return { startAt: { $lte: now }, endAt: { $gte: now } };
  if (status === 'past') return { endAt: { $lt: now } };
  return {};
}

export async function listEvents(status: EventStatus, now: Date, skip: number, limit: number, category?: string) {
  const q = { ...where(status, now), ...(category ? { category } : {}) };
  const sort: Record<string, 1 | -1> = status === 'past' ? { startAt: -1, _id: -1 } : { startAt: 1, _id: 1 };
  const [docs, total] = await Promise.all([
    EventModel.find(q).sort(sort).skip(skip).limit(limit).lean<EventDoc[]>(),
    EventModel.countDocuments(q),
  ]);
  return { docs, total };
}

export async function findEvent(id: string): Promise<EventDoc | null> {
  return EventModel.findById(id).lean<EventDoc>();
}

export async function listSessions(eventId: string): Promise<SessionDoc[]> {
  return SessionModel.find({ eventId }).sort({ startAt: 1 }).lean<SessionDoc[]>();
}

type Defaulted = 'address' | 'lat' | 'lng' | 'cancelMinutesBefore' | 'newsId';
export type EventInput = Omit<EventDoc, '_id' | 'createdAt' | 'updatedAt' | Defaulted> & Partial<Pick<EventDoc, Defaulted>>;

/** Upserts an event by `key` and its sessions by start time; returns the event id. */
export async function upsertEvent(
  input: EventInput,
  sessions: { startAt: Date; endAt: Date; capacity: number; signupOpensAt?: Date | null; signupClosesAt?: Date | null }[],
): Promise<string> {
  const ev = wrote(await EventModel.findOneAndUpdate({ key: input.key }, { $set: input }, { upsert: true, new: true }).lean<EventDoc>());
  const eventId = ev!._id;
  for (const s of sessions) {
    wrote(await SessionModel.updateOne({ eventId, startAt: s.startAt }, { $set: { ...s, eventId } }, { upsert: true }));
  }
  return String(eventId);
}

/* Sign-ups: registrations, the real-name identities, tickets, check-ins and gate scans. */

export async function findSession(id: string): Promise<SessionDoc | null> {
  return SessionModel.findById(id).lean<SessionDoc>();
}

export interface AttendeeInput {
  nameEnc: string;
  idNumberEnc: string;
  idHash: string;
  phoneEnc: string | null;
  familyMemberId: string | null;
  status: 'active' | 'cancelled';
  ticketId: null;
  isChild: boolean;
}
export type RegistrationInput = Omit<RegistrationDoc, 'createdAt' | 'updatedAt' | 'attendees'> & { attendees: AttendeeInput[] };

export async function insertRegistration(doc: RegistrationInput): Promise<void> {
  wrote(await RegistrationModel.create(doc));
}

export async function findRegistration(id: string): Promise<RegistrationDoc | null> {
  return RegistrationModel.findById(id).lean<RegistrationDoc>();
}

export async function updateRegistration(id: string, set: Record<string, unknown>): Promise<RegistrationDoc | null> {
  return wrote(await RegistrationModel.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<RegistrationDoc>());
}

export const existingRegistrationIds = (ids: string[]): Promise<Set<string>> => existingIdsIn(RegistrationModel, ids);

export async function listRegistrationsOfUser(userId: string, skip: number, limit: number) {
  const q = { userId };
  const [docs, total] = await Promise.all([
    RegistrationModel.find(q).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean<RegistrationDoc[]>(),
    RegistrationModel.countDocuments(q),
  ]);
  return { docs, total };
}

/** An event's registrations for its staff, in arrival order (optionally one session, one status). */
export async function registrationsOfEvent(eventId: string, f: { sessionId?: string; status?: string } = {}): Promise<RegistrationDoc[]> {
  return RegistrationModel.find({ eventId, ...(f.sessionId ? { sessionId: f.sessionId } : {}), ...(f.status ? { status: f.status } : {}) })
    .sort({ createdAt: 1, _id: 1 })
    .lean<RegistrationDoc[]>();
}

/** The waitlist of a session in arrival order. */
export async function waitlistOf(sessionId: string): Promise<RegistrationDoc[]> {
  return RegistrationModel.find({ sessionId, status: 'waitlisted' }).sort({ waitSince: 1, _id: 1 }).lean<RegistrationDoc[]>();
}

/**
 * How many wait ahead of a registration in its session's line (arrival order: `waitSince`, then
 * `_id`). A count, not the line itself: the database answers one number instead of sending every
 * waiting registration, sorted, to be searched here (what a sign-up in a festival rush paid).
 */
export async function countWaitingAhead(sessionId: string, waitSince: Date, id: Types.ObjectId): Promise<number> {
  // The `count` command: one number back, no cursor. countDocuments is an aggregation, which FerretDB
  // v1 runs in Go over every document (most of its CPU in a rush); a find of the ids left a cursor per
  // sign-up, and a bench rush with that hung (the API and FerretDB idle, 300 sign-ups unanswered,
  // likely getMores waiting behind the driver's 20 connections).
  const res = await RegistrationModel.db.db!.command({
    count: RegistrationModel.collection.collectionName,
    query: {
      sessionId: new Types.ObjectId(sessionId),
      status: 'waitlisted',
      $or: [{ waitSince: { $lt: waitSince } }, { waitSince, _id: { $lt: id } }],
    },
  });
  return Number(res.n);
}

/** Whether anyone waits for this session: the first match is enough (FerretDB stops its scan there). */
export async function anyWaiting(sessionId: string): Promise<boolean> {
  return !!(await RegistrationModel.exists({ sessionId, status: 'waitlisted' }));
}

export async function countWaiting(sessionIds: string[]): Promise<Map<string, number>> {
  const rows = await RegistrationModel.find({ sessionId: { $in: sessionIds }, status: 'waitlisted' })
    .select({ sessionId: 1, _id: 0 })
    .lean<{ sessionId: Types.ObjectId }[]>();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(r.sessionId), (counts.get(String(r.sessionId)) ?? 0) + 1);
  return counts;
}

export async function sessionsWithWaitlist(): Promise<string[]> {
  const rows = await RegistrationModel.find({ status: 'waitlisted' })
    .select({ sessionId: 1, _id: 0 })
    .lean<{ sessionId: Types.ObjectId }[]>();
  return [...new Set(rows.map((r) => String(r.sessionId)))];
}

/** Holds one place per ID number at an event; the index of the first one already held, or -1 when all were taken. */
export async function holdIdentities(eventId: string, idHashes: string[], registrationId: string): Promise<number> {
  const held: string[] = [];
  for (const [i, idHash] of idHashes.entries()) {
    try {
      await IdentityModel.create({ eventId, idHash, registrationId });
      held.push(idHash);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const mine = await IdentityModel.exists({ eventId, idHash, registrationId });
      if (mine) continue;
      if (held.length) await IdentityModel.deleteMany({ eventId, idHash: { $in: held }, registrationId });
      return i;
    }
  }
  return -1;
}

/** The identity key of an account's one live registration per event. */
export const accountHold = (userId: string) => `account:${userId}`;

/**
 * The account's one live registration per event, in the same unique index as the ID numbers (key
 * `account:<userId>`). A hold left by a registration that has since ended (`ended` says so) is
 * cleared and taken again, so it never needs releasing on every way out. Answers the id of the live
 * registration that holds it, or null when this one now does.
 */
export async function holdAccount(
  eventId: string,
  userId: string,
  registrationId: string,
  ended: (holder: string, heldSince: Date) => Promise<boolean>,
): Promise<string | null> {
  const idHash = accountHold(userId);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await IdentityModel.create({ eventId, idHash, registrationId });
      return null;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const row = await IdentityModel.findOne({ eventId, idHash }).lean<{ registrationId: Types.ObjectId; createdAt: Date }>();
      if (!row) continue;
      const holder = String(row.registrationId);
      if (holder === registrationId) return null;
      if (!(await ended(holder, row.createdAt))) return holder;
      await IdentityModel.deleteMany({ eventId, idHash, registrationId: row.registrationId });
    }
  }
  // Still taken after clearing it twice: someone else is signing this account up right now.
  return 'contended';
}

export async function releaseIdentities(eventId: string, idHashes: string[], registrationId: string): Promise<void> {
  await IdentityModel.deleteMany({ eventId, idHash: { $in: idHashes }, registrationId });
}

/** Inserts the tickets, skipping any a first attempt wrote; answers whether every row was new. */
export async function insertTickets(rows: Omit<TicketDoc, 'createdAt' | 'updatedAt'>[]): Promise<boolean> {
  let allNew = true;
  for (const row of rows) {
    try {
      await TicketModel.create(row);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      allNew = false;
    }
  }
  return allNew;
}

export async function ticketsOf(registrationIds: string[]): Promise<TicketDoc[]> {
  return TicketModel.find({ registrationId: { $in: registrationIds } }).lean<TicketDoc[]>();
}

export async function findTicket(id: string): Promise<TicketDoc | null> {
  return TicketModel.findById(id).lean<TicketDoc>();
}

export async function revokeTicketsOf(registrationId: string, attendees: number[], at: Date): Promise<void> {
  await TicketModel.updateMany(
    { registrationId, attendee: { $in: attendees }, status: 'valid' },
    { $set: { status: 'revoked', revokedAt: at } },
  );
}

export async function ticketsOfEvent(eventId: string, sessionId?: string): Promise<TicketDoc[]> {
  return TicketModel.find({ eventId, ...(sessionId ? { sessionId } : {}) }).lean<TicketDoc[]>();
}

/** The check-in of a ticket: the unique ticket id lets exactly one in. Returns the first one when it already was. */
export async function insertCheckin(
  row: Omit<CheckinDoc, '_id' | 'createdAt' | 'updatedAt' | 'flags'>,
): Promise<{ ok: true } | { ok: false; first: CheckinDoc }> {
  try {
    await CheckinModel.create({ _id: row.ticketId, ...row });
    return { ok: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const first = await checkinOf(row.ticketId);
    return { ok: false, first: first! };
  }
}

/**
 * A ticket's check-in, by `_id` (the ticket's id: FerretDB v1 finds it without reading the other
 * check-ins), then by `ticketId` for a row written before `_id` was the ticket's.
 */
async function checkinOf(ticketId: Types.ObjectId): Promise<CheckinDoc | null> {
  return (await CheckinModel.findById(ticketId).lean<CheckinDoc>()) ?? (await CheckinModel.findOne({ ticketId }).lean<CheckinDoc>());
}

/**
 * An upload brings a scan from before the recorded entry: the earlier one becomes the entry and the
 * later one is kept as a flag. Answers the entry as it now stands.
 */
export async function moveEntryEarlier(
  ticketId: Types.ObjectId,
  earlier: Pick<CheckinDoc, 'at' | 'gate' | 'by' | 'source'>,
): Promise<CheckinDoc | null> {
  for (let round = 0; round < 3; round++) {
    const cur = await checkinOf(ticketId);
    if (!cur || cur.at <= earlier.at) return cur;
    const flag = { kind: 'later-scan', at: cur.at, gate: cur.gate, source: cur.source };
    const moved = await CheckinModel.findOneAndUpdate(
      { _id: cur._id, at: cur.at },
      { $set: { at: earlier.at, gate: earlier.gate, by: earlier.by, source: earlier.source }, $push: { flags: flag } },
      { new: true },
    ).lean<CheckinDoc>();
    if (moved) return moved;
  }
  return checkinOf(ticketId);
}

export async function flagCheckin(ticketId: Types.ObjectId, flag: { kind: string; at: Date; gate: string; source: string }): Promise<void> {
  const r = await CheckinModel.updateOne({ _id: ticketId }, { $push: { flags: flag } });
  if (!r.matchedCount) await CheckinModel.updateOne({ ticketId }, { $push: { flags: flag } });
}

export async function checkinsOf(filter: { eventId?: string; sessionId?: string; ticketIds?: string[] }): Promise<CheckinDoc[]> {
  return CheckinModel.find({
    ...(filter.eventId ? { eventId: filter.eventId } : {}),
    ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
    ...(filter.ticketIds ? { ticketId: { $in: filter.ticketIds } } : {}),
  }).lean<CheckinDoc[]>();
}

/** Claims a scan's nonce; null when it was claimed before (the stored scan comes back instead). */
export async function claimScan(row: Pick<ScanDoc, 'nonce' | 'content' | 'gate' | 'scannedAt' | 'by' | 'source'>): Promise<ScanDoc | null> {
  try {
    await ScanModel.create({ ...row, result: null });
    return null;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return ScanModel.findOne({ nonce: row.nonce }).lean<ScanDoc>();
  }
}

export async function findScan(nonce: string): Promise<ScanDoc | null> {
  return ScanModel.findOne({ nonce }).lean<ScanDoc>();
}

export async function recordScan(nonce: string, set: Partial<ScanDoc>): Promise<void> {
  await ScanModel.updateOne({ nonce }, { $set: set });
}

export async function scansOfTickets(ticketIds: string[]): Promise<ScanDoc[]> {
  return ScanModel.find({ ticketId: { $in: ticketIds } })
    .sort({ scannedAt: 1 })
    .lean<ScanDoc[]>();
}

export async function insertEvent(input: EventInput): Promise<EventDoc> {
  const doc = wrote(await EventModel.create(input));
  return doc.toObject() as EventDoc;
}

/** The event's id by its key, or null. */
export async function findEventIdByKey(key: string): Promise<string | null> {
  const d = await EventModel.findOne({ key }, { _id: 1 }).lean<{ _id: unknown }>();
  return d ? String(d._id) : null;
}

export async function updateEvent(id: string, set: Record<string, unknown>): Promise<EventDoc | null> {
  return wrote(await EventModel.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<EventDoc>());
}

export async function insertSession(row: Omit<SessionDoc, '_id' | 'createdAt' | 'updatedAt'>): Promise<SessionDoc | null> {
  try {
    const doc = wrote(await SessionModel.create(row));
    return doc.toObject() as SessionDoc;
  } catch (e) {
    if (isDuplicateKey(e)) return null;
    throw e;
  }
}

export async function updateSession(id: string, eventId: string, set: Record<string, unknown>): Promise<SessionDoc | null> {
  return wrote(await SessionModel.findOneAndUpdate({ _id: id, eventId }, { $set: set }, { new: true }).lean<SessionDoc>());
}

export const newId = (id?: string) => new Types.ObjectId(id);

/** 注销账号: a registration without its account, its answers and its attendees' personal data. */
export async function anonymiseRegistration(id: Types.ObjectId, attendees: Record<string, unknown>[]): Promise<void> {
  wrote(await RegistrationModel.updateOne({ _id: id }, { $set: { userId: null, formEnc: null, attendees } }));
}
