/** The requests module's public door: 诉求 and 好差评, their routes and the sweeper's share. */
export { requestRoutes } from './routes';
export { repairRequestSteps } from './lifecycle';
export { repairFollowUps } from './rating';
export { exportRequestsOf, forgetUserRequests } from './account';
