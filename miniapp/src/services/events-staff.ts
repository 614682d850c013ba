import type {
  CheckinBatchResult,
  CheckinResult,
  EventCounts,
  EventCreateBody,
  EventDetail,
  EventSummary,
  MeUser,
  OfflineList,
  Paged,
  RegistrationStatus,
  StaffAttendees,
} from '@jingkai/shared';
import { API_BASE } from '../config';
import type { QueuedScan } from '../utils/gate-queue';
import { fetchMe } from './api';
import { login, getToken } from './auth';
import { ApiError, createHttp } from './http-core';
import { request } from './http';
import { taroTransport } from './transport';

/** How long a gate waits for the server before it checks tickets offline. */
export const GATE_TIMEOUT_MS = 3_000;

/** The gate's own client: a short timeout, since the steward is waiting with a person in front of him. */
const gateRequest = createHttp({
  baseUrl: API_BASE,
  transport: taroTransport,
  timeoutMs: GATE_TIMEOUT_MS,
  getToken,
  reauthenticate: async () => {
    await login();
  },
});

/** Rejects with a network error when no answer came in time, whatever the transport does with its timeout. */
function inTime<T>(p: Promise<T>, ms = GATE_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError(0, 'NETWORK_ERROR', '网络不稳，没有收到回应')), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

const eventPath = (id: string, tail = '') => `/api/staff/events/${encodeURIComponent(id)}${tail}`;

/** The events a staff member works at: every one for an admin, their scope for staff; upcoming and ongoing first. */
export async function fetchStaffEvents(): Promise<{ me: MeUser; events: EventSummary[] }> {
  const [me, upcoming, past] = await Promise.all([
    fetchMe(),
    request<Paged<EventSummary>>('/api/events', { query: { status: 'upcoming', pageSize: 50 } }),
    request<Paged<EventSummary>>('/api/events', { query: { status: 'past', pageSize: 20 } }),
  ]);
  const all = [...upcoming.items, ...past.items];
  const admin = me.roles.includes('admin');
  return { me, events: admin ? all : all.filter((e) => me.staffScopes.eventIds.includes(e.id)) };
}

/** One online scan; an ApiError with status 0 means no answer within GATE_TIMEOUT_MS. */
export const checkInOnline = (body: { ticket: string; gate: string; eventId: string }) =>
  inTime(gateRequest<CheckinResult>('/api/staff/checkins', { method: 'POST', data: body }));

/** The offline queue's upload; repeated nonces are answered, not recorded again. */
export const uploadScans = (scans: QueuedScan[]) =>
  inTime(gateRequest<CheckinBatchResult>('/api/staff/checkins/batch', { method: 'POST', data: { scans } }), 10_000);

export const fetchOfflineList = (eventId: string) => request<OfflineList>(eventPath(eventId, '/offline'));

export const fetchEventCounts = (eventId: string) => request<EventCounts>(eventPath(eventId, '/counts'));

export const fetchAttendees = (eventId: string, q: { sessionId?: string; status?: RegistrationStatus }) =>
  request<StaffAttendees>(eventPath(eventId, '/attendees'), { query: q });

export const fetchEventDetail = (id: string) => request<EventDetail>(`/api/events/${encodeURIComponent(id)}`);

export const createEvent = (body: EventCreateBody) => request<EventDetail>('/api/admin/events', { method: 'POST', data: body });

/** Uploads a poster's bytes; answers the `coverUrl` to save with the event. */
export const uploadPoster = (bytes: ArrayBuffer, type: string) =>
  request<{ url: string }>('/api/admin/events/poster', { method: 'POST', data: bytes, headers: { 'Content-Type': type } });

export type EventPatchBody = Partial<Omit<EventCreateBody, 'sessions'>> & {
  sessions?: (Partial<EventCreateBody['sessions'][number]> & { id?: string })[];
};
export const patchEvent = (id: string, body: EventPatchBody) =>
  request<EventDetail>(`/api/admin/events/${encodeURIComponent(id)}`, { method: 'PATCH', data: body });
