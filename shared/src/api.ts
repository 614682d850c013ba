/** Response shapes shared by the server and the mini-program. */
export type { Paged } from './schemas/common';
export type { NewsListItem, NewsArticle } from './schemas/news';
export type { ServiceSummary, ServiceDetail, ServiceSite, Slot } from './schemas/services';
export type { EventSummary, EventDetail, EventSession } from './schemas/events';

export interface HealthBody {
  ok: boolean;
  db: 'up' | 'down';
}
