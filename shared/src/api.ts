/**
 * Response shapes shared by the server and the mini-program. Each is the `z.infer` of a response
 * schema in `schemas/`; the server's routes declare those schemas and the tests parse every answer.
 */
export type { Paged } from './schemas/common';
export type {
  NewsListItem,
  NewsArticle,
  NewsBlock,
  NewsLatest,
  StaffNewsItem,
  NewsSyncReport,
  NewsSyncStatus,
  NewsSyncRun,
  NewsRulesAnswer,
  NewsRulesSaved,
} from './schemas/news';
export type { ServiceSummary, ServiceDetail, ServiceSite, ServiceRules, Slot, SlotsAnswer, CreatedSlot } from './schemas/services';
export type { EventSummary, EventDetail, EventSession } from './schemas/events';
export type { BookingView, StaffDay, ScheduleResult, ClosedSlot } from './schemas/bookings';
export type { MeUser, AdminUser, FamilyMember, LoginResult, AccountDeleted, AuditEntry } from './schemas/identity';
export type { MyData } from './schemas/me';
export type { HealthBody } from './schemas/system';
