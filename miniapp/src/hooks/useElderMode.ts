import Taro from '@tarojs/taro';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

const KEY = 'jk.elderMode';

/** WeChat's own font size in px (17 by default; 关怀模式 is about 24). H5 has no such setting. */
function systemFontSize(): number {
  try {
    return typeof Taro.getAppBaseInfo === 'function' ? ((Taro.getAppBaseInfo() as { fontSizeSetting?: number }).fontSizeSetting ?? 0) : 0;
  } catch {
    return 0;
  }
}

/** On when the citizen switched it on; until they choose, on when WeChat's large-font setting is. */
function stored(): boolean {
  const v: unknown = Taro.getStorageSync(KEY);
  return typeof v === 'boolean' ? v : systemFontSize() > 17;
}

/**
 * 长辈版: larger text and targets, and a simpler 首页. Pages put `pageClass` on their root view,
 * where the sizes are declared again (styles/tokens.scss).
 */
export function useElderMode() {
  const [on, setOn] = useState<boolean>(stored);
  useDidShow(() => setOn(stored()));
  // Not async, so the weapp build sees the branch is dead and leaves platform/h5 out.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') void import('../platform/h5').then((h5) => h5.elderRoot(on));
  }, [on]);
  const set = (value: boolean) => {
    Taro.setStorageSync(KEY, value);
    setOn(value);
  };
  return { elder: on, setElder: set, pageClass: on ? 'jk-page jk-elder' : 'jk-page' };
}
