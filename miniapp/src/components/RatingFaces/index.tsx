import { View, Text } from '@tarojs/components';
import { TextAreaField } from '../FormFields';
import { useState } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { RatingBody, RatingView } from '@jingkai/shared';
import { FACES, ratingSummary } from '../../utils/requests';
import { go } from '../../utils/nav';
import { PAGES } from '../../utils/route';
import { toastError } from '../../utils/toast';
import './index.scss';

/** A rating as an answer carries it: a request's in full, a booking's or an event visit's level and time. */
type Given = Pick<RatingView, 'level'> & Partial<Pick<RatingView, 'comment' | 'followUpId'>>;

interface Props {
  /** The rating already given, from the item's own answer (so every phone shows it). */
  rating: Given | null;
  submit: (body: RatingBody) => Promise<RatingView>;
  onRated?: (r: RatingView) => void;
  title?: string;
}

/**
 * 好差评: five faces, 非常满意 … 非常不满意, one tap sends (with the comment typed above, if any).
 * Each face is a button with its name for screen readers, at least 44 px (60 px in 长辈版). Once
 * rated it shows the rating, and the follow-up a 差评 opened.
 */
export default function RatingFaces({ rating, submit, onRated, title = '您对这次服务满意吗？' }: Props) {
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [given, setGiven] = useState<RatingView | null>(null);
  const shown = given ?? rating;

  const rate = async (level: number) => {
    if (sending) return;
    setSending(true);
    try {
      const r = await submit(comment.trim() ? { level, comment: comment.trim() } : { level });
      setGiven(r);
      onRated?.(r);
    } catch (e) {
      toastError(e, '评价没有提交，请稍后再试');
    } finally {
      setSending(false);
    }
  };

  if (shown) {
    const s = ratingSummary(shown);
    return (
      <View className="jk-rating jk-rating--done">
        <Text className="jk-rating__title">{s.title}</Text>
        {shown.comment && <Text className="jk-rating__comment">“{shown.comment}”</Text>}
        {s.followUp && <Text className="jk-rating__note">{s.followUp}</Text>}
        {shown.followUpId && (
          <Button fill="outline" type="primary" size="large" block onClick={() => go(PAGES.requestDetail, { id: shown.followUpId! })}>
            查看回访进度
          </Button>
        )}
      </View>
    );
  }
  return (
    <View className="jk-rating">
      <Text className="jk-rating__title">{title}</Text>
      <TextAreaField label="想说的话（选填）" placeholder="写好后点下面的表情提交" maxlength={200} value={comment} onChange={setComment} />
      <View className="jk-rating__faces">
        {FACES.map((f) => (
          <View
            key={f.level}
            className={`jk-face jk-face--${f.level} ${sending ? 'jk-face--busy' : ''}`}
            role="button"
            aria-label={f.label}
            hoverClass="jk-face--pressed"
            onClick={() => void rate(f.level)}
          >
            <View className="jk-face__disc">
              <View className="jk-face__eyes">
                <View className="jk-face__eye" />
                <View className="jk-face__eye" />
              </View>
              <View className="jk-face__mouth" />
            </View>
            <Text className="jk-face__label">{f.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
