import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const sharedSrc = path.resolve(__dirname, '../../shared/src');

/**
 * NutUI components are designed at 375 wide, our own pages at 750. Taro also ships this function to
 * the runtime for Taro.pxTransform, so it must not use anything needing a compiler helper (no `typeof`).
 */
const designWidth = (input?: string | number | { file?: string }) => {
  const file = (input as { file?: string } | undefined)?.file;
  return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
};

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'jingkai-miniapp',
    date: '2026-11-27',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    alias: { '@': path.resolve(__dirname, '../src') },
    mini: {
      // The shared package is TypeScript source outside src/: compile it like our own code.
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // Per-component NutUI styles arrive in different orders on different pages; they do not overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      compile: { include: [sharedSrc] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { port: 10086, proxy: [{ context: ['/api'], target: 'http://127.0.0.1:3000' }] },
    },
  };
  if (mode === 'development') return merge({}, base, { mini: { debugReact: false } });
  return merge({}, base, {});
});
