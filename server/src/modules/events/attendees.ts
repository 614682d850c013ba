import {
  maskForm,
  maskIdNumber,
  maskName,
  maskPhone,
  monthDayTime,
  REGISTRATION_STATUS_LABELS,
  toIso,
  type StaffAttendee,
  type StaffAttendees,
  type StaffAttendeesQuery,
} from '@jingkai/shared';
import { isStaffOf } from '../../http/auth';
import { notFound } from '../../http/errors';
import { answerCells, answerColumns, workbookOf } from '../../lib/workbook';
import type { CheckinDoc, EventDoc } from './model';
import type { Context } from './register';
import * as repo from './repo';

interface Listed {
  ev: EventDoc;
  rows: (StaffAttendee & { form: Record<string, unknown> })[];
}

/** Every attendee of an event (or of a session, a status) with their entry, personal data masked. */
async function listed(ctx: Context, eventId: string, q: StaffAttendeesQuery): Promise<Listed> {
  const { vault } = ctx.deps;
  const ev = await repo.findEvent(eventId);
  if (!ev || !isStaffOf(ctx.user, { eventId })) throw notFound('NOT_FOUND', '没有找到这个活动');
  const [sessions, regs, tickets, checkins] = await Promise.all([
    repo.listSessions(eventId),
    repo.registrationsOfEvent(eventId, q),
    repo.ticketsOfEvent(eventId, q.sessionId),
    repo.checkinsOf({ eventId, ...(q.sessionId ? { sessionId: q.sessionId } : {}) }),
  ]);
  const label = new Map(sessions.map((s) => [String(s._id), monthDayTime(s.startAt)]));
  const ticketOf = new Map(tickets.map((t) => [`${String(t.registrationId)}.${t.attendee}`, String(t._id)]));
  const entry = new Map(checkins.map((c) => [String(c.ticketId), c]));
  // Positions in line per session: the registrations come in arrival order, as the waitlist keeps it.
  const waitSeen = new Map<string, number>();
  const waiting = regs
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.waitSince?.getTime() ?? 0) - (b.waitSince?.getTime() ?? 0));
  const position = new Map(
    waiting.map((r) => {
      const s = String(r.sessionId);
      waitSeen.set(s, (waitSeen.get(s) ?? 0) + 1);
      return [String(r._id), waitSeen.get(s)!];
    }),
  );
  const rows = regs.flatMap((r) => {
    const id = String(r._id);
    const form = r.formEnc ? (JSON.parse(vault.decrypt(r.formEnc)) as Record<string, unknown>) : {};
    return r.attendees.map((a, i) => {
      const c = entry.get(ticketOf.get(`${id}.${i}`) ?? '');
      return {
        registrationId: id,
        index: i,
        sessionId: String(r.sessionId),
        sessionLabel: label.get(String(r.sessionId)) ?? '',
        name: maskName(vault.decrypt(a.nameEnc)),
        idNumber: maskIdNumber(vault.decrypt(a.idNumberEnc)),
        phone: a.phoneEnc ? maskPhone(vault.decrypt(a.phoneEnc)) : null,
        status: a.status === 'cancelled' ? ('cancelled' as const) : (r.status as StaffAttendee['status']),
        position: position.get(id) ?? null,
        checkedInAt: c ? toIso(c.at) : null,
        gate: c ? c.gate : null,
        entryNote: c ? entryNote(c) : null,
        registeredAt: toIso(r.createdAt),
        form,
      };
    });
  });
  return { ev, rows };
}

/** The entry's flags in words: another scan of the same ticket, or a cancel after the person went in. */
function entryNote(c: CheckinDoc): string | null {
  const notes = (c.flags ?? []).map((f) =>
    f.kind === 'later-scan'
      ? `另于 ${monthDayTime(f.at!)}${f.gate ? ` 在${f.gate}` : ''}扫码`
      : `入场后于 ${monthDayTime(f.at!)} 取消了报名`,
  );
  return notes.length ? notes.join('；') : null;
}

/** `GET /api/staff/events/:id/attendees`: the attendee list of the event's staff. */
export async function attendeeList(ctx: Context, eventId: string, q: StaffAttendeesQuery): Promise<StaffAttendees> {
  const { ev, rows } = await listed(ctx, eventId, q);
  return { eventId, title: ev.title, items: rows.map(({ form: _form, ...row }) => row), total: rows.length };
}

/** The same list as an Excel file, the sign-up questions' answers masked as in every export. The caller audits it. */
export async function exportAttendees(ctx: Context, eventId: string, q: StaffAttendeesQuery) {
  const { ev, rows } = await listed(ctx, eventId, q);
  const columns = [
    { header: '场次', key: 'session', width: 16 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'idNumber', width: 22 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '状态', key: 'status', width: 8 },
    { header: '候补位次', key: 'position', width: 8 },
    { header: '入场时间', key: 'checkedInAt', width: 26 },
    { header: '入口', key: 'gate', width: 10 },
    { header: '入场核对', key: 'entryNote', width: 30 },
    ...answerColumns(ev.form),
    { header: '报名于', key: 'registeredAt', width: 26 },
  ];
  const sheet = rows.map((r) => ({
    session: r.sessionLabel,
    name: r.name,
    idNumber: r.idNumber,
    phone: r.phone ?? '',
    status: REGISTRATION_STATUS_LABELS[r.status],
    position: r.position ?? '',
    checkedInAt: r.checkedInAt ?? '',
    gate: r.gate ?? '',
    entryNote: r.entryNote ?? '',
    registeredAt: r.registeredAt,
    ...answerCells(ev.form, maskForm(ev.form, r.form, { contact: false })),
  }));
  return { buffer: await workbookOf(ev.title, columns, sheet), rows: rows.length, filename: `attendees-${eventId}.xlsx` };
}
