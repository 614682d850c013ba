import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2';
import { decodeTicket, fromBase64Url, gateClosedReason, type OfflineList } from '@jingkai/shared';

// @noble/ed25519 v3 verifies synchronously only with a SHA-512 given to it (the weapp has no WebCrypto).
// The copy gives the ArrayBuffer-backed array ed25519 v3's types ask for (64 bytes, nothing to measure).
ed.hashes.sha512 = (message) => new Uint8Array(sha512(message));

/** A scan this device made: the first time and gate it let the ticket in. */
export interface LocalEntry {
  at: string;
  gate: string;
}

/**
 * What the gate shows for a scan, the same three colours as online: green (in), yellow (already in,
 * with the first time and gate when this device knows them), red (with the reason).
 */
export type GateVerdict =
  | { kind: 'valid'; ticketId: string; name: string; sessionId: string }
  | { kind: 'already'; ticketId: string; name: string; firstAt: string | null; firstGate: string | null }
  | { kind: 'refused'; code: RefusalCode; reason: string };

type RefusalCode = 'INVALID_TICKET' | 'WRONG_EVENT' | 'TICKET_REVOKED' | 'WRONG_SESSION';

/** The downloaded list, indexed once for scanning: keys decoded, tickets and sets by id. */
export interface GateBook {
  eventId: string;
  keys: Map<string, Uint8Array>;
  names: Map<string, { name: string; sessionId: string }>;
  revoked: Set<string>;
  /** Each session's times: its gates are open from 3 hours before the start until its end. */
  sessions: Map<string, { startAt: Date; endAt: Date }>;
  /** Checked in before the list was downloaded (at any gate). */
  checkedIn: Set<string>;
}

/**
 * Indexes a downloaded list. It also builds @noble/ed25519's table of base-point multiples (a few
 * hundred ms once per app run on a phone), so the first person at the gate does not wait for it.
 */
export function indexList(list: OfflineList): GateBook {
  ed.Point.BASE.multiply(2n, false);
  const keys = new Map<string, Uint8Array>();
  for (const k of [...list.keys, { keyId: list.keyId, publicKey: list.publicKey }]) {
    const raw = fromBase64Url(k.publicKey);
    if (raw?.length === 32) keys.set(k.keyId, raw);
  }
  return {
    eventId: list.eventId,
    keys,
    names: new Map(list.tickets.map((t) => [t.id, { name: t.name, sessionId: t.sessionId }])),
    revoked: new Set(list.revoked),
    sessions: new Map((list.sessions ?? []).map((x) => [x.id, { startAt: new Date(x.startAt), endAt: new Date(x.endAt) }])),
    checkedIn: new Set(list.checkedIn),
  };
}

const refused = (code: RefusalCode, reason: string): GateVerdict => ({
  kind: 'refused',
  code,
  reason,
});

/**
 * Checks a scanned code without the network at `now`: the signature under the key it names, the
 * event, the revocation list, the session's gate hours (as the server judges them), then whether it
 * is already in (on this device, or before the download). A ticket signed after the download is still
 * good: the signature alone proves the server issued it.
 */
export function verifyOffline(book: GateBook, code: string, local: Readonly<Record<string, LocalEntry>>, now: Date): GateVerdict {
  const t = code.length <= 200 ? decodeTicket(code) : null;
  const key = t && book.keys.get(t.claims.keyId);
  let good = false;
  try {
    good = !!t && !!key && ed.verify(t.signature, t.payload, key, { zip215: false });
  } catch {
    good = false;
  }
  if (!t || !good) return refused('INVALID_TICKET', '这不是有效的电子票');
  const { ticketId, eventId, sessionId } = t.claims;
  if (eventId !== book.eventId) return refused('WRONG_EVENT', '这是其他活动的电子票，不在本入口核验');
  if (book.revoked.has(ticketId)) return refused('TICKET_REVOKED', '这张票已取消，不能入场');
  const session = book.sessions.get(sessionId);
  const closed = session && gateClosedReason(session, now);
  if (closed) return refused('WRONG_SESSION', closed);
  const name = book.names.get(ticketId)?.name ?? '名单外新报名';
  const mine = local[ticketId];
  if (mine) return { kind: 'already', ticketId, name, firstAt: mine.at, firstGate: mine.gate };
  if (book.checkedIn.has(ticketId)) return { kind: 'already', ticketId, name, firstAt: null, firstGate: null };
  return { kind: 'valid', ticketId, name, sessionId };
}
