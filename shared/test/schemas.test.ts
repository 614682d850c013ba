import {
  buildFormSchema,
  dateSchema,
  eventsQuerySchema,
  formFieldSchema,
  formInput,
  newsListQuerySchema,
  objectIdSchema,
  paginationSchema,
  familyMemberBodySchema,
  idNumberSchema,
  personNameSchema,
  slotTimesProblem,
  staffVerifySchema,
} from '../src';

describe('shared schemas', () => {
  it('coerce query strings and apply the list defaults', () => {
    expect(paginationSchema.parse({})).toEqual({ page: 1, pageSize: 10 });
    expect(newsListQuerySchema.parse({ page: '3', pageSize: '20', category: 'plan', q: ' 托育 ' })).toEqual({
      page: 3,
      pageSize: 20,
      category: 'plan',
      q: '托育',
    });
  });

  it('refuse unknown fields, bad numbers and page sizes over 50 with Chinese messages', () => {
    const r = newsListQuerySchema.safeParse({ page: '0', pageSize: '51', extra: '1' });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['页码从 1 开始', '每页最多 50 条']));
    expect(r.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('accept only 24-hex ObjectIds', () => {
    expect(objectIdSchema.safeParse('0123456789abcdef01234567').success).toBe(true);
    expect(objectIdSchema.safeParse('0123456789abcdef0123456').success).toBe(false);
    expect(objectIdSchema.safeParse({ $ne: null }).success).toBe(false);
  });

  it('describe form fields exactly as the contract does', () => {
    expect(formFieldSchema.safeParse({ name: 'ageMonths', label: '月龄', type: 'number', required: true, min: 1, max: 36 }).success).toBe(
      true,
    );
    expect(formFieldSchema.safeParse({ name: 'when', label: '日期', type: 'date', required: false, min: '2026-01-01' }).success).toBe(true);
    expect(formFieldSchema.safeParse({ name: 'x', label: 'X', type: 'checkbox', required: true }).success).toBe(false);
    expect(formFieldSchema.safeParse({ name: 'x', label: 'X', type: 'select', required: true, options: [] }).success).toBe(false);
    expect(formFieldSchema.safeParse({ name: 'x', label: 'X', type: 'text', required: true, hidden: true }).success).toBe(false);
  });

  it('default the events list to upcoming', () => {
    expect(eventsQuerySchema.parse({})).toEqual({ status: 'upcoming', page: 1, pageSize: 10 });
  });
});

describe('input valid in form only', () => {
  it.each(['2025-13-45', '2025-02-30', '2031-02-30', '2025-99-99', '2025-00-10', '2025-04-31', '0000-01-01', '2023-02-29'])(
    'refuses the impossible date %s',
    (d) => {
      const r = dateSchema.safeParse(d);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/没有这一天|格式/);
    },
  );

  it.each(['2024-02-29', '2028-02-29', '2025-12-31', '2026-01-01'])('accepts the real date %s', (d) => {
    expect(dateSchema.safeParse(d).success).toBe(true);
  });

  it.each([['true'], ['1e1'], [' 2'], ['0x10'], ['1.0'], [''], [['1', '2']], [{ $gt: '' }]])('a query number refuses %j', (page) => {
    expect(paginationSchema.safeParse({ page }).success).toBe(false);
  });

  it('a query number takes plain digits', () => {
    expect(paginationSchema.parse({ page: '2', pageSize: '50' })).toEqual({ page: 2, pageSize: 50 });
  });

  const ageField = { name: 'ageMonths', label: '月龄', type: 'number' as const, required: true, min: 1, max: 36 };

  it.each([[true], [[12]], ['12'], [{ $gt: 1 }], [null], [12.5], [Number.NaN]])('a form number field refuses %j', (v) => {
    expect(buildFormSchema([ageField]).safeParse({ ageMonths: v }).success).toBe(false);
  });

  it('the form page turns the typed digits of a number field into a number, and leaves other text for the schema to refuse', () => {
    expect(buildFormSchema([ageField]).parse(formInput([ageField], { ageMonths: ' 12 ' }))).toEqual({ ageMonths: 12 });
    expect(formInput([ageField], { ageMonths: '12个月' })).toEqual({ ageMonths: '12个月' });
    expect(buildFormSchema([ageField]).safeParse(formInput([ageField], { ageMonths: '12个月' })).success).toBe(false);
  });

  const now = new Date('2026-03-10T10:00:00+08:00');
  const t = (iso: string) => new Date(iso);

  it.each([
    ['yesterday morning', '2026-03-09T08:00:00+08:00', '2026-03-09T09:00:00+08:00', null],
    ['a year ahead to the day', '2027-03-10T08:00:00+08:00', '2027-03-10T09:00:00+08:00', null],
    ['exactly 24 hours', '2026-03-11T08:00:00+08:00', '2026-03-12T08:00:00+08:00', null],
    ['the day before yesterday', '2026-03-08T23:00:00+08:00', '2026-03-08T23:30:00+08:00', 'start'],
    ['a year and a day ahead', '2027-03-11T08:00:00+08:00', '2027-03-11T09:00:00+08:00', 'start'],
    ['longer than 24 hours', '2026-03-11T08:00:00+08:00', '2026-03-12T08:01:00+08:00', 'end'],
    ['ending when it starts', '2026-03-11T08:00:00+08:00', '2026-03-11T08:00:00+08:00', 'end'],
  ])('a slot %s: problem in %s', (_name, start, end, field) => {
    const p = slotTimesProblem(t(start), t(end), now);
    if (field === null) expect(p).toBeNull();
    else expect(Object.keys(p!)).toEqual([field]);
  });

  it('a slot a year ahead of 29 February ends with February', () => {
    const leap = new Date('2028-02-29T12:00:00+08:00');
    expect(slotTimesProblem(t('2029-02-28T09:00:00+08:00'), t('2029-02-28T10:00:00+08:00'), leap)).toBeNull();
    expect(slotTimesProblem(t('2029-03-01T09:00:00+08:00'), t('2029-03-01T10:00:00+08:00'), leap)).toEqual({ start: expect.any(String) });
  });
});

describe('an empty field is asked for, not called wrong (#12: 姓名至少 2 个字 for an empty name)', () => {
  const first = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;
  it.each([
    ['a name', '请填写姓名', personNameSchema],
    ['an ID number', '请填写身份证号', idNumberSchema],
  ] as const)('%s left empty (or spaces) says %s', (_what, message, schema) => {
    expect(first(schema.safeParse(''))).toBe(message);
    expect(first(schema.safeParse('   '))).toBe(message);
  });

  it('a filled but wrong value still says what is wrong', () => {
    expect(first(personNameSchema.safeParse('李'))).toBe('姓名至少 2 个字');
    expect(first(idNumberSchema.safeParse('150502195603081232'))).toBe('身份证号不正确，请检查');
  });

  it('the family-member form names each empty field by what is missing', () => {
    const r = familyMemberBodySchema.safeParse({ name: '', idNumber: '', consent: true });
    const byField: Record<string, string> = {};
    for (const i of r.error!.issues) byField[String(i.path[0])] ??= i.message;
    expect(byField).toEqual({ name: '请填写姓名', relation: '请选择与您的关系', idNumber: '请填写身份证号' });
  });

  it('staff 核验 with no code says 请输入预约码', () => {
    expect(first(staffVerifySchema.safeParse({ code: '' }))).toBe('请输入预约码');
    expect(first(staffVerifySchema.safeParse({ code: 'AB' }))).toBe('预约码格式不正确');
  });
});
