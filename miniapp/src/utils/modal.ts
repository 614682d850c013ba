import Taro from '@tarojs/taro';
import { ApiError } from '../services/http';

/**
 * The one way pages ask and explain in a dialog: WeChat's own modal (Taro's in the H5 preview),
 * which follows the system's font size. Button texts are at most 4 characters (WeChat's limit).
 */

/** --jk-color-danger, --jk-color-primary and --jk-color-text of styles/tokens.scss (the modal takes a colour, not a CSS variable). */
const DANGER = '#c62828';
const PRIMARY = '#1a5fb4';
const TEXT = '#1f2933';

/** In the H5 preview, makes the modal just opened keyboard- and screen-reader-usable (platform/h5). Not async: see platform/h5. */
function accessibleInH5(): void {
  if (process.env.TARO_ENV === 'h5') void import('../platform/h5').then((h5) => h5.accessibleModal());
}

/** Asks before something that cannot be undone; true only when the person confirmed. */
export async function confirm(o: {
  title: string;
  content: string;
  confirmText: string;
  cancelText: string;
  danger?: boolean;
}): Promise<boolean> {
  try {
    const { danger, ...texts } = o;
    const shown = Taro.showModal({ ...texts, cancelColor: TEXT, confirmColor: danger ? DANGER : PRIMARY });
    accessibleInH5();
    return (await shown).confirm;
  } catch {
    return false;
  }
}

/**
 * Says why something did not happen: the server's own message, or `fallback`; one 知道了 button.
 * `unseen`: the messages of fields the page cannot mark (form-errors unseenFieldMessages), said
 * instead of the generic message, so a refusal never leaves nothing to fix.
 */
export function explain(title: string, e: unknown, fallback = '请稍后再试', unseen: string[] = []): void {
  void Taro.showModal({
    title,
    content: unseen.length > 0 ? unseen.join('\n') : e instanceof ApiError ? e.message : fallback,
    showCancel: false,
    confirmText: '知道了',
    confirmColor: PRIMARY,
  });
  accessibleInH5();
}
