import { View, Text, Image } from '@tarojs/components';
import { newsCategoryLabel, type NewsListItem } from '@jingkai/shared';
import { mediaUrl } from '../../config';
import { formatDate } from '../../utils/format';
import { highlight } from '../../utils/news';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { role } from '../../utils/a11y';
import './index.scss';

function Marked({ text, words, className }: { text: string; words?: string[]; className: string }) {
  return (
    <Text className={className}>
      {highlight(text, words).map((p, i) =>
        p.hit ? (
          <Text key={i} className="jk-news-item__hit">
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}

/** One article in a list, with its cover; searched words are highlighted. Tapping opens it. */
export default function NewsItem({ item, showCategory = true }: { item: NewsListItem; showCategory?: boolean }) {
  const open = () => go(PAGES.article, { id: item.id });
  const cover = mediaUrl(item.coverUrl);
  return (
    <View {...role('button')} className="jk-news-item" onClick={open} hoverClass="jk-news-item--pressed">
      <View className="jk-news-item__text">
        <Marked className="jk-news-item__title" text={item.title} words={item.matches} />
        {item.digest && <Marked className="jk-news-item__digest" text={item.digest} words={item.matches} />}
        <View className="jk-news-item__meta">
          {showCategory && <Text className="jk-news-item__tag">{newsCategoryLabel(item.category)}</Text>}
          <Text>{formatDate(item.publishedAt)}</Text>
        </View>
      </View>
      {cover && <Image className="jk-news-item__cover" src={cover} mode="aspectFill" lazyLoad nativeProps={{ alt: item.title }} />}
    </View>
  );
}
