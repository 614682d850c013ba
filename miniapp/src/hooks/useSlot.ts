import type { Slot } from '@jingkai/shared';
import { fetchSlots } from '../services/api';
import { ApiError } from '../services/http';
import { addDays, shanghaiToday, SLOT_DAYS_MAX } from '../utils/dates';
import { useRequest } from './useRequest';

/**
 * One slot of a service, by id. The API has no read of a single slot, so this reads the service's
 * slots over the days the service page offers and picks it out.
 */
export function useSlot(serviceId: string, slotId: string) {
  return useRequest(async (): Promise<Slot> => {
    const today = shanghaiToday();
    const { items } = await fetchSlots(serviceId, today, addDays(today, SLOT_DAYS_MAX - 1));
    const slot = items.find((s) => s.id === slotId);
    if (!slot) throw new ApiError(404, 'NOT_FOUND', '这个时段已不能预约，请返回重新选择');
    return slot;
  }, [serviceId, slotId]);
}
