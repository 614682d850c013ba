import { fetchMe, fetchServices } from '../services/api';
import { useRequest } from './useRequest';

/** The services a staff member works on: all of them for an admin, their scope for staff. */
export function useStaffServices() {
  return useRequest(async () => {
    const [me, all] = await Promise.all([fetchMe(), fetchServices()]);
    return me.roles.includes('admin') ? all.items : all.items.filter((s) => me.staffScopes.serviceIds.includes(s.id));
  });
}
