import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { RatingView } from '@jingkai/shared';

/**
 * The 好差评 this phone gave a booking or an event visit: their answers do not carry it, so it is
 * kept on the phone once given (a second try elsewhere gets the server's 409 NOT_RATEABLE message).
 */
export function useKeptRating(kind: 'booking' | 'registration', id: string) {
  const key = `jk.rating.${kind}.${id}`;
  const [rating, setRating] = useState<RatingView | null>(() => (Taro.getStorageSync(key) as RatingView | '') || null);
  const keep = (r: RatingView) => {
    Taro.setStorageSync(key, r);
    setRating(r);
  };
  return { rating, keep };
}
