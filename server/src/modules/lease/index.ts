/** The lease module's public door: one holder at a time across instances (the outbox sender, the news sync). */
export { acquireLease, releaseLease } from './repo';
