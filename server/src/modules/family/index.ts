/** The family module's public door: the family members a citizen books for. */
export { familyRoutes } from './routes';
export { bindingOf, getPlain, list, present, type FamilyMemberPlain } from './service';
export { removeAll } from './repo';
