import { View, Text, Image } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useState } from 'react';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { EVENT_CATEGORY_LABELS } from '@jingkai/shared';
import { BRAND, mediaUrl } from '../../config';
import { fetchEvent } from '../../services/api';
import { useRequest } from '../../hooks/useRequest';
import { useRouteParams } from '../../hooks/useRouteParams';
import { useElderMode } from '../../hooks/useElderMode';
import PageState from '../../components/PageState';
import { formatDateTime, formatTime } from '../../utils/format';
import { firstSession, placesText, signupState } from '../../utils/events';
import { go } from '../../utils/nav';
import { PAGES, pageUrl, routeQuery } from '../../utils/route';
import './index.scss';

/** The event page: poster, sessions with places left, where it is, and the 报名 button. */
export default function EventDetail() {
  const { pageClass } = useElderMode();
  const { id } = useRouteParams('id');
  const ev = useRequest(() => fetchEvent(id), [id]);
  // Places go fast on opening day: coming back to the page shows the places left now.
  useDidShow(() => void (ev.data && ev.reload()));
  const [picked, setPicked] = useState('');
  const e = ev.data;
  const now = new Date();
  const session = e && (e.sessions.find((s) => s.id === picked) ?? firstSession(e, now));
  const state = e && session && signupState(session, e.waitlist, now);
  const share = () => ({ title: e?.title ?? BRAND.name, imageUrl: mediaUrl(e?.coverUrl) });
  useShareAppMessage(() => ({ ...share(), path: pageUrl(PAGES.event, { id }) }));
  useShareTimeline(() => ({ ...share(), query: routeQuery({ id }) }));

  const navigate = () => {
    if (!e) return;
    if (e.location)
      void Taro.openLocation({ latitude: e.location.lat, longitude: e.location.lng, name: e.venue, address: e.address, scale: 16 });
    else void Taro.setClipboardData({ data: e.address || e.venue });
  };

  return (
    <View className={`${pageClass} ev`}>
      <PageState loading={ev.loading && !e} error={e ? undefined : ev.error} onRetry={ev.reload} />
      {e && (
        <>
          {e.coverUrl ? (
            <Image className="ev__poster" src={mediaUrl(e.coverUrl)!} mode="aspectFill" nativeProps={{ alt: e.title }} />
          ) : (
            <View className={`ev__poster ev__poster--${e.category}`}>
              <Text className="ev__poster-text">{e.title}</Text>
            </View>
          )}
          <View className="jk-card">
            <View className="ev__head">
              <Tag type="primary">{EVENT_CATEGORY_LABELS[e.category]}</Tag>
              <Text className="ev__title">{e.title}</Text>
            </View>
            {e.description && <Text className="ev__desc">{e.description}</Text>}
            {e.newsId && (
              <Text className="ev__link" onClick={() => go(PAGES.article, { id: e.newsId! })}>
                阅读活动资讯 ›
              </Text>
            )}
          </View>

          <View className="jk-card">
            <Text className="ev__section">选择场次</Text>
            {e.sessions.map((s) => {
              const st = signupState(s, e.waitlist, now);
              return (
                <View
                  key={s.id}
                  className={`ev__session ${s.id === session?.id ? 'ev__session--on' : ''}`}
                  onClick={() => setPicked(s.id)}
                  role="radio"
                  aria-checked={s.id === session?.id}
                >
                  <Text className="ev__when">
                    {formatDateTime(s.startAt)}-{formatTime(s.endAt)}
                  </Text>
                  <Text className={`ev__places ev__places--${st.kind}`}>
                    {st.kind === 'open' || st.kind === 'waitlist' || st.kind === 'full' ? placesText(s, e.waitlist) : st.text}
                  </Text>
                </View>
              );
            })}
            <Text className="jk-muted">
              每次报名最多 {e.maxAttendees} 人，一个身份证号只能报一个名额。
              {e.waitlist ? '额满后可排队候补，有人取消时按顺序自动递补。' : ''}
            </Text>
          </View>

          <View className="jk-card">
            <Text className="ev__section">活动地点</Text>
            <Text className="ev__venue">{e.venue}</Text>
            {e.address && <Text className="jk-muted">{e.address}</Text>}
            <Button fill="outline" size="large" block onClick={navigate}>
              {e.location ? '导航去这里' : '复制地址'}
            </Button>
          </View>

          <View className="ev__bar">
            <Button
              type="primary"
              size="large"
              block
              disabled={!state || !['open', 'waitlist'].includes(state.kind)}
              onClick={() => session && go(PAGES.eventSignup, { id: e.id, sessionId: session.id })}
            >
              {state?.text ?? '暂无场次'}
            </Button>
          </View>
        </>
      )}
    </View>
  );
}
