import { jwtVerify, SignJWT, errors } from 'jose';
import { webcrypto } from 'node:crypto';

const ISSUER = 'jingkai-api';
const AUDIENCE = 'jingkai-miniapp';

export interface TokenClaims {
  /** The user id. */
  sub: string;
  /** The user's token version: bumping it revokes every token issued before. */
  ver: number;
  /**
   * True when the user had no role but `citizen` at sign-in. Such a token is checked against the
   * revocation floors in memory instead of the user's row (any role change bumps `ver`).
   */
  citizen: boolean;
}

/**
 * Our own short-lived session token (HS256 only: verification names the one algorithm it accepts,
 * so `alg: none` and algorithm confusion are refused). It carries no personal data and no session_key.
 */
export class TokenService {
  /** The secret imported once: jose would import it again for every token it signs or checks. */
  private key: Promise<webcrypto.CryptoKey> | undefined;

  constructor(
    private readonly secret: Buffer,
    private readonly ttlMinutes: number,
    /** The app's clock (`deps.now`), so a pinned test clock issues and checks tokens alike. */
    private readonly now: () => Date,
  ) {}

  private hmacKey(): Promise<webcrypto.CryptoKey> {
    this.key ??= webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return this.key;
  }

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + this.ttlMinutes * 60;
    const token = await new SignJWT({ ver: claims.ver, cit: claims.citizen })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await this.hmacKey());
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the claims, or undefined for a token that is malformed, tampered with or expired. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.hmacKey(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.now(),
      });
      if (typeof payload.sub !== 'string' || typeof payload.ver !== 'number') return undefined;
      return { sub: payload.sub, ver: payload.ver, citizen: payload.cit === true };
    } catch (e) {
      if (e instanceof errors.JOSEError) return undefined;
      throw e;
    }
  }
}
