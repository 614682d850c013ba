import { REQUEST_STATUS_LABELS, type RequestDetail, type RequestStatus, type RequestTransitionBody } from '@jingkai/shared';
import type { Context } from 'koa';
import type { Deps } from '../../deps';
import { conflict, notFound } from '../../http/errors';
import * as audit from '../audit';
import * as transitions from '../transitions';
import { notifyStep } from './notify';
import { loadFor, presentDetail, subjectOf } from './present';
import * as ratings from '../ratings';
import * as repo from './repo';

type Step = RequestTransitionBody['to'] | 'rated';

/** Where each step may come from: 受理 → 转办 (optional) → 回复 → 评价 (the citizen) → 关闭. */
const FROM: Record<Step, RequestStatus[]> = {
  accepted: ['held', 'received'],
  assigned: ['accepted'],
  replied: ['accepted', 'assigned'],
  rated: ['replied'],
  closed: ['replied', 'rated'],
};

const STAMP: Partial<Record<Step, string>> = { accepted: 'acceptedAt', assigned: 'assignedAt', replied: 'repliedAt', closed: 'closedAt' };

export interface StepPatch {
  set: Record<string, unknown>;
  note?: string;
  unit?: string;
  /** The 评价 step's rating row, written before the status (the unique key lets it in once). */
  rating?: ratings.RatingInput;
}

/** Applies a step its caller has won; idempotent (it writes only while the request is still in `from`). */
export async function applyStep(e: { id: string; from: string; patch: Record<string, unknown> }) {
  const patch = e.patch as unknown as StepPatch;
  // A repaired patch comes back from JSON: its id and time as strings.
  if (patch.rating)
    await ratings.insertRating({ ...patch.rating, userId: repo.newId(String(patch.rating.userId)), at: new Date(patch.rating.at) });
  return repo.applyStep(e.id, e.from, patch.set);
}

/**
 * Moves a request from `from` to `to` exactly once, however many requests race: the exit row of the
 * transitions module is the arbiter. Null when another request moved it first.
 */
export async function tryStep(deps: Deps, id: string, from: string, to: Step, by: string, patch: StepPatch) {
  const exit = { subject: subjectOf(id), from, to, by, patch: patch as unknown as Record<string, unknown>, at: deps.now() };
  if (!(await transitions.claimExit(exit))) return null;
  const updated = await applyStep({ id, from, patch: exit.patch });
  await transitions.markApplied(exit.subject, from);
  return updated;
}

const outOfOrder = (status: string, to: Step) =>
  conflict('INVALID_TRANSITION', `这条诉求${REQUEST_STATUS_LABELS[status as RequestStatus] ?? ''}，现在不能${LABEL[to]}`);
const LABEL: Record<Step, string> = { accepted: '受理', assigned: '转办', replied: '回复', rated: '评价', closed: '关闭' };

/** POST /api/staff/requests/:id/transition: one step of the loop, audited, with a notice to the citizen. */
export async function transition(deps: Deps, ctx: Context, id: string, body: RequestTransitionBody): Promise<RequestDetail> {
  const { r, staff } = await loadFor(ctx.state.user, id);
  if (!staff) throw notFound('NOT_FOUND', '没有找到这条诉求');
  if (!FROM[body.to].includes(r.status as RequestStatus)) throw outOfOrder(r.status, body.to);
  const now = deps.now();
  const set: Record<string, unknown> = { status: body.to, [STAMP[body.to]!]: now };
  if (body.to === 'assigned') set.unit = body.unit;
  if (body.to === 'replied') set.reply = body.reply;
  const patch: StepPatch = {
    set,
    ...(body.note ? { note: body.note } : {}),
    ...(body.unit && body.to === 'assigned' ? { unit: body.unit } : {}),
  };
  const updated = await tryStep(deps, id, r.status, body.to, 'staff', patch);
  if (!updated) throw conflict('INVALID_TRANSITION', '这条诉求刚刚已被其他人办理，请刷新后查看');
  await audit.record(ctx, `request.${body.to}`, 'request', id, {
    from: r.status,
    ...(body.unit ? { unit: body.unit } : {}),
  });
  if (body.to === 'accepted' || body.to === 'replied') await notifyStep(deps, updated, body.to);
  return presentDetail(deps, updated, false);
}

/** Finishes steps whose winner died between claiming and applying (the sweeper, every minute). */
export function repairRequestSteps(before: Date): Promise<number> {
  return transitions.repair(before, { request: async (e) => void (await applyStep(e)) });
}

export { FROM as STEP_SOURCES };
