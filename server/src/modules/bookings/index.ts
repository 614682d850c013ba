/** The bookings module's public door: what other modules and the jobs may use. */
export { cancelFutureOfUser } from './lifecycle';
export { listMine } from './queries';
export { sweepBookings } from './sweep';
