import { buildFormSchema, formInput, type FormField } from '@jingkai/shared';
import { errorsAfterChange, fieldErrors, formErrorsOf, unseenFieldMessages } from '../src/utils/form-errors';

/** The 助餐 form's shape (the demo's is in server/src/seed, out of the mini-program's reach). */
const store = { value: 'store', label: '到店取餐' };
const delivery = { value: 'delivery', label: '送餐上门' };
const FORM: FormField[] = [
  { name: 'name', label: '用餐老人姓名', type: 'text', required: true },
  { name: 'phone', label: '联系电话', type: 'phone', required: true },
  { name: 'pickup', label: '取餐方式', type: 'select', required: true, options: [store, delivery] },
  { name: 'address', label: '送餐地址', type: 'textarea', required: false, requiredWhen: { field: 'pickup', value: 'delivery' } },
];
const check = (values: Record<string, string>) => {
  const r = buildFormSchema(FORM).safeParse(formInput(FORM, values));
  return r.success ? {} : fieldErrors(r.error.issues);
};

describe('form errors a citizen can act on', () => {
  it('says what to fill, in the field’s own words, not 必填', () => {
    expect(check({})).toEqual({ name: '请填写用餐老人姓名', phone: '请填写联系电话', pickup: '请选择取餐方式' });
    expect(check({ name: '王秀兰', phone: '1390000', pickup: 'delivery' })).toEqual({
      phone: '手机号格式不正确',
      address: '请填写送餐地址',
    });
    expect(check({ name: '王秀兰', phone: '13900000001', pickup: 'store' })).toEqual({});
    expect(formErrorsOf({ 'form.address': '请填写送餐地址' })).toEqual({ address: '请填写送餐地址' });
  });

  it('clears a field’s error as soon as it changes, and the error of a field no longer asked', () => {
    const errors = { name: '请填写用餐老人姓名', address: '请填写送餐地址' };
    expect(errorsAfterChange(errors, FORM, 'name', { name: '王', pickup: 'delivery' })).toEqual({ address: '请填写送餐地址' });
    // Back to 到店取餐: the address is not asked any more, so its error goes too.
    expect(errorsAfterChange(errors, FORM, 'pickup', { pickup: 'store' })).toEqual({ name: '请填写用餐老人姓名' });
    expect(errorsAfterChange(errors, FORM, 'phone', { pickup: 'delivery' })).toEqual(errors);
  });

  it('says the refusal of a field not on screen (孩子月龄, filled from the chosen child), not only the fields shown', () => {
    const refused = { 'form.ageMonths': '孩子月龄不能大于 36', 'form.phone': '手机号格式不正确' };
    expect(unseenFieldMessages(refused, ['phone', 'visitType'])).toEqual(['孩子月龄不能大于 36']);
    expect(unseenFieldMessages(refused, ['phone', 'ageMonths'])).toEqual([]);
    expect(unseenFieldMessages({ slotId: '时段不存在' }, ['phone'])).toEqual(['时段不存在']);
  });
});
