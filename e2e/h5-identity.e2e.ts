import path from 'node:path';
import { SHOTS_DIR, useBrowserJourney } from './support/stack';
import { attributeOf, button, field, seen, settle, tab } from './support/ui';

/** 小李 saves his father as a family member, after logging in and binding his phone. */
describe('H5 preview: 我的 — login, phone, family member', () => {
  const j = useBrowserJourney();

  it('logs in silently and binds a phone through the WeChat stand-in, shown masked', async () => {
    await j.page.goto(j.stack.url + '/');
    await tab(j.page, '我的').click();
    await seen(j.page, '尚未绑定手机号').waitFor();
    await button(j.page, '绑定手机号').click();
    await seen(j.page, /^手机号 139\*\*\*\*\d{4}$/).waitFor();
  });

  it('adds his father as a family member and sees the ID number masked', async () => {
    await seen(j.page, '家人', true).click();
    await seen(j.page, '还没有添加家人').waitFor();
    await button(j.page, '添加家人').click();
    // Saved empty: each field says what is missing (not 姓名至少 2 个字), and each error goes as soon as its field changes.
    await button(j.page, '保存').click();
    for (const e of ['请填写姓名', '请选择与您的关系', '请填写身份证号']) await seen(j.page, e, true).waitFor();
    expect(await seen(j.page, '姓名至少 2 个字').count()).toBe(0);
    const name = j.page.getByRole('textbox', { name: '姓名' }).filter({ visible: true });
    expect(await attributeOf(name, 'aria-invalid', 'true')).toBe('true');
    expect(await attributeOf(name, 'aria-describedby', 'fa-name-error')).toBe('fa-name-error');
    await name.fill('李建国');
    expect(await seen(j.page, '请填写姓名', true).count()).toBe(0);
    expect(await attributeOf(name, 'aria-invalid', 'false')).toBe('false');
    await j.page.getByRole('radio', { name: '父母', exact: true }).filter({ visible: true }).click();
    expect(
      await attributeOf(j.page.getByRole('radio', { name: '父母', exact: true }).filter({ visible: true }), 'aria-checked', 'true'),
    ).toBe('true');
    expect(await seen(j.page, '请选择与您的关系', true).count()).toBe(0);
    await field(j.page, '身份证号').fill('150502195603081232');
    await button(j.page, '保存').click();
    await seen(j.page, '身份证号不正确，请检查').waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'family-add-error.png') });
    await field(j.page, '身份证号').fill('15050219560308123X');
    expect(await seen(j.page, '身份证号不正确，请检查').count()).toBe(0);
    // Every input is named by its label, not by its placeholder only.
    for (const label of ['姓名', '身份证号', '手机号（选填）', '住址（选填）']) {
      await j.page.getByLabel(label, { exact: true }).filter({ visible: true }).waitFor();
    }
    await field(j.page, '手机号（选填）').fill('13947500001');
    await field(j.page, '住址（上门办事时需要，选填）').fill('通辽市开发区辽河镇辽河村 3 组 12 号');
    await j.page.locator('.jk-field').filter({ hasText: '已取得本人同意' }).filter({ visible: true }).getByRole('checkbox').click();
    await button(j.page, '保存').click();
    await seen(j.page, '身份证 150502********123X').waitFor();
    await seen(j.page, '手机 139****0001').waitFor();
    await expect(j.page.getByText('15050219560308123X').count()).resolves.toBe(0);
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'family.png') });
  });

  it('shows 我的 with the masked phone and the entries', async () => {
    await j.page.goBack();
    await seen(j.page, /^手机号 139\*\*\*\*\d{4}$/).waitFor();
    for (const entry of ['家人', '隐私政策', '导出我的数据', '注销账号']) await seen(j.page, entry, true).waitFor();
    await settle(j.page);
    await j.page.screenshot({ path: path.join(SHOTS_DIR, 'me.png') });
  });
});
