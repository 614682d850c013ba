import { SPEECH_PLUGIN_APPID } from './config';

const tab = (pagePath: string, text: string, icon: string) => ({
  pagePath,
  text,
  iconPath: `assets/tab/${icon}.png`,
  selectedIconPath: `assets/tab/${icon}-active.png`,
});

export default defineAppConfig({
  // The five tab pages and the not-found page (it must load whatever failed) live in the main
  // package; everything else is a subpackage.
  pages: ['pages/index/index', 'pages/news/index', 'pages/services/index', 'pages/events/index', 'pages/me/index', 'pages/not-found/index'],
  subPackages: [
    { root: 'packageNews', pages: ['article/index'] },
    { root: 'packageMe', pages: ['family/index', 'family-add/index', 'privacy/index', 'export/index'] },
    { root: 'packageBooking', pages: ['service/index', 'form/index', 'success/index', 'mine/index', 'detail/index'] },
    { root: 'packageStaff', pages: ['day/index', 'verify/index', 'roles/index', 'news/index', 'schedule/index'] },
    { root: 'packageEvents', pages: ['detail/index', 'signup/index', 'registration/index', 'mine/index'] },
    { root: 'packageEventStaff', pages: ['checkin/index', 'counts/index', 'attendees/index', 'edit/index'] },
    { root: 'packageRequests', pages: ['new/index', 'mine/index', 'detail/index'] },
    { root: 'packageRequestStaff', pages: ['queue/index', 'handle/index', 'dashboard/index'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packageNews'] },
    'pages/services/index': { network: 'all', packages: ['packageBooking'] },
    'pages/events/index': { network: 'all', packages: ['packageEvents'] },
  },
  permission: { 'scope.userLocation': { desc: '用于为您找到最近的服务点' } },
  requiredPrivateInfos: ['getLocation'],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1a5fb4',
    navigationBarTitleText: '经开事·精心办',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
  },
  tabBar: {
    color: '#6b7280',
    selectedColor: '#1a5fb4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      tab('pages/index/index', '首页', 'home'),
      tab('pages/news/index', '资讯', 'news'),
      tab('pages/services/index', '办事', 'services'),
      tab('pages/events/index', '活动', 'events'),
      tab('pages/me/index', '我的', 'me'),
    ],
  },
  // 朗读 in the weapp: WeChat's 同声传译 plugin, declared only once its AppID is configured.
  ...(SPEECH_PLUGIN_APPID && process.env.TARO_ENV === 'weapp'
    ? { plugins: { WechatSI: { version: '0.3.6', provider: SPEECH_PLUGIN_APPID } } }
    : {}),
  lazyCodeLoading: 'requiredComponents',
  __usePrivacyCheck__: true,
});
