/** The admin module's public door: roles and staff scopes, the audit log's reader. */
export { adminRoutes } from './routes';
