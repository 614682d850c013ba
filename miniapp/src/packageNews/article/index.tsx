import { View, Text, RichText } from '@tarojs/components';
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { newsCategoryLabel } from '@jingkai/shared';
import { fetchArticle } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDate } from '../../utils/format';
import './index.scss';

export default function Article() {
  const { pageClass } = useElderMode();
  const { params } = useRouter();
  const id = params.id ?? '';
  const art = useRequest(() => fetchArticle(id), [id]);
  const a = art.data;
  useShareAppMessage(() => ({
    title: a?.title ?? '经开事·精心办',
    path: `/packageNews/article/index?id=${id}`,
    imageUrl: a?.coverUrl ?? undefined,
  }));
  useShareTimeline(() => ({ title: a?.title ?? '经开事·精心办', query: `id=${id}`, imageUrl: a?.coverUrl ?? undefined }));

  return (
    <View className={`${pageClass} article`}>
      <PageState loading={art.loading && !a} error={a ? undefined : art.error} onRetry={art.reload} />
      {a && (
        <View className="article__body">
          <Text className="article__title">{a.title}</Text>
          <View className="article__meta">
            <Text>{a.source}</Text>
            <Text>{formatDate(a.publishedAt)}</Text>
            <Text>{newsCategoryLabel(a.category)}</Text>
            <Text>约 {a.readingMinutes} 分钟读完</Text>
          </View>
          <RichText className="article__content" nodes={a.contentHtml} />
        </View>
      )}
    </View>
  );
}
