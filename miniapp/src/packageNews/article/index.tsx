import { View, Text, RichText, Image } from '@tarojs/components';
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { newsCategoryLabel } from '@jingkai/shared';
import { BRAND, mediaUrl } from '../../config';
import { fetchArticle } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import ReadAloud from '../../components/ReadAloud';
import { htmlToSpeech } from '../../utils/speech-text';
import { formatDate } from '../../utils/format';
import { go } from '../../utils/nav';
import { PAGES, pageUrl, routeQuery } from '../../utils/route';
import './index.scss';

/**
 * An article as the official account laid it out: the sanitised pieces as rich text, and the images
 * between them as real images, so tapping one opens the preview with all of the article's pictures.
 */
export default function Article() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const art = useRequest(() => fetchArticle(id), [id]);
  const a = art.data;
  const images = (a?.images ?? []).map((src) => mediaUrl(src)!);
  const share = () => ({ title: a?.title ?? BRAND.name, imageUrl: mediaUrl(a?.coverUrl) });
  useShareAppMessage(() => ({ ...share(), path: pageUrl(PAGES.article, { id }) }));
  useShareTimeline(() => ({ ...share(), query: routeQuery({ id }) }));
  const preview = (src: string) => void Taro.previewImage({ current: src, urls: images });

  return (
    <View className={`${pageClass} article`}>
      <PageState loading={art.loading && !a} error={a ? undefined : art.error} onRetry={art.reload} />
      {a && (
        <View className="article__body">
          <Text className="article__title">{a.title}</Text>
          <View className="article__meta">
            <Text className="article__tag">{newsCategoryLabel(a.category)}</Text>
            <Text>{formatDate(a.publishedAt)}</Text>
            <Text>约 {a.readingMinutes} 分钟读完</Text>
          </View>
          <ReadAloud
            text={`${a.title}。${a.blocks.map((b) => (b.type === 'html' ? htmlToSpeech(b.html) : '')).join('。')}`}
            label="朗读全文"
          />
          <Text className="article__source">{a.author && !a.source.includes(a.author) ? `${a.source} · ${a.author}` : a.source}</Text>
          <View className="article__content">
            {a.blocks.map((b, i) =>
              b.type === 'html' ? (
                <RichText key={i} nodes={b.html} />
              ) : (
                <Image
                  key={i}
                  className="article__image"
                  src={mediaUrl(b.src)!}
                  mode="widthFix"
                  lazyLoad
                  nativeProps={{ alt: `${a.title} 配图` }}
                  showMenuByLongpress
                  onClick={() => preview(mediaUrl(b.src)!)}
                />
              ),
            )}
          </View>
          {a.eventId && (
            <View className="article__event">
              <Button type="primary" size="large" block onClick={() => go(PAGES.event, { id: a.eventId! })}>
                去报名
              </Button>
            </View>
          )}
          <View className="article__share">
            <Button type="primary" fill="outline" size="large" block openType="share">
              转发给家人
            </Button>
            <Text className="jk-muted">点右上角「···」可分享到朋友圈</Text>
          </View>
        </View>
      )}
    </View>
  );
}
