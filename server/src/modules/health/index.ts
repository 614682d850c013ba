/** The health module's public door: GET /api/health. */
export { healthRoutes } from './routes';
