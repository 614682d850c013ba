import type { RegistrationView, Role } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../http/errors';
import { cancel, listMine } from './cancel';
import * as repo from './repo';

const PAGE = 100;

/** The account's own context for work done on its behalf (its export, its deletion), with `roles`. */
const actingAs = (deps: Deps, userId: string, roles: Role[]) => ({
  deps,
  user: { id: userId, roles, staffServiceIds: [], staffEventIds: [], staffNews: false, staffRequestUnits: [] },
});

/** Every registration of the person, newest first, masked exactly as 我的报名 shows them, for 导出我的数据. */
export async function exportRegistrationsOf(deps: Deps, userId: string): Promise<RegistrationView[]> {
  const ctx = actingAs(deps, userId, ['citizen']);
  const all: RegistrationView[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await listMine(ctx, page, PAGE);
    all.push(...items);
    if (items.length < PAGE || all.length >= total) return all;
  }
}

/**
 * 注销账号, for events: the person's places and waitlist entries in sessions not yet over are given
 * up (each freed place goes to the line at once, as any cancel does; whoever is already inside keeps
 * theirs), then every registration of theirs loses its link to the account and the attendees' names,
 * ID numbers, phones and answers (the events' counts and entries stay right). Answers how many were
 * cancelled and anonymised.
 */
export async function forgetUserRegistrations(deps: Deps, userId: string): Promise<{ cancelled: number; anonymised: number }> {
  // The person's own account, as an admin acting for them: the cut-off for citizens does not hold here.
  const ctx = actingAs(deps, userId, ['citizen', 'admin']);
  let cancelled = 0;
  const now = deps.now();
  const { docs } = await repo.listRegistrationsOfUser(userId, 0, 10_000);
  for (const reg of docs) {
    if (reg.status === 'cancelled' || reg.attendees.every((a) => a.status === 'cancelled')) continue;
    const session = await repo.findSession(String(reg.sessionId));
    if (!session || session.endAt <= now) continue;
    try {
      await cancel(ctx, String(reg._id));
      cancelled++;
    } catch (e) {
      // Everyone already inside, or cancelled at this moment by another request: nothing to give up.
      if (!(e instanceof AppError) || e.status !== 409) throw e;
    }
  }
  // Names and numbers are replaced, not emptied: staff lists of past events still read every row.
  const gone = { nameEnc: deps.vault.encrypt('已注销'), idNumberEnc: deps.vault.encrypt(''), phoneEnc: null, familyMemberId: null };
  let anonymised = 0;
  for (const reg of (await repo.listRegistrationsOfUser(userId, 0, 10_000)).docs) {
    await repo.anonymiseRegistration(
      reg._id,
      reg.attendees.map((a) => ({ ...a, ...gone })),
    );
    anonymised++;
  }
  return { cancelled, anonymised };
}
