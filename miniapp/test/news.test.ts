import { highlight, mergePage, pushRecent, savedAtLabel } from '../src/utils/news';
import type { NewsListItem } from '@jingkai/shared';

const item = (id: string): NewsListItem => ({
  id,
  title: id,
  digest: '',
  category: 'news',
  coverUrl: null,
  publishedAt: '2026-01-01T00:00:00+08:00',
});

describe('news list helpers', () => {
  it('highlights every searched word, longest first, case-insensitively', () => {
    expect(highlight('818哲里木赛马节开幕，赛马好看', ['赛马', '赛马节'])).toEqual([
      { text: '818哲里木', hit: false },
      { text: '赛马节', hit: true },
      { text: '开幕，', hit: false },
      { text: '赛马', hit: true },
      { text: '好看', hit: false },
    ]);
    expect(highlight('ABC', ['b'])).toEqual([
      { text: 'A', hit: false },
      { text: 'B', hit: true },
      { text: 'C', hit: false },
    ]);
    expect(highlight('没有', [])).toEqual([{ text: '没有', hit: false }]);
  });

  it('keeps recent searches newest first, once each, eight at most', () => {
    let list: string[] = [];
    for (const q of ['托育', '助餐', ' 托育 ', '', '1', '2', '3', '4', '5', '6', '7']) list = pushRecent(list, q);
    expect(list).toEqual(['7', '6', '5', '4', '3', '2', '1', '托育']);
  });

  it('appends a page without repeating articles already shown', () => {
    const merged = mergePage([item('a'), item('b')], { items: [item('b'), item('c')], total: 3, page: 2, pageSize: 2 });
    expect(merged.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('labels the time a cached list was saved in Shanghai time', () => {
    expect(savedAtLabel(Date.parse('2026-11-27T09:05:00Z'))).toBe('11月27日 17:05');
  });
});
