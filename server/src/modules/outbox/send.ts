import type { Deps } from '../../deps';
import { WechatError } from '../../wechat/client';
import { acquireLease } from '../lease';
import * as repo from './repo';

// The sender: what is due leaves for WeChat, one instance at a time.

/** Retry delays after a failed attempt; after the last, the message ends `failed` with its reason. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];

/** WeChat answers that no retry can fix: the user did not subscribe, or the request is wrong. */
const PERMANENT = new Set([43101, 40003, 40037, 47003, 41030]);

export const OUTBOX_LEASE = 'outbox-sender';

/**
 * Sends what is due, if this instance holds the sender lease. Returns how many were sent and failed.
 * Runs from a timer in every API instance; the lease makes one of them the sender at a time.
 */
export async function sendDue(deps: Deps, holder: string, batch = 50): Promise<{ sent: number; failed: number; held: boolean }> {
  const now = deps.now();
  const held = await acquireLease(OUTBOX_LEASE, holder, now, new Date(now.getTime() + 60_000));
  if (!held) return { sent: 0, failed: 0, held: false };
  let sent = 0;
  let failed = 0;
  for (const m of await repo.due(now, batch)) {
    try {
      await deps.wechat.sendSubscribeMessage({
        touser: m.openid,
        templateId: m.templateId,
        page: m.page ?? undefined,
        data: m.data as Record<string, { value: string }>,
      });
      await repo.markSent(m._id, deps.now());
      sent++;
    } catch (e) {
      const errcode = e instanceof WechatError ? e.errcode : -1;
      const errmsg = e instanceof WechatError ? e.errmsg : (e as Error).message;
      const delay = PERMANENT.has(errcode) ? undefined : RETRY_DELAYS_MS[m.attempts];
      await repo.markFailedAttempt(
        m._id,
        { errcode, errmsg, at: deps.now() },
        delay === undefined ? null : new Date(deps.now().getTime() + delay),
      );
      deps.logger.warn({ outboxId: String(m._id), errcode, attempts: m.attempts + 1 }, 'subscribe message not sent');
      failed++;
    }
  }
  return { sent, failed, held: true };
}
