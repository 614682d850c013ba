import Taro from '@tarojs/taro';
import { ApiError } from '../services/http';

/** A short message at the bottom of the page. */
export const toast = (title: string, duration = 2500) => void Taro.showToast({ title, icon: 'none', duration });

/** Something went through (with the tick; WeChat shows at most 7 characters beside it). */
export const toastDone = (title: string) => void Taro.showToast({ title, icon: 'success' });

/** Tells what went wrong: the server's own Chinese message, or `fallback` when there is none. */
export const toastError = (e: unknown, fallback = '操作失败') => toast(e instanceof ApiError ? e.message : fallback, 1500);
