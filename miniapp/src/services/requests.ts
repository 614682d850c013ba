import type {
  Paged,
  RatingBody,
  RatingView,
  RequestBody,
  RequestCategory,
  RequestCreated,
  RequestDetail,
  RequestStats,
  RequestStatus,
  RequestTransitionBody,
  RequestUnit,
  StaffRequestItem,
} from '@jingkai/shared';
import { fetchService, fetchServices } from './api';
import { request } from './http';

/** 诉求 and 好差评: the citizen's requests and ratings, and the staff's queue, steps and figures. */
export type MyRequestItem = Omit<StaffRequestItem, 'unit' | 'acceptDueAt' | 'excerpt' | 'heldReason'>;

const path = (id: string) => `/api/requests/${encodeURIComponent(id)}`;

export const fileRequest = (body: RequestBody, idempotencyKey: string) =>
  request<RequestCreated>('/api/requests', { method: 'POST', data: body, headers: { 'Idempotency-Key': idempotencyKey } });
/** Sends a photo's bytes as the raw body; answers its URL path on our media route. */
export const uploadRequestPhoto = (bytes: ArrayBuffer, type: string) =>
  request<{ url: string }>('/api/requests/photos', { method: 'POST', data: bytes, headers: { 'Content-Type': type } });
export const fetchMyRequests = () => request<Paged<MyRequestItem>>('/api/me/requests', { query: { pageSize: 50 } });
export const fetchRequest = (id: string) => request<RequestDetail>(path(id));
export const addInformation = (id: string, text: string) =>
  request<RequestDetail>(`${path(id)}/additions`, { method: 'POST', data: { text } });
export const rateRequest = (id: string, body: RatingBody) => request<RatingView>(`${path(id)}/rating`, { method: 'POST', data: body });
export const rateBooking = (id: string, body: RatingBody) =>
  request<RatingView>(`/api/bookings/${encodeURIComponent(id)}/rating`, { method: 'POST', data: body });
export const rateRegistration = (id: string, body: RatingBody) =>
  request<RatingView>(`/api/registrations/${encodeURIComponent(id)}/rating`, { method: 'POST', data: body });

export interface QueueFilter {
  status?: RequestStatus;
  unit?: RequestUnit;
  category?: RequestCategory;
  overdue?: boolean;
}
const queueQuery = (f: QueueFilter) => ({
  status: f.status,
  unit: f.unit,
  category: f.category,
  overdue: f.overdue === undefined ? undefined : String(f.overdue),
});
export const fetchQueue = (f: QueueFilter) =>
  request<Paged<StaffRequestItem>>('/api/staff/requests', { query: { ...queueQuery(f), pageSize: 50 } });
/** The filter as the export's query string (no empty values). */
export const exportQuery = (f: QueueFilter): Record<string, string> =>
  Object.fromEntries(Object.entries(queueQuery(f)).filter((e): e is [string, string] => e[1] !== undefined));
export const transitionRequest = (id: string, body: RequestTransitionBody) =>
  request<RequestDetail>(`/api/staff/requests/${encodeURIComponent(id)}/transition`, { method: 'POST', data: body });
export const fetchRequestStats = (from: string, to: string) => request<RequestStats>('/api/staff/requests/stats', { query: { from, to } });

/** The names of the service sites by id, for the ratings per site (the stats name sites by id only). */
export async function fetchSiteNames(): Promise<Record<string, string>> {
  const services = await fetchServices();
  const details = await Promise.all(services.items.map((s) => fetchService(s.id)));
  return Object.fromEntries(details.flatMap((d) => d.sites.map((site) => [site.id, `${d.name} · ${site.name}`])));
}
