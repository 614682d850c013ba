/** The auth module's public door: login through code2Session. */
export { authRoutes } from './routes';
