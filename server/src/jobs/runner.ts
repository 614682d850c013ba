import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { sweepExpiredKeys } from '../http/idempotency';
import { sweepBookings } from '../modules/bookings';
import { promoteAll, repairRegistrationExits, sweepSessionSeats } from '../modules/events';
import { syncNews } from '../modules/news';
import { repairFollowUps, repairRequestSteps } from '../modules/requests';
import { sendDue } from '../modules/outbox';
import { sweepTokenFloors } from '../modules/users';

/**
 * Background work of one API instance: the outbox sender and the news sync (one instance at a time
 * each, by lease), the sweeper of orphan seats and unfinished status changes, and the sweepers of expired
 * Idempotency-Keys and old token floors. Each tick runs after the previous one ends; errors are logged, never thrown.
 */
export function startJobs(deps: Deps): { stop(): Promise<void> } {
  const holder = `api-${randomUUID()}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = (name: string, fn: () => Promise<unknown>, everyMs: number) => {
    const timer = setInterval(() => {
      if (stopped) return;
      running = running.then(fn).catch((err) => deps.logger.warn({ err: (err as Error).message, job: name }, 'job failed'));
    }, everyMs);
    timer.unref();
    return timer;
  };
  const timers = [
    tick('outbox', () => sendDue(deps, holder), deps.config.outboxIntervalSeconds * 1000),
    tick('bookings-sweep', () => sweepBookings(deps, new Date(deps.now().getTime() - 60_000)), 60_000),
    tick(
      'events-sweep',
      async () => {
        const before = new Date(deps.now().getTime() - 60_000);
        await sweepSessionSeats(before);
        await repairRegistrationExits(deps, before);
        await promoteAll(deps);
      },
      60_000,
    ),
    tick(
      'requests-sweep',
      async () => {
        const before = new Date(deps.now().getTime() - 60_000);
        await repairRequestSteps(before);
        await repairFollowUps(deps, before);
      },
      60_000,
    ),
    tick('idempotency-keys', () => sweepExpiredKeys(deps.now()), 3600_000),
    tick(
      'token-floors',
      () => sweepTokenFloors(new Date(deps.now().getTime() - deps.config.authTokenTtlMinutes * 60_000 - 3600_000)),
      3600_000,
    ),
    ...(deps.officialAccount && deps.config.newsSyncMinutes > 0
      ? [tick('news-sync', () => syncNews(deps, { holder }), deps.config.newsSyncMinutes * 60_000)]
      : []),
  ];
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
