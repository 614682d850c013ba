import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { PAGES } from './utils/route';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {});
  // An unknown address (an old link, a typo) opens the not-found page instead of a blank screen: the
  // weapp's onPageNotFound, and Taro's H5 router, which calls the same hook on its 404.
  usePageNotFound(() => void Taro.redirectTo({ url: PAGES.notFound }));
  return children;
}

export default App;
