/** The bookings module's public door: what other modules and the jobs may use. */
export { bookingRoutes } from './routes';
export { cancelFutureOfUser } from './lifecycle';
export { anonymiseUser } from './repo';
export { exportMine } from './export-mine';
export { listMine } from './queries';
export { sweepBookings } from './sweep';
export { findById as findBooking, type BookingDoc } from './repo';
