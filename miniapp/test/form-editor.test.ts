import { formDefinitionSchema } from '@jingkai/shared';
import { blankQuestion, toFormFields, toQuestionRows } from '../src/utils/form-editor';

describe('the signup questions staff edit', () => {
  const jobFair = [
    { name: 'desiredJob', label: '意向岗位', type: 'text' as const, required: true },
    {
      name: 'education',
      label: '最高学历',
      type: 'select' as const,
      required: true,
      options: [
        { value: 'bachelor', label: '本科' },
        { value: 'master', label: '硕士' },
      ],
    },
  ];

  it('gives back the same form when nothing was changed', () => {
    expect(toFormFields(toQuestionRows(jobFair))).toEqual(jobFair);
  });

  it('keeps option values whose label stayed, and names new questions without reusing a name', () => {
    const rows = toQuestionRows(jobFair);
    rows[1]!.options = '本科，硕士、 博士 ';
    rows.push({ ...blankQuestion(), name: 'q1', label: '已有的问题' }, { ...blankQuestion(), label: '  可到岗时间 ', type: 'date' });
    const fields = toFormFields(rows);
    expect(fields[1]!.options).toEqual([
      { value: 'bachelor', label: '本科' },
      { value: 'master', label: '硕士' },
      { value: '博士', label: '博士' },
    ]);
    expect(fields.map((f) => f.name)).toEqual(['desiredJob', 'education', 'q1', 'q2']);
    expect(fields[3]).toEqual({ name: 'q2', label: '可到岗时间', type: 'date', required: true });
    expect(formDefinitionSchema.safeParse(fields).success).toBe(true);
  });

  it('leaves a select without options for the shared schema to name', () => {
    const fields = toFormFields([{ ...blankQuestion(), label: '学历', type: 'select' }]);
    const parsed = formDefinitionSchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['0.options']);
  });
});
