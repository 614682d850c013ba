import type {
  AccountDeleted,
  AdminSlotBody,
  AdminUser,
  BookingBody,
  BookingView,
  ClosedSlot,
  CreatedSlot,
  EventDetail,
  EventSummary,
  FamilyMember,
  FamilyMemberBody,
  MeUser,
  MyData,
  NewsArticle,
  NewsCategory,
  NewsCategoryRules,
  NewsLatest,
  NewsRulesAnswer,
  NewsRulesSaved,
  NewsListItem,
  NewsSyncRun,
  NewsSyncStatus,
  Paged,
  RegistrationBody,
  RegistrationView,
  RoleGrant,
  RoleRevoke,
  ScheduleBody,
  ScheduleResult,
  ServiceDetail,
  ServiceSummary,
  SlotsAnswer,
  StaffDay,
  StaffNewsItem,
} from '@jingkai/shared';
import { ApiError, request } from './http';
import { isRouteId } from '../utils/route';

/**
 * One id as a path segment. A missing or malformed id (a broken or cut-off link) is a 404 before
 * any request, so the page shows PageState with a way back instead of reading some other answer.
 */
function seg(id: string): string {
  if (!isRouteId(id)) throw new ApiError(404, 'NOT_FOUND', '链接不完整，没有找到要打开的内容');
  return id;
}

/**
 * Every call of the API, typed with the shared response types: the same zod schemas the server's
 * routes declare and its tests parse every answer with, so the two sides cannot drift apart.
 */
export type { StaffDay, StaffNewsItem };

export const fetchNews = (q: { category?: NewsCategory; q?: string; page?: number; pageSize?: number } = {}) =>
  request<Paged<NewsListItem>>('/api/news', { query: q });

export const fetchLatestNews = () => request<NewsLatest>('/api/news/latest');

export const fetchArticle = (id: string) => request<NewsArticle>(`/api/news/${seg(id)}`);

export const fetchServices = () => request<Paged<ServiceSummary>>('/api/services');

export const fetchEvents = (status: 'upcoming' | 'past' = 'upcoming', pageSize = 50) =>
  request<Paged<EventSummary>>('/api/events', { query: { status, pageSize } });
export const fetchEvent = (id: string) => request<EventDetail>(`/api/events/${seg(id)}`);
export const registerForEvent = (eventId: string, body: RegistrationBody, idempotencyKey: string) =>
  request<RegistrationView>(`/api/events/${seg(eventId)}/registrations`, {
    method: 'POST',
    data: body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
export const fetchRegistration = (id: string) => request<RegistrationView>(`/api/registrations/${seg(id)}`);
/** Cancels the whole registration (or leaves the waitlist), or only the attendees at `attendees` (indexes from 0). */
export const cancelRegistration = (id: string, attendees?: number[]) =>
  request<RegistrationView>(`/api/registrations/${seg(id)}/cancel`, {
    method: 'POST',
    data: attendees ? { attendees } : {},
  });
export const fetchMyRegistrations = () => request<Paged<RegistrationView>>('/api/me/registrations', { query: { pageSize: 50 } });

export const fetchMe = () => request<MeUser>('/api/me');
export const updateMe = (patch: { nickname?: string; avatarUrl?: string }) => request<MeUser>('/api/me', { method: 'PATCH', data: patch });
export const bindPhone = (code: string) => request<MeUser>('/api/me/phone', { method: 'POST', data: { code } });
export const fetchFamily = () => request<Paged<FamilyMember>>('/api/me/family');
export const addFamilyMember = (body: FamilyMemberBody) => request<FamilyMember>('/api/me/family', { method: 'POST', data: body });
export const removeFamilyMember = (id: string) => request<void>(`/api/me/family/${seg(id)}`, { method: 'DELETE' });
export const exportMyData = () => request<MyData>('/api/me/export');
export const deleteAccount = () => request<AccountDeleted>('/api/me', { method: 'DELETE' });

export const fetchService = (id: string) => request<ServiceDetail>(`/api/services/${seg(id)}`);
export const fetchSlots = (id: string, from: string, to: string) =>
  request<SlotsAnswer>(`/api/services/${seg(id)}/slots`, { query: { from, to } });
export const createBooking = (body: BookingBody, idempotencyKey: string) =>
  request<BookingView>('/api/bookings', { method: 'POST', data: body, headers: { 'Idempotency-Key': idempotencyKey } });
export const fetchBooking = (id: string) => request<BookingView>(`/api/bookings/${seg(id)}`);
export const cancelBooking = (id: string) => request<BookingView>(`/api/bookings/${seg(id)}/cancel`, { method: 'POST', data: {} });
export const fetchMyBookings = () => request<Paged<BookingView>>('/api/me/bookings', { query: { pageSize: 50 } });
export const verifyBooking = (code: string) => request<BookingView>('/api/staff/bookings/verify', { method: 'POST', data: { code } });

/** Uploads avatar bytes (from WeChat's chooseAvatar or the preview's image picker). */
export const uploadAvatar = (bytes: ArrayBuffer, type: string) =>
  request<MeUser>('/api/me/avatar', { method: 'POST', data: bytes, headers: { 'Content-Type': type } });
export const fetchUsers = (role?: string) => request<Paged<AdminUser>>('/api/admin/users', { query: { role, pageSize: 50 } });
export const grantRole = (body: RoleGrant) => request<MeUser>('/api/admin/roles', { method: 'POST', data: body });
export const revokeRole = (body: RoleRevoke) => request<MeUser>('/api/admin/roles/revoke', { method: 'POST', data: body });

export const fetchStaffDay = (serviceId: string, date: string) => request<StaffDay>('/api/staff/bookings', { query: { serviceId, date } });
export const markNoShow = (id: string) => request<BookingView>(`/api/staff/bookings/${seg(id)}/no-show`, { method: 'POST', data: {} });

export const fetchStaffNews = (page: number) => request<Paged<StaffNewsItem>>('/api/staff/news', { query: { page, pageSize: 20 } });
export const patchNews = (id: string, patch: { category?: NewsCategory | null; hidden?: boolean; pinned?: boolean }) =>
  request<StaffNewsItem>(`/api/staff/news/${seg(id)}`, { method: 'PATCH', data: patch });
export const importNewsLink = (url: string) => request<StaffNewsItem>('/api/staff/news/import', { method: 'POST', data: { url } });
export const writeNotice = (body: { title: string; category: NewsCategory; text: string }) =>
  request<StaffNewsItem>('/api/staff/news', { method: 'POST', data: body });
export const fetchNewsRules = () => request<NewsRulesAnswer>('/api/admin/news/rules');
export const saveNewsRules = (rules: NewsCategoryRules) =>
  request<NewsRulesSaved>('/api/admin/news/rules', { method: 'PUT', data: { rules } });
export const runNewsSync = () => request<NewsSyncRun>('/api/admin/news/sync', { method: 'POST', data: {} });
export const fetchNewsSyncStatus = () => request<NewsSyncStatus>('/api/admin/news/sync');

export const addSchedule = (body: ScheduleBody) => request<ScheduleResult>('/api/admin/schedules', { method: 'POST', data: body });
export const addSlot = (body: AdminSlotBody) => request<CreatedSlot>('/api/admin/slots', { method: 'POST', data: body });
export const closeSlot = (id: string, reason: string) =>
  request<ClosedSlot>(`/api/admin/slots/${seg(id)}/close`, { method: 'POST', data: { reason } });
