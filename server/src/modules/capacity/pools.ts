/** Pool ids: the kind of pool, a colon, and the id of what it counts (a slot, an event session). */
export const slotPool = (slotId: string) => `slot:${slotId}`;
export const sessionPool = (sessionId: string) => `session:${sessionId}`;

/**
 * Whether anyone is shown how many places a pool has left: slots and sessions are; a person's daily
 * limit (`limit:…`) never is, so taking one of its places need not tell the counts or the other instances.
 */
export const isListedPool = (poolId: string) => poolId.startsWith('slot:') || poolId.startsWith('session:');
