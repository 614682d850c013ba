/** Pool ids: the kind of pool, a colon, and the id of what it counts (a slot, an event session). */
export const slotPool = (slotId: string) => `slot:${slotId}`;
export const sessionPool = (sessionId: string) => `session:${sessionId}`;
