import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATE_IDS } from '../config';

/**
 * Asks for the subscribe messages (reminders, a waitlist place): inside the tap, as WeChat requires.
 * A refusal, or the H5 preview, does not stop what the tap does.
 */
export async function askForNotices(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !SUBSCRIBE_TEMPLATE_IDS.length) return;
  await Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATE_IDS, entityIds: [] } as never).catch(() => undefined);
}
