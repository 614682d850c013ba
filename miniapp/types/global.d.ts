/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** The values Taro's build replaces in `process.env` (Taro's env-mode docs); only src/config.ts reads TARO_APP_*. */
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
    TARO_APP_API_BASE?: string;
    TARO_APP_SUBSCRIBE_TEMPLATE_IDS?: string;
    TARO_APP_SPEECH_PLUGIN_APPID?: string;
    NODE_ENV: 'development' | 'production' | 'test';
  }
}
