import type { EventSummary, NewsArticle, NewsCategory, NewsListItem, Paged, ServiceSummary } from '@jingkai/shared';
import { request } from './http';

export const fetchNews = (q: { category?: NewsCategory; q?: string; page?: number; pageSize?: number } = {}) =>
  request<Paged<NewsListItem>>('/api/news', { query: q });

export const fetchArticle = (id: string) => request<NewsArticle>(`/api/news/${encodeURIComponent(id)}`);

export const fetchServices = () => request<Paged<ServiceSummary>>('/api/services');

export const fetchEvents = (status: 'upcoming' | 'past' = 'upcoming') => request<Paged<EventSummary>>('/api/events', { query: { status } });
