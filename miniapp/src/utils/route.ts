/**
 * Pages take ids in the route, never display text: each page loads what it shows by id, so nothing
 * a citizen reads travels (and arrives still percent-encoded) through a URL. `pageUrl` builds every
 * navigation and refuses anything that is not an id; `readParams` decodes what a page reads.
 */
export const PAGES = {
  home: '/pages/index/index',
  news: '/pages/news/index',
  services: '/pages/services/index',
  events: '/pages/events/index',
  me: '/pages/me/index',
  article: '/packageNews/article/index',
  family: '/packageMe/family/index',
  familyAdd: '/packageMe/family-add/index',
  privacy: '/packageMe/privacy/index',
  exportData: '/packageMe/export/index',
  service: '/packageBooking/service/index',
  bookingForm: '/packageBooking/form/index',
  bookingSuccess: '/packageBooking/success/index',
  myBookings: '/packageBooking/mine/index',
  bookingDetail: '/packageBooking/detail/index',
  /** Where an unknown address lands (app.ts usePageNotFound); in the main package, so it always loads. */
  notFound: '/pages/not-found/index',
  staffDay: '/packageStaff/day/index',
  staffVerify: '/packageStaff/verify/index',
  staffRoles: '/packageStaff/roles/index',
  staffNews: '/packageStaff/news/index',
  staffSchedule: '/packageStaff/schedule/index',
  // 活动
  event: '/packageEvents/detail/index',
  eventSignup: '/packageEvents/signup/index',
  registration: '/packageEvents/registration/index',
  myRegistrations: '/packageEvents/mine/index',
  // 活动 staff
  eventCheckin: '/packageEventStaff/checkin/index',
  eventCounts: '/packageEventStaff/counts/index',
  eventAttendees: '/packageEventStaff/attendees/index',
  eventEdit: '/packageEventStaff/edit/index',
  // 诉求与评价
  requestNew: '/packageRequests/new/index',
  myRequests: '/packageRequests/mine/index',
  requestDetail: '/packageRequests/detail/index',
  // 诉求 staff
  staffRequests: '/packageRequestStaff/queue/index',
  staffRequest: '/packageRequestStaff/handle/index',
  requestDashboard: '/packageRequestStaff/dashboard/index',
} as const;

export type PagePath = (typeof PAGES)[keyof typeof PAGES];

/** Database ids and slugs: what a route may carry. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a value read from a route can be an id (a missing one is ''). */
export const isRouteId = (v: string): boolean => ID.test(v);

/** `id=…&slotId=…` of ids only; throws on anything else (a name, a time), which is a programming error. */
export function routeQuery(params: Record<string, string> = {}): string {
  return Object.entries(params)
    .map(([k, v]) => {
      if (!ID.test(v)) throw new Error(`route parameter "${k}" must be an id, got "${v}"`);
      return `${k}=${v}`;
    })
    .join('&');
}

/** The address of a page with its ids. */
export function pageUrl(path: PagePath, params: Record<string, string> = {}): string {
  const q = routeQuery(params);
  return q ? `${path}?${q}` : path;
}

const decode = (v: string) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
};

/**
 * The route parameters as a page reads them, decoded once (neither the weapp nor Taro's H5 router
 * decode them), a missing one as ''. Taro's own `$taroTimestamp` is left out.
 */
export function readParams(raw: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (!k.startsWith('$') && v !== undefined) out[k] = decode(v);
  return out;
}
