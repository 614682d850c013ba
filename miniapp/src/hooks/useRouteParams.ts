import { useRouter } from '@tarojs/taro';
import { readParams } from '../utils/route';

/** The page's route parameters, decoded (utils/route); a missing one is ''. */
export function useRouteParams<K extends string>(...names: K[]): Record<K, string> {
  const params = readParams(useRouter().params);
  return Object.fromEntries(names.map((n) => [n, params[n] ?? ''])) as Record<K, string>;
}
