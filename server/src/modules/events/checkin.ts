import { createHash } from 'node:crypto';
import { gateClosedReason, maskName, monthDayTime, toIso, type OfflineList, type TicketClaims } from '@jingkai/shared';
import { isStaffOf } from '../../http/auth';
import { AppError, conflict, notFound } from '../../http/errors';
import type { Context } from './register';
import * as transitions from '../transitions';
import * as repo from './repo';

/** Scans dated more than this far ahead of the server's clock are refused as invalid (a device with a wrong clock, or a forgery). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const hhmm = (d: Date) => toIso(d).slice(11, 16);
const firstEntry = (c: repo.CheckinDoc) => `已于 ${hhmm(c.at)}${c.gate ? ` 在${c.gate}` : ''}入场`;

type Judged = { ok: true; claims: TicketClaims; ticket: repo.TicketDoc; session: repo.SessionDoc | null } | { ok: false; error: AppError };

/**
 * What a gate may say about a code at `at` (now, or when an offline device scanned it): forged or
 * unknown, of another event, revoked (unless the scan came before the revocation: that person is
 * inside), of a session whose gates are not open at that time, or good.
 */
async function judge(ctx: Context, code: string, at: Date, eventId?: string): Promise<Judged> {
  const claims = ctx.deps.tickets.verify(code);
  const ticket = claims && (await repo.findTicket(claims.ticketId));
  if (!claims || !ticket || String(ticket.eventId) !== claims.eventId || String(ticket.sessionId) !== claims.sessionId) {
    return { ok: false, error: notFound('INVALID_TICKET', '这不是有效的电子票') };
  }
  if ((eventId && eventId !== claims.eventId) || !isStaffOf(ctx.user, { eventId: claims.eventId })) {
    const ev = await repo.findEvent(claims.eventId);
    return { ok: false, error: conflict('WRONG_EVENT', `这是「${ev?.title ?? '其他活动'}」的电子票，不在本入口核验`) };
  }
  if (ticket.status !== 'valid' && !(ticket.revokedAt && at < ticket.revokedAt)) {
    return { ok: false, error: conflict('TICKET_REVOKED', '这张票已取消，不能入场') };
  }
  const session = await repo.findSession(String(ticket.sessionId));
  const closed = session && gateClosedReason(session, at);
  if (closed) {
    const details = { sessionStartAt: toIso(session.startAt), sessionEndAt: toIso(session.endAt) };
    return { ok: false, error: new AppError(409, 'WRONG_SESSION', closed, undefined, undefined, details) };
  }
  return { ok: true, claims, ticket, session };
}

/**
 * The attendee's way out of `active` into the venue: the same exit row a cancel of that attendee
 * claims (cancel.ts), so a scan and a cancel at the same moment cannot both win. Answers whether the
 * entry may be recorded: won now, or entered before (the check-in row then says when); false when a
 * cancel won, with its time.
 */
async function claimEntry(ticket: repo.TicketDoc, at: Date, by: string): Promise<{ ok: true } | { ok: false; cancelledAt: Date }> {
  const subject = `attendee:${String(ticket.registrationId)}.${ticket.attendee}`;
  if (await transitions.claimExit({ subject, from: 'active', to: 'entered', by, patch: {}, at })) return { ok: true };
  const exit = await transitions.exitOf(subject, 'active');
  return exit?.to === 'cancelled' ? { ok: false, cancelledAt: exit.at } : { ok: true };
}

const markEntered = (ticket: repo.TicketDoc) =>
  transitions.markApplied(`attendee:${String(ticket.registrationId)}.${ticket.attendee}`, 'active');

/**
 * A steward scans a ticket online: one round trip, one unique insert per ticket. The second scan of
 * the same ticket is refused with the time and gate of the first.
 */
export async function checkIn(ctx: Context, body: { ticket: string; gate?: string; eventId?: string }) {
  const { deps } = ctx;
  const at = deps.now();
  const verdict = await judge(ctx, body.ticket, at, body.eventId);
  if (!verdict.ok) throw verdict.error;
  const { ticket } = verdict;
  const gate = body.gate ?? '';
  if (!(await claimEntry(ticket, at, ctx.user.id)).ok) throw conflict('TICKET_REVOKED', '这张票已取消，不能入场');
  const r = await repo.insertCheckin({
    ticketId: ticket._id,
    eventId: ticket.eventId,
    sessionId: ticket.sessionId,
    at,
    gate,
    by: ctx.user.id,
    source: 'online',
  });
  if (!r.ok)
    throw new AppError(409, 'ALREADY_CHECKED_IN', `${ticket.name} ${firstEntry(r.first)}`, undefined, undefined, {
      firstCheckedInAt: toIso(r.first.at),
      firstGate: r.first.gate,
    });
  await markEntered(ticket);
  // The session judge() read: the scan's hot path reads it once.
  const session = verdict.session!;
  return {
    attendee: ticket.name,
    checkedInAt: toIso(at),
    sessionId: String(ticket.sessionId),
    sessionStartAt: toIso(session.startAt),
    gate,
  };
}

type ScanResult = { nonce: string; result: 'ok' | 'duplicate' | 'invalid'; reason?: string; firstCheckedInAt?: string; firstGate?: string };

const answerOf = (s: Pick<repo.ScanDoc, 'nonce' | 'result' | 'reason' | 'firstCheckedInAt' | 'firstGate'>): ScanResult => ({
  nonce: s.nonce,
  result: s.result as ScanResult['result'],
  ...(s.reason ? { reason: s.reason } : {}),
  ...(s.firstCheckedInAt ? { firstCheckedInAt: toIso(s.firstCheckedInAt) } : {}),
  ...(s.firstGate != null && s.result === 'duplicate' ? { firstGate: s.firstGate } : {}),
});

/** The entry an offline scan makes, judged at the time the device scanned it. */
async function offlineEntry(
  ctx: Context,
  s: { gate: string; nonce: string },
  scannedAt: Date,
  verdict: Judged & { ok: true },
): Promise<ScanResult> {
  const t = verdict.ticket;
  const entry = { at: scannedAt, gate: s.gate, by: ctx.user.id, source: 'offline' as const };
  // A cancel that won while this upload was on its way: a scan from before it still counts (below).
  const claimed = t.status === 'valid' ? await claimEntry(t, scannedAt, ctx.user.id) : { ok: true as const };
  if (!claimed.ok && scannedAt >= claimed.cancelledAt) return { nonce: s.nonce, result: 'invalid', reason: '这张票已取消，不能入场' };
  if (!claimed.ok) t.revokedAt = claimed.cancelledAt;
  const r = await repo.insertCheckin({ ticketId: t._id, eventId: t.eventId, sessionId: t.sessionId, ...entry });
  // Scanned before its registration was cancelled: the person is inside; staff see why.
  const afterCancel = t.status !== 'valid' || !claimed.ok;
  if (claimed.ok && t.status === 'valid') await markEntered(t);
  if (r.ok) {
    if (afterCancel) await repo.flagCheckin(t._id, { kind: 'cancelled-after-entry', at: t.revokedAt!, gate: s.gate, source: 'offline' });
    return { nonce: s.nonce, result: 'ok', ...(afterCancel ? { reason: '入场后报名被取消，请工作人员核对' } : {}) };
  }
  // The first scan in time is the entry, whichever reached the server first; the other is flagged.
  if (scannedAt < r.first.at) {
    const now = await repo.moveEntryEarlier(t._id, entry);
    // This scan is the entry; the gate hears of the later one, which staff see on the attendee list.
    if (now && now.at.getTime() === scannedAt.getTime() && now.gate === s.gate)
      return {
        nonce: s.nonce,
        result: 'ok',
        reason: `这张票另于 ${hhmm(r.first.at)}${r.first.gate ? ` 在${r.first.gate}` : ''}扫码，请工作人员核对`,
      };
    if (now) return { nonce: s.nonce, result: 'duplicate', firstCheckedInAt: toIso(now.at), firstGate: now.gate };
  }
  return { nonce: s.nonce, result: 'duplicate', firstCheckedInAt: toIso(r.first.at), firstGate: r.first.gate };
}

/**
 * A gate device's offline scans, uploaded when the network returns. Each scan counts once by its
 * nonce (a repeated upload gets the stored answers), and is judged at the time it was scanned. The
 * entry is the scan first in time: an upload that brings an earlier scan than the recorded entry
 * (online or offline) takes its place, and the later one stays on the entry as a flag.
 */
export async function uploadScans(ctx: Context, scans: { ticket: string; gate: string; scannedAt: string; nonce: string }[]) {
  const { deps } = ctx;
  const results: ScanResult[] = [];
  for (const s of scans) {
    const scannedAt = new Date(s.scannedAt);
    const key = `${ctx.user.id}:${s.nonce}`;
    const content = createHash('sha256').update(`${s.ticket}\n${scannedAt.toISOString()}`).digest('base64url').slice(0, 22);
    const before = await repo.claimScan({ nonce: key, content, gate: s.gate, scannedAt, by: ctx.user.id, source: 'offline' });
    if (before) {
      // The same nonce for another scan: that scan is not the one stored, and is not thrown away silently.
      if (before.content && before.content !== content) {
        results.push({ nonce: s.nonce, result: 'invalid', reason: '这个扫描编号已用于另一次扫码，请重新扫描这张票' });
        continue;
      }
      // Uploaded before (maybe this very moment by a second upload): wait briefly for its answer.
      let stored = before;
      for (let i = 0; stored.result === null && i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50));
        stored = (await repo.findScan(key)) ?? stored;
      }
      results.push(
        stored.result ? { ...answerOf(stored), nonce: s.nonce } : { nonce: s.nonce, result: 'invalid', reason: '正在处理，请稍后再上传' },
      );
      continue;
    }
    let answer: ScanResult;
    const verdict = await judge(ctx, s.ticket, scannedAt);
    if (scannedAt.getTime() > deps.now().getTime() + FUTURE_TOLERANCE_MS) {
      answer = { nonce: s.nonce, result: 'invalid', reason: '扫描时间晚于现在，请检查设备时间' };
    } else if (verdict.ok && verdict.ticket.issuedAt && scannedAt.getTime() < verdict.ticket.issuedAt.getTime() - FUTURE_TOLERANCE_MS) {
      answer = { nonce: s.nonce, result: 'invalid', reason: '扫描时间早于出票时间，请检查设备时间' };
    } else if (!verdict.ok) {
      answer = { nonce: s.nonce, result: 'invalid', reason: verdict.error.message };
    } else {
      answer = await offlineEntry(ctx, s, scannedAt, verdict);
    }
    await repo.recordScan(key, {
      ticketId: verdict.ok ? String(verdict.ticket._id) : null,
      eventId: verdict.ok ? String(verdict.ticket.eventId) : null,
      result: answer.result,
      reason: answer.reason ?? null,
      firstCheckedInAt: answer.firstCheckedInAt ? new Date(answer.firstCheckedInAt) : null,
      firstGate: answer.firstGate ?? null,
    });
    results.push(answer);
  }
  return { results };
}

/** What a gate device downloads to check tickets without the network: masked names only. */
export async function offlineList(ctx: Context, eventId: string, sessionId?: string): Promise<OfflineList> {
  const { deps } = ctx;
  const ev = await repo.findEvent(eventId);
  if (!ev || !isStaffOf(ctx.user, { eventId })) throw notFound('NOT_FOUND', '没有找到这个活动');
  const tickets = await repo.ticketsOfEvent(eventId, sessionId);
  const sessions = await repo.listSessions(eventId);
  const checkins = await repo.checkinsOf({ eventId, ...(sessionId ? { sessionId } : {}) });
  const { keyId, publicKey } = deps.tickets.current;
  return {
    keyId,
    publicKey,
    keys: deps.tickets.all,
    eventId,
    tickets: tickets
      .filter((t) => t.status === 'valid')
      .map((t) => ({ id: String(t._id), name: maskName(t.name), sessionId: String(t.sessionId) })),
    revoked: tickets.filter((t) => t.status !== 'valid').map((t) => String(t._id)),
    sessions: sessions.map((x) => ({ id: String(x._id), startAt: toIso(x.startAt), endAt: toIso(x.endAt) })),
    checkedIn: checkins.map((c) => String(c.ticketId)),
    asOf: toIso(deps.now()),
  };
}

/** Live counts per session for staff: places, confirmed attendees, waiting groups, entered. */
export async function counts(ctx: Context, eventId: string) {
  const ev = await repo.findEvent(eventId);
  if (!ev || !isStaffOf(ctx.user, { eventId })) throw notFound('NOT_FOUND', '没有找到这个活动');
  const [sessions, tickets, checkins] = await Promise.all([
    repo.listSessions(eventId),
    repo.ticketsOfEvent(eventId),
    repo.checkinsOf({ eventId }),
  ]);
  const waiting = await repo.countWaiting(sessions.map((s) => String(s._id)));
  return {
    eventId,
    title: ev.title,
    sessions: sessions.map((s) => {
      const id = String(s._id);
      return {
        id,
        startAt: toIso(s.startAt),
        label: monthDayTime(s.startAt),
        capacity: s.capacity,
        tickets: tickets.filter((t) => String(t.sessionId) === id && t.status === 'valid').length,
        waitlist: waiting.get(id) ?? 0,
        checkedIn: checkins.filter((c) => String(c.sessionId) === id).length,
      };
    }),
  };
}
