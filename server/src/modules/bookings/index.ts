/** The bookings module's public door: what other modules and the jobs may use. */
export { cancelFutureOfUser } from './lifecycle';
export { exportMine } from './export-mine';
export { listMine } from './queries';
export { sweepBookings } from './sweep';
