import type { Deps } from '../../deps';
import * as capacity from '../capacity';
import { repairExits } from './lifecycle';
import * as repo from './repo';

/**
 * The bookings' share of the sweeper: seats of slot and daily-limit pools whose booking was never
 * written (a crash between the two writes), and status changes whose winner died before applying them.
 */
export async function sweepBookings(deps: Deps, olderThan: Date): Promise<{ seats: number; exits: number }> {
  const seats = await capacity.sweepOrphans(['slot', 'limit'], olderThan, (ids) => repo.existingIds(ids));
  const exits = await repairExits(deps, olderThan);
  return { seats, exits };
}
