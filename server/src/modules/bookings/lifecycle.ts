import { cancelDeadline, type BookingStatus, type BookingView } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { isStaffOf, type AuthUser } from '../../http/auth';
import { conflict, notFound, validationError, type AppError } from '../../http/errors';
import { toDateString } from '../../lib/time';
import * as capacity from '../capacity';
import * as services from '../services';
import * as transitions from '../transitions';
import * as users from '../users';
import { dropReminder, notifyCancelledByStaff } from './notify';
import { fmt, present } from './present';
import * as repo from './repo';

export interface Context {
  deps: Deps;
  user: AuthUser;
}

type Exit = 'served' | 'no_show' | 'cancelled';
type By = 'citizen' | 'staff' | 'system';

const subjectOf = (id: string) => `booking:${id}`;

/**
 * Applies an exit from `confirmed` that its caller has won: writes the status, gives the seats back
 * (not for served: the place was used), drops the reminder, and tells the citizen when staff
 * cancelled. Every step is idempotent, so the sweeper may run it again for a winner that died midway.
 */
async function applyExit(deps: Deps, e: { id: string; to: string; by: string; at: Date; patch: Record<string, unknown> }) {
  const updated = await repo.applyPatch(e.id, {
    ...e.patch,
    status: e.to,
    ...(e.to === 'served' ? { servedAt: e.at } : {}),
    ...(e.to === 'no_show' ? { noShowAt: e.at } : {}),
  });
  if (!updated) return null;
  if (e.to !== 'served') await capacity.release(e.id);
  await dropReminder(e.id);
  if (e.to === 'cancelled' && e.by === 'staff' && updated.userId) {
    const [owner, svc] = await Promise.all([users.findById(String(updated.userId)), services.findService(String(updated.serviceId))]);
    if (owner) await notifyCancelledByStaff(deps, updated, owner.openid, svc?.name ?? '', String(e.patch.cancelReason ?? ''));
  }
  return updated;
}

/**
 * Moves a confirmed booking to `to` exactly once, however many requests race: the exit row of the
 * transitions module is the arbiter. Null when another request won.
 */
async function tryMove(deps: Deps, id: string, to: Exit, by: By, patch: Record<string, unknown>) {
  const exit = { subject: subjectOf(id), from: 'confirmed', to, by, patch, at: deps.now() };
  if (!(await transitions.claimExit(exit))) return null;
  const updated = await applyExit(deps, { ...exit, id });
  await transitions.markApplied(exit.subject, exit.from);
  if (!updated) throw notFound('NOT_FOUND', '没有找到这个预约');
  return updated;
}

/** What the loser of a race hears: who won, and when. */
async function lostRace(id: string): Promise<AppError> {
  const won = await transitions.exitOf(subjectOf(id), 'confirmed');
  if (won?.to === 'served') return conflict('ALREADY_SERVED', `该预约已于 ${fmt(won.at)} 完成`);
  if (won?.to === 'cancelled') return conflict('NOT_CANCELLABLE', '这个预约已经取消了');
  return conflict('STATUS_CHANGED', '这个预约的状态刚刚变化了，请刷新后查看');
}

async function move(deps: Deps, id: string, to: Exit, by: By, patch: Record<string, unknown>) {
  const updated = await tryMove(deps, id, to, by, patch);
  if (!updated) throw await lostRace(id);
  return updated;
}

/** Finishes exits whose winner died between claiming and applying (the sweeper, every minute). */
export function repairExits(deps: Deps, before: Date): Promise<number> {
  return transitions.repair(before, { booking: async (e) => void (await applyExit(deps, e)) });
}

export async function loadFor(ctx: Context, id: string) {
  const b = await repo.findById(id);
  if (!b) throw notFound('NOT_FOUND', '没有找到这个预约');
  const owner = b.userId !== null && String(b.userId) === ctx.user.id;
  const staff = isStaffOf(ctx.user, { serviceId: String(b.serviceId) });
  // Another person's booking is "not found": its existence is not revealed.
  if (!owner && !staff) throw notFound('NOT_FOUND', '没有找到这个预约');
  return { b, owner, staff };
}

const notCancellable = (status: string) =>
  conflict('NOT_CANCELLABLE', status === 'cancelled' ? '这个预约已经取消了' : '这个预约已完成，不能取消');

/** The owner cancels until the service's cut-off; staff of the service cancel any time, with a reason the citizen sees. */
export async function cancel(ctx: Context, id: string, reason?: string): Promise<{ view: BookingView; byStaff: boolean }> {
  const { deps } = ctx;
  const { b, owner, staff } = await loadFor(ctx, id);
  const byStaff = staff && !owner;
  if (b.status !== 'confirmed') throw notCancellable(b.status);
  if (byStaff && !reason) throw validationError({ reason: '请写明取消原因，市民会看到' });
  if (!byStaff) {
    const svc = await services.findService(String(b.serviceId));
    const until = cancelDeadline(b.start, services.rulesOf(svc!));
    if (deps.now() >= until) throw conflict('CANCEL_CLOSED', `已过取消截止时间（${fmt(until)}），如需取消请致电服务点`);
  }
  const by = byStaff ? 'staff' : 'citizen';
  const updated = await move(deps, id, 'cancelled', by, { cancelReason: reason ?? null, cancelledBy: by });
  return { view: await present(deps, updated, { childName: owner }), byStaff };
}

/**
 * Cancels as staff whoever booked (also a staff member's own booking), with the reason and a notice.
 * Returns false when the booking had already left `confirmed`.
 */
export async function cancelAsStaff(deps: Deps, id: string, reason: string): Promise<boolean> {
  return (await tryMove(deps, id, 'cancelled', 'staff', { cancelReason: reason, cancelledBy: 'staff' })) !== null;
}

/**
 * A booking that must not stand the moment it is written (its resumed seat was swept and none is
 * free, or its slot closed meanwhile) ends cancelled by the system, with the reason.
 */
export async function cancelBySystem(deps: Deps, id: string, reason: string): Promise<void> {
  await tryMove(deps, id, 'cancelled', 'system', { cancelReason: reason, cancelledBy: 'system' });
}

/** 注销账号: the person's future bookings are cancelled, so their seats go back to the slot. */
export async function cancelFutureOfUser(deps: Deps, userId: string): Promise<number> {
  let cancelled = 0;
  for (const b of await repo.listFutureOfUser(userId, deps.now())) {
    if (await tryMove(deps, String(b._id), 'cancelled', 'system', { cancelReason: '账号已注销', cancelledBy: 'system' })) cancelled++;
  }
  return cancelled;
}

/** 张科长 scans or types a code: today's booking of his service becomes served (已完成). */
export async function verify(ctx: Context, code: string): Promise<BookingView> {
  const { deps } = ctx;
  const b = await repo.findByCode(code);
  if (!b || !isStaffOf(ctx.user, { serviceId: String(b.serviceId) })) throw notFound('UNKNOWN_BOOKING_CODE');
  const status = b.status as BookingStatus;
  if (status === 'served') throw conflict('ALREADY_SERVED', `该预约已于 ${fmt(b.servedAt!)} 完成`);
  if (status !== 'confirmed') throw conflict('NOT_VERIFIABLE', status === 'cancelled' ? '该预约已取消' : '该预约已标记为未到场');
  if (b.date !== toDateString(deps.now())) {
    throw conflict('NOT_TODAY', `这是 ${fmt(b.start)} 的预约，请在当天核验`);
  }
  const updated = await move(deps, String(b._id), 'served', 'staff', {});
  return present(deps, updated, { contact: true });
}

export async function markNoShow(ctx: Context, id: string): Promise<BookingView> {
  const b = await repo.findById(id);
  if (!b || !isStaffOf(ctx.user, { serviceId: String(b.serviceId) })) throw notFound('NOT_FOUND', '没有找到这个预约');
  if (ctx.deps.now() < b.start) throw conflict('TOO_EARLY', '时段开始后才能标记未到场');
  if (b.status !== 'confirmed') throw conflict('NOT_CONFIRMED', '只有已预约的可以标记未到场');
  const updated = await move(ctx.deps, id, 'no_show', 'staff', {});
  return present(ctx.deps, updated, { contact: true });
}
