/**
 * The role of a custom control, for the platform's screen reader: the weapp reads `aria-role`
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/accessibility.html), the browser `role`,
 * and each would be an invalid attribute on the other. Spread it onto the control's View.
 */
export function role(name: 'button' | 'switch' | 'checkbox' | 'link' | 'img'): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role: name } : { 'aria-role': name };
}
