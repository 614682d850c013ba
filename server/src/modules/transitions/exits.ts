import * as repo from './repo';

/**
 * Exclusive state changes for every lifecycle (bookings now; event registrations, check-ins and
 * 诉求 next). A change out of a state is claimed by inserting the row `<subject>#<from>`; the unique
 * index is the arbiter, never a guarded findOneAndUpdate (FerretDB runs that read-then-write, and 20
 * racing requests gave up to 5 winners). The winner applies its patch, then marks the row applied;
 * `repair` finishes what a winner that died midway left.
 */
export interface Exit {
  /** `<kind>:<id>`, e.g. `booking:66f…`. */
  subject: string;
  from: string;
  to: string;
  by: string;
  patch: Record<string, unknown>;
  at: Date;
}

const guard = { enabled: true };

/**
 * Test-only switch for the negative control: with the guard off, every request that read the old
 * state wins (what a guarded findOneAndUpdate does on FerretDB), so the race test can show it catches
 * double winners. Production code never turns it off.
 */
export function setTransitionGuardForTests(enabled: boolean): void {
  guard.enabled = enabled;
}

const keyOf = (subject: string, from: string) => `${subject}#${from}`;

/** True when this request won the exit from `from`; false when another request already has it. */
export async function claimExit(exit: Exit): Promise<boolean> {
  if (!guard.enabled) return true;
  return repo.insert({ ...exit, key: keyOf(exit.subject, exit.from), patch: JSON.stringify(exit.patch) });
}

export async function markApplied(subject: string, from: string): Promise<void> {
  if (!guard.enabled) return;
  await repo.markApplied(keyOf(subject, from));
}

/** Who left `from` and when, if anyone did: for "already served at 09:12" answers. */
export async function exitOf(subject: string, from: string): Promise<{ to: string; at: Date; by: string } | null> {
  const row = await repo.findByKey(keyOf(subject, from));
  return row ? { to: row.to, at: row.at, by: row.by } : null;
}

/** Every step a subject took, oldest first, with the patch each step wrote. */
export async function exitsOf(subject: string): Promise<(Omit<Exit, 'patch'> & { patch: Record<string, unknown> })[]> {
  return inStepOrder(await repo.bySubject(subject)).map((r) => ({
    subject: r.subject,
    from: r.from,
    to: r.to,
    by: r.by,
    at: r.at,
    patch: JSON.parse(r.patch) as Record<string, unknown>,
  }));
}

export type Applier = (exit: Exit & { id: string }) => Promise<void>;

/**
 * Applies exits whose winner died between claiming and applying (older than `before`), with the
 * applier of each subject's kind (`{ booking: … }`). Appliers are idempotent, so a row applied twice
 * changes nothing. Returns how many rows were repaired.
 */
export async function repair(before: Date, appliers: Record<string, Applier>): Promise<number> {
  let repaired = 0;
  for await (const row of repo.unapplied(before)) {
    const [kind, id] = row.subject.split(':') as [string, string];
    const apply = appliers[kind];
    if (!apply || !id) continue;
    await apply({ id, subject: row.subject, from: row.from, to: row.to, by: row.by, at: row.at, patch: JSON.parse(row.patch) });
    await repo.markApplied(row.key);
    repaired++;
  }
  return repaired;
}

/**
 * A subject's exits in the order they were taken. Each state is left at most once (the key is
 * subject and state), so the steps form a chain, each leaving the state the one before entered:
 * followed from the state nobody entered, it orders steps that share a time (a pinned clock, the
 * same millisecond). Rows that are not one chain keep the time order they came in.
 */
function inStepOrder<T extends { from: string; to: string }>(rows: T[]): T[] {
  const leaving = new Map(rows.map((r) => [r.from, r]));
  const entered = new Set(rows.map((r) => r.to));
  const chain: T[] = [];
  for (let r = rows.find((x) => !entered.has(x.from)); r && !chain.includes(r); r = leaving.get(r.to)) chain.push(r);
  return chain.length === rows.length ? chain : rows;
}
