/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
    TARO_APP_API_BASE?: string;
    NODE_ENV: 'development' | 'production' | 'test';
  }
}
