/** The services module's public door: the bookable services, their sites and slots, and the booking rules. */
export { servicesRoutes } from './routes';
export { DEFAULT_RULES, MAX_SLOT_RANGE_DAYS, rulesOf } from './service';
export { addSchedule, createSlot } from './slots';
export {
  closeSlot,
  findService,
  findSite,
  findSlot,
  findSlotFresh,
  insertSlots,
  listServices,
  listSites,
  listSlots,
  upsertService,
  upsertSite,
  type ServiceInput,
  type SiteInput,
  type SlotInput,
} from './repo';
export type { ServiceDoc, SiteDoc, SlotDoc } from './model';
