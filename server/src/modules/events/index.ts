/** The events module's public door: events and their sessions. */
export { eventsRoutes } from './routes';
export { findEvent, upsertEvent, type EventInput } from './repo';
export { promoteAll } from './waitlist';
export { setEventArticle } from './admin';
export { repairRegistrationExits, sweepSessionSeats } from './repair';
export { visitOf } from './visits';
export { exportRegistrationsOf, forgetUserRegistrations } from './account';
