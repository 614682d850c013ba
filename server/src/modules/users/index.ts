/** The users module's public door: accounts, their roles and scopes, profiles and avatars. */
export { avatarRoutes, meRoutes } from './routes';
export { present } from './service';
export {
  findById,
  findForAuth,
  listUsers,
  setRoles,
  sweepTokenFloors,
  tokenFloor,
  upsertOnLogin,
  type AuthFields,
  type StaffScopes,
  type UserDoc,
} from './repo';
