import { EventModel, SessionModel, type EventDoc, type SessionDoc } from './model';

export type EventStatus = 'upcoming' | 'past' | 'all';

function where(status: EventStatus, now: Date) {
  if (status === 'upcoming') return { endAt: { $gte: now } };
  if (status === 'past') return { endAt: { $lt: now } };
  return {};
}

export async function listEvents(status: EventStatus, now: Date, skip: number, limit: number) {
  const q = where(status, now);
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

export type EventInput = Omit<EventDoc, '_id' | 'createdAt' | 'updatedAt'>;

/** Upserts an event by `key` and its sessions by start time; returns the event id. */
export async function upsertEvent(input: EventInput, sessions: { startAt: Date; endAt: Date; capacity: number }[]): Promise<string> {
  const ev = await EventModel.findOneAndUpdate({ key: input.key }, { $set: input }, { upsert: true, new: true }).lean<EventDoc>();
  const eventId = ev!._id;
  for (const s of sessions) {
    await SessionModel.updateOne({ eventId, startAt: s.startAt }, { $set: { ...s, eventId } }, { upsert: true });
  }
  return String(eventId);
}
