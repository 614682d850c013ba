import Taro from '@tarojs/taro';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';

const KEY = 'jk.elderMode';

/** 长辈版: larger text on every page. Pages put `pageClass` on their root view. */
export function useElderMode() {
  const [on, setOn] = useState<boolean>(() => Taro.getStorageSync(KEY) === true);
  useDidShow(() => setOn(Taro.getStorageSync(KEY) === true));
  const set = (value: boolean) => {
    Taro.setStorageSync(KEY, value);
    setOn(value);
  };
  return { elder: on, setElder: set, pageClass: on ? 'jk-page jk-elder' : 'jk-page' };
}
