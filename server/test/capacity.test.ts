import {
  claim,
  claimGroup,
  claimOwn,
  knownFull,
  release,
  remaining,
  setCapacityGuardForTests,
  setClaimLineForTests,
} from '../src/modules/capacity';
import mongoose from 'mongoose';
import { SeatModel } from '../src/modules/capacity/model';
import { clearDb, useTestDb } from './setup/harness';

useTestDb(__filename);
beforeEach(clearDb);

let n = 0;
const newPool = () => `session:cap-${++n}`;
const seatsOf = (poolId: string, claimId?: string) => SeatModel.countDocuments({ poolId, ...(claimId ? { claimId } : {}) });
const left = async (poolId: string, capacity: number) => (await remaining([{ poolId, capacity }])).get(poolId);

/** Every test runs with the in-process claim rounds (one instance) and without them (the indexes alone, as across instances). */
const MODES = [
  { mode: 'with the in-process claim rounds (one instance)', line: true },
  { mode: 'on the unique indexes alone', line: false },
];

describe.each(MODES)('a group claim, $mode', ({ line }) => {
  beforeAll(() => setClaimLineForTests(line));
  afterAll(() => setClaimLineForTests(true));

  it('seats a group that fits: one place per holder, all under the one claim id', async () => {
    const pool = newPool();
    expect(await claimGroup(pool, 5, ['a', 'b', 'c'], 'g1')).toEqual({ result: 'ok' });
    expect(await seatsOf(pool, 'g1')).toBe(3);
    expect(await left(pool, 5)).toBe(2);
    // The same claim again (a retry whose answer was lost) keeps its places and takes no more.
    expect(await claimGroup(pool, 5, ['a', 'b', 'c'], 'g1')).toEqual({ result: 'ok' });
    expect(await seatsOf(pool, 'g1')).toBe(3);
    // Released whole, like any claim.
    expect(await release('g1')).toBe(3);
    expect(await left(pool, 5)).toBe(5);
  });

  it('refuses a group of 3 when 2 places are free, takes none, and does not mark the pool full: a claim of 1 still gets a place', async () => {
    const pool = newPool();
    for (const h of ['x', 'y', 'z']) expect(await claim(pool, 5, h, `c-${h}`)).toBe('ok');
    expect(await claimGroup(pool, 5, ['a', 'b', 'c'], 'g1')).toEqual({ result: 'full' });
    expect(await seatsOf(pool, 'g1')).toBe(0);
    expect(knownFull(pool)).toBe(false);
    expect(await claim(pool, 5, 'd', 'c-d')).toBe('ok');
    expect(await claimGroup(pool, 5, ['e'], 'g2')).toEqual({ result: 'ok' });
    // Now it is full, for a group and for one.
    expect(await claimGroup(pool, 5, ['f', 'g'], 'g3')).toEqual({ result: 'full' });
    expect(await claim(pool, 5, 'h', 'c-h')).toBe('full');
    expect(await seatsOf(pool)).toBe(5);
  });

  it('gives the whole group back when one holder already has a place, naming that holder', async () => {
    const pool = newPool();
    expect(await claim(pool, 5, 'b', 'earlier')).toBe('ok');
    expect(await claimGroup(pool, 5, ['a', 'b', 'c'], 'g1')).toEqual({ result: 'duplicate', holderKey: 'b' });
    expect(await seatsOf(pool, 'g1')).toBe(0);
    expect(await left(pool, 5)).toBe(4);
    // The same person twice in one group is refused before anything is taken.
    expect(await claimGroup(pool, 5, ['c', 'd', 'c'], 'g2')).toEqual({ result: 'duplicate', holderKey: 'c' });
    expect(await seatsOf(pool, 'g2')).toBe(0);
    expect(await claimGroup(pool, 5, ['a', 'c'], 'g3')).toEqual({ result: 'ok' });
  });

  it('a race of groups never oversells, and each group is seated whole or not at all', async () => {
    const pool = newPool();
    const capacity = 10;
    const groups = Array.from({ length: 24 }, (_, i) => ({
      id: `race-${i}`,
      holders: Array.from({ length: (i % 3) + 1 }, (_, k) => `p${i}-${k}`),
    }));
    const results = await Promise.all(groups.map((g) => claimGroup(pool, capacity, g.holders, g.id)));
    const seated = await Promise.all(groups.map((g) => seatsOf(pool, g.id)));
    groups.forEach((g, i) => expect(seated[i]).toBe(results[i]!.result === 'ok' ? g.holders.length : 0));
    const total = seated.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(capacity);
    expect(await seatsOf(pool)).toBe(total);
    // Within one instance every group that heard "full" needed more places than were left. Across
    // instances a group's places are briefly visible before it gives them back, so a small claim may
    // hear "full" from a pool that ends with a place free: the price of all or nothing without transactions.
    const smallestRefused = Math.min(...groups.filter((_, i) => results[i]!.result === 'full').map((g) => g.holders.length));
    if (line) expect(smallestRefused).toBeGreaterThan(capacity - total);
  });
});

describe('a rush’s losers', () => {
  /** The seat deletes the database is asked for while `fn` runs. */
  async function seatDeletes(fn: () => Promise<unknown>): Promise<number> {
    let deletes = 0;
    mongoose.set('debug', (coll: string, method: string) => {
      if (coll === 'seats' && method.startsWith('delete')) deletes++;
    });
    try {
      await fn();
    } finally {
      mongoose.set('debug', false);
    }
    return deletes;
  }

  it('a new group that finds the pool full fails without asking to give back seats it never took; one that may hold seats still does', async () => {
    const pool = newPool();
    expect((await claimGroup(pool, 2, ['a', 'b'], 'first')).result).toBe('ok');
    // In the rounds (one instance) and known full afterwards: FerretDB would scan every seat for each delete.
    expect(
      await seatDeletes(async () =>
        expect(await claimGroup(pool, 2, ['c', 'd'], 'new-1', { holdsNone: true })).toEqual({ result: 'full' }),
      ),
    ).toBe(0);
    expect(
      await seatDeletes(async () => expect(await claimGroup(pool, 2, ['e'], 'new-2', { holdsNone: true })).toEqual({ result: 'full' })),
    ).toBe(0);
    expect(await seatDeletes(async () => expect(await claimGroup(pool, 2, ['f'], 'retry')).toEqual({ result: 'full' }))).toBe(1);
    expect(await seatsOf(pool)).toBe(2);
  });
});

describe('a person’s own small pool (claimOwn: seat by seat, no read)', () => {
  it('of 12 claims at once on a pool of 2, exactly 2 get a place; the holder’s own retry keeps its seat', async () => {
    const pool = `limit:own-${++n}`;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => claimOwn(pool, 2, `b${i}`, `b${i}`)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(2);
    expect(results.filter((r) => r === 'full')).toHaveLength(10);
    expect(await seatsOf(pool)).toBe(2);
    const winner = results.indexOf('ok');
    expect(await claimOwn(pool, 2, `b${winner}`, `b${winner}`)).toBe('ok');
    expect(await seatsOf(pool)).toBe(2);
    await release(`b${winner}`);
    expect(await claimOwn(pool, 2, 'late', 'late')).toBe('ok');
  });
});

describe('negative control', () => {
  it('with the unique-seat guard switched off, 12 claims on a person’s pool of 2 overfill it', async () => {
    setCapacityGuardForTests(false);
    try {
      const pool = `limit:own-${++n}`;
      await Promise.all(Array.from({ length: 12 }, (_, i) => claimOwn(pool, 2, `c${i}`, `c${i}`)));
      expect(await seatsOf(pool)).toBeGreaterThan(2);
    } finally {
      setCapacityGuardForTests(true);
    }
  });

  it('with the unique-seat guard switched off, the same race of groups oversells', async () => {
    setCapacityGuardForTests(false);
    setClaimLineForTests(false);
    try {
      const pool = newPool();
      const groups = Array.from({ length: 24 }, (_, i) => ({ id: `race-${i}`, holders: [`p${i}-0`, `p${i}-1`] }));
      await Promise.all(groups.map((g) => claimGroup(pool, 10, g.holders, g.id)));
      expect(await seatsOf(pool)).toBeGreaterThan(10);
    } finally {
      setCapacityGuardForTests(true);
      setClaimLineForTests(true);
    }
  });
});
