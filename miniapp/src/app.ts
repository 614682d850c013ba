import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // Not async, so the weapp build sees the branch is dead and leaves platform/h5 out.
  useLaunch(() => {
    if (process.env.TARO_ENV === 'h5') void import('./platform/h5').then((h5) => h5.focusableScrollRegions());
  });
  return children;
}

export default App;
