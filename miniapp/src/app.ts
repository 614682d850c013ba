import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { PAGES } from './utils/route';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Not async, so the weapp build sees the branch is dead and leaves platform/h5 out.
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5')
      void import('./platform/h5').then((h5) => {
        h5.focusableScrollRegions();
        h5.keyboardControls();
      });
  });
  // An unknown address (an old link, a typo) opens the not-found page instead of a blank screen: the
  // weapp's onPageNotFound, and Taro's H5 router, which calls the same hook on its 404.
  usePageNotFound(() => void Taro.redirectTo({ url: PAGES.notFound }));
  return children;
}

export default App;
