import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NewsCategory, NewsListItem } from '@jingkai/shared';
import { fetchNews } from '../services/api';
import { ApiError } from '../services/http';
import { mergePage } from '../utils/news';

const PAGE_SIZE = 10;
const cacheKey = (category?: NewsCategory) => `jk.news.cache.${category ?? 'all'}`;

interface Saved {
  items: NewsListItem[];
  total: number;
  savedAt: number;
}

export interface PagedNews {
  items: NewsListItem[];
  total: number;
  loading: boolean;
  error: ApiError | undefined;
  /** Every page is loaded. */
  done: boolean;
  /** When the list shown is the one saved for offline reading: when it was saved. */
  savedAt: number | undefined;
  refresh: () => Promise<void>;
  more: () => Promise<void>;
}

/**
 * The 资讯 list: page by page as the reader scrolls, fresh on pull-down. The first page of each
 * category is kept on the phone, so with no network the reader still sees the last list, marked as saved.
 */
export function usePagedNews(category: NewsCategory | undefined, q: string): PagedNews {
  const [items, setItems] = useState<NewsListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [savedAt, setSavedAt] = useState<number>();
  const seq = useRef(0);
  const busy = useRef(false);

  const load = useCallback(
    async (next: number) => {
      const mine = ++seq.current;
      busy.current = true;
      setLoading(true);
      try {
        const res = await fetchNews({ category, q: q || undefined, page: next, pageSize: PAGE_SIZE });
        if (mine !== seq.current) return;
        setItems((shown) => (next === 1 ? res.items : mergePage(shown, res)));
        setTotal(res.total);
        setPage(next);
        setError(undefined);
        setSavedAt(undefined);
        if (next === 1 && !q)
          Taro.setStorageSync(cacheKey(category), { items: res.items, total: res.total, savedAt: Date.now() } satisfies Saved);
      } catch (e) {
        if (mine !== seq.current) return;
        const err = e instanceof ApiError ? e : new ApiError(0, 'CLIENT_ERROR', '出了点问题，请稍后再试');
        const saved = next === 1 && !q ? (Taro.getStorageSync(cacheKey(category)) as Saved | '') : '';
        if (saved && saved.items?.length) {
          setItems(saved.items);
          setTotal(saved.items.length);
          setPage(1);
          setSavedAt(saved.savedAt);
          setError(undefined);
        } else setError(err);
      } finally {
        if (mine === seq.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [category, q],
  );

  useEffect(() => {
    setItems([]);
    setTotal(0);
    setPage(0);
    void load(1);
  }, [load]);

  const done = page > 0 && items.length >= total;
  const refresh = useCallback(() => load(1), [load]);
  const more = useCallback(async () => {
    if (busy.current || done || savedAt) return;
    await load(page + 1);
  }, [load, page, done, savedAt]);

  return { items, total, loading, error, done, savedAt, refresh, more };
}
