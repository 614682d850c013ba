import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeTicket, encodeTicket, ticketPayload, toBase64Url, type TicketClaims } from '@jingkai/shared';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

interface Key {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key, base64url: what a gate device needs. */
  publicRaw: string;
}

/**
 * Signs and verifies e-tickets with Ed25519 (Node's crypto). Keys rotate by id: the first key signs,
 * every key verifies the tickets that name it, and gate devices download the public keys.
 */
export class TicketSigner {
  private readonly keys: Key[];
  private readonly byId: Map<string, Key>;

  constructor(seeds: { id: string; key: Buffer }[]) {
    if (!seeds.length) throw new Error('at least one ticket signing key is needed');
    this.keys = seeds.map(({ id, key }) => {
      if (key.length !== 32) throw new Error(`ticket signing key ${id} must be a 32-byte seed`);
      const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, key]), format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey(privateKey);
      const spki = publicKey.export({ format: 'der', type: 'spki' });
      return { id, privateKey, publicKey, publicRaw: toBase64Url(spki.subarray(spki.length - 32)) };
    });
    this.byId = new Map(this.keys.map((k) => [k.id, k]));
  }

  /** The key that signs now, as a gate device sees it. */
  get current(): { keyId: string; publicKey: string } {
    return { keyId: this.keys[0]!.id, publicKey: this.keys[0]!.publicRaw };
  }

  /** Every key that still verifies, for devices holding tickets signed before a rotation. */
  get all(): { keyId: string; publicKey: string }[] {
    return this.keys.map((k) => ({ keyId: k.id, publicKey: k.publicRaw }));
  }

  sign(claims: Omit<TicketClaims, 'keyId'>): string {
    const key = this.keys[0]!;
    const payload = ticketPayload({ ...claims, keyId: key.id });
    return encodeTicket(payload, new Uint8Array(sign(null, payload, key.privateKey)));
  }

  /** The ticket's claims when its signature is good under a key we hold; null for anything else. */
  verify(code: string): TicketClaims | null {
    if (typeof code !== 'string' || code.length > 200) return null;
    const t = decodeTicket(code);
    const key = t && this.byId.get(t.claims.keyId);
    if (!t || !key) return null;
    return verify(null, t.payload, key.publicKey, t.signature) ? t.claims : null;
  }
}
