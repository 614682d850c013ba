import { formFieldSchema, newsListQuerySchema, objectIdSchema, paginationSchema, eventsQuerySchema } from '../src';

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
