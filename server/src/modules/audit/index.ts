/** The audit module's public door: what staff and admins did, recorded and listed. */
export { list, record } from './service';
