import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Field encryption for personal data at rest: AES-256-GCM with a random 96-bit IV, stored as
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The key id travels with the value, so keys can
 * rotate: new values use the first key, old ones still decrypt with theirs.
 */
export interface DataKeys {
  /** The first key encrypts; every key decrypts values carrying its id. */
  encryption: { id: string; key: Buffer }[];
  /** For keyed hashes used as lookup and uniqueness keys (one ID number per event). */
  hashKey: Buffer;
}

export class Vault {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: DataKeys) {
    if (!keys.encryption.length) throw new Error('at least one encryption key is needed');
    for (const k of keys.encryption) if (k.key.length !== 32) throw new Error(`encryption key ${k.id} must be 32 bytes`);
    this.byId = new Map(keys.encryption.map((k) => [k.id, k.key]));
  }

  encrypt(plain: string): string {
    const { id, key } = this.keys.encryption[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [v, id, iv, tag, ct] = sealed.split('.');
    const key = id ? this.byId.get(id) : undefined;
    if (v !== 'v1' || !key || !iv || !tag || ct === undefined) throw new Error('cannot decrypt: unknown format or key');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A keyed hash (HMAC-SHA256): equal inputs match, and nobody without the key can test guesses. */
  hash(value: string): string {
    return createHmac('sha256', this.keys.hashKey).update(value).digest('base64url');
  }
}

/** Parses `id:base64key,id2:base64key2`. */
export function parseKeyList(spec: string): { id: string; key: Buffer }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(':');
      if (i < 1) throw new Error('each key is "id:base64"');
      return { id: pair.slice(0, i), key: Buffer.from(pair.slice(i + 1), 'base64') };
    });
}

/** Deterministic keys for development and tests only; production refuses to start without real ones. */
export function devKey(purpose: string): Buffer {
  return createHash('sha256').update(`jingkai-dev-only:${purpose}`).digest();
}
