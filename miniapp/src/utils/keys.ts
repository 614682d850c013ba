/**
 * A new Idempotency-Key for one attempt of a write: a retry after a lost answer (network, 5xx) sends
 * the same key and gets the first answer; once the server refused, what follows is a new attempt.
 */
export const newIdempotencyKey = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
