import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REQUEST_UNIT_LABELS, type RequestDetail } from '@jingkai/shared';
import { mediaSrc } from '../../utils/files';
import { formatDateTime } from '../../utils/format';
import { categoryLabel, dueText, timelineLine } from '../../utils/requests';
import { StatusTag } from '../RequestCard';
import './index.scss';

/**
 * A request as both the citizen and staff read it: number, status and deadline, what was written
 * (with photos and additions), the reply, and the timeline of every step with its time.
 */
export default function RequestSheet({ r, forStaff = false }: { r: RequestDetail; forStaff?: boolean }) {
  const due = dueText(r);
  const photos = r.photos.map(mediaSrc);
  return (
    <>
      <View className="jk-card rq-sheet__head">
        <View className="rq-sheet__row">
          <Text className="jk-card__title">{categoryLabel(r.category)}</Text>
          <StatusTag status={r.status} />
        </View>
        <Text className="jk-card__line">编号 {r.trackingNo}</Text>
        {r.unit && <Text className="jk-card__line">承办单位：{REQUEST_UNIT_LABELS[r.unit]}</Text>}
        {forStaff && <Text className="jk-card__line">联系方式：{r.contact === 'phone' ? '电话联系' : '微信消息通知'}</Text>}
        {due && <Text className={`rq-sheet__due ${r.overdue ? 'rq-sheet__due--late' : ''}`}>{due}</Text>}
        {r.status === 'held' && <Text className="jk-muted">内容正在人工审核，审核后即进入受理。</Text>}
      </View>

      <View className="jk-card">
        <Text className="rq-sheet__section">{forStaff ? '市民反映' : r.timeline[0]?.by === 'system' ? '回访事项' : '您反映的问题'}</Text>
        {r.about && <Text className="rq-sheet__about">关于：{r.about.title}</Text>}
        <Text className="rq-sheet__text">{r.text}</Text>
        {photos.length > 0 && (
          <View className="rq-sheet__photos">
            {photos.map((src, i) => (
              <Image
                key={src}
                className="rq-sheet__photo"
                src={src}
                mode="aspectFill"
                aria-label={`照片 ${i + 1}`}
                onClick={() => void Taro.previewImage({ urls: photos, current: src })}
              />
            ))}
          </View>
        )}
        {r.additions.map((a) => (
          <View key={a.at} className="rq-sheet__addition">
            <Text className="jk-muted">
              {formatDateTime(a.at)} 补充{a.held ? '（待人工审核）' : ''}
            </Text>
            <Text className="rq-sheet__text">{a.text}</Text>
          </View>
        ))}
      </View>

      {r.reply && (
        <View className="jk-card rq-sheet__reply">
          <Text className="rq-sheet__section">答复</Text>
          <Text className="rq-sheet__text">{r.reply}</Text>
        </View>
      )}

      <View className="jk-card">
        <Text className="rq-sheet__section">办理进度</Text>
        <View className="rq-sheet__timeline">
          {r.timeline.map((e, i) => (
            <View key={`${e.status}-${e.at}`} className={`rq-sheet__step ${i === r.timeline.length - 1 ? 'rq-sheet__step--now' : ''}`}>
              <View className="rq-sheet__dot" />
              <View className="rq-sheet__step-body">
                <Text className="rq-sheet__step-title">{timelineLine(e, forStaff)}</Text>
                <Text className="jk-muted">{formatDateTime(e.at)}</Text>
                {e.note && <Text className="rq-sheet__note">{e.note}</Text>}
              </View>
            </View>
          ))}
        </View>
      </View>
    </>
  );
}
