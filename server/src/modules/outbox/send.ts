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

/** Batches one tick sends at most: a festival's thousands of notices leave within minutes, not one batch per tick. */
export const BATCHES_PER_TICK = 20;
/** A tick stops starting batches after this long (on the app's clock), so the jobs queued behind it are not held up for minutes. */
export const TICK_BUDGET_MS = 20_000;

/**
 * Sends what is due, if this instance holds the sender lease: batch after batch while full ones keep
 * coming (up to BATCHES_PER_TICK and TICK_BUDGET_MS, the lease renewed before each). Returns how many were sent and
 * failed. Runs from a timer in every API instance; the lease makes one of them the sender at a time.
 */
export async function sendDue(deps: Deps, holder: string, batch = 50): Promise<{ sent: number; failed: number; held: boolean }> {
  const total = { sent: 0, failed: 0, held: false };
  const started = deps.now().getTime();
  for (let round = 0; round < BATCHES_PER_TICK; round++) {
    const now = deps.now();
    if (now.getTime() - started > TICK_BUDGET_MS) break;
    if (!(await acquireLease(OUTBOX_LEASE, holder, now, new Date(now.getTime() + 60_000)))) return total;
    total.held = true;
    const r = await sendBatch(deps, now, batch);
    total.sent += r.sent;
    total.failed += r.failed;
    if (r.sent + r.failed < batch) break;
  }
  return total;
}

async function sendBatch(deps: Deps, now: Date, batch: number): Promise<{ sent: number; failed: number }> {
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
  return { sent, failed };
}
