/**
 * The role of a custom control, for the platform's screen reader: the weapp reads `aria-role`
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/accessibility.html), the browser `role`,
 * and each would be an invalid attribute on the other. Spread it onto the control's View.
 */
export function role(name: 'button' | 'switch' | 'checkbox' | 'link' | 'img' | 'radio' | 'radiogroup' | 'dialog'): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role: name } : { 'aria-role': name };
}

/**
 * What ties an input to its field: its label as its name, whether it is wrong, and (while it is)
 * the error's element by id, so a screen reader reads the error with the input. `id` is the
 * field's id, unique on the page; the error element carries `${id}-error`.
 */
export function inputA11y(id: string, label: string, error?: string): Record<string, string> {
  return {
    'aria-label': label,
    'aria-invalid': error ? 'true' : 'false',
    ...(error ? { 'aria-describedby': `${id}-error` } : {}),
  };
}

/**
 * A chip that is on or off (a filter, one of several picks): a button whose aria-pressed says so,
 * since the --on class shows it only to the eye. A single choice with a question of its own is a
 * ChoiceChips radiogroup instead.
 */
export function pressed(on: boolean): Record<string, string> {
  return { ...role('button'), 'aria-pressed': on ? 'true' : 'false' };
}
