import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { newsCategoryLabel, type NewsListItem } from '@jingkai/shared';
import { formatDate } from '../../utils/format';
import './index.scss';

/** One article in a list; tapping opens it. */
export default function NewsItem({ item }: { item: NewsListItem }) {
  const open = () => Taro.navigateTo({ url: `/packageNews/article/index?id=${item.id}` });
  return (
    <View className="jk-news-item" onClick={open} hoverClass="jk-news-item--pressed">
      <Text className="jk-news-item__title">{item.title}</Text>
      {item.digest && <Text className="jk-news-item__digest">{item.digest}</Text>}
      <View className="jk-news-item__meta">
        <Text className="jk-news-item__tag">{newsCategoryLabel(item.category)}</Text>
        <Text>{formatDate(item.publishedAt)}</Text>
      </View>
    </View>
  );
}
