/**
 * The e-ticket a QR code carries: `JK1.<payload>.<signature>`, both base64url. The payload is the
 * ticket, event and session ids (12 bytes each, as in the database) and the signing key's id; the
 * signature is Ed25519 over the payload bytes. The server signs with Node's crypto; a gate device
 * verifies with the public key alone (the mini-program with @noble/ed25519), so a forged or altered
 * ticket is refused without the network. About 140 characters: a QR of version 7–8.
 */
import { monthDayTime } from './time';
export const TICKET_PREFIX = 'JK1';

export interface TicketClaims {
  ticketId: string;
  eventId: string;
  sessionId: string;
  keyId: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += B64[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += B64[n & 63]!;
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of text) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 255;
    }
  }
  return bytes.subarray(0, j);
}

const hexToBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
const bytesToHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const OBJECT_ID = /^[0-9a-f]{24}$/;
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** The bytes a ticket's signature covers. */
export function ticketPayload(c: TicketClaims): Uint8Array {
  if (![c.ticketId, c.eventId, c.sessionId].every((id) => OBJECT_ID.test(id)) || !KEY_ID.test(c.keyId)) {
    throw new Error('ticket ids must be ObjectIds and the key id 1-16 characters');
  }
  const kid = Array.from(c.keyId, (ch) => ch.charCodeAt(0));
  return Uint8Array.from([...hexToBytes(c.ticketId), ...hexToBytes(c.eventId), ...hexToBytes(c.sessionId), ...kid]);
}

export function encodeTicket(payload: Uint8Array, signature: Uint8Array): string {
  return `${TICKET_PREFIX}.${toBase64Url(payload)}.${toBase64Url(signature)}`;
}

/** Reads a ticket's claims and signature; null when it is not a ticket at all (the signature is not checked here). */
export function decodeTicket(code: string): { claims: TicketClaims; payload: Uint8Array; signature: Uint8Array } | null {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || parts[0] !== TICKET_PREFIX) return null;
  const payload = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!payload || !signature || signature.length !== 64 || payload.length < 37 || payload.length > 52) return null;
  const keyId = String.fromCharCode(...payload.subarray(36));
  if (!KEY_ID.test(keyId)) return null;
  return {
    claims: {
      ticketId: bytesToHex(payload.subarray(0, 12)),
      eventId: bytesToHex(payload.subarray(12, 24)),
      sessionId: bytesToHex(payload.subarray(24, 36)),
      keyId,
    },
    payload,
    signature,
  };
}

/** A session's gates open this long before it starts, and close when it ends. */
export const GATES_OPEN_BEFORE_MS = 3 * 3600_000;

/**
 * Why a ticket of `session` may not go in at `at`, or null while its gates are open. The server
 * (online and uploaded scans, judged when scanned) and the gate device offline say the same.
 */
export function gateClosedReason(session: { startAt: Date; endAt: Date }, at: Date): string | null {
  const opens = new Date(session.startAt.getTime() - GATES_OPEN_BEFORE_MS);
  if (at < opens) return `这是 ${monthDayTime(session.startAt)} 场次的票，${monthDayTime(opens)} 起可入场`;
  if (at >= session.endAt) return `这是 ${monthDayTime(session.startAt)} 场次的票，这一场已结束`;
  return null;
}
