import type { Context } from 'koa';
import { formAnswers } from '@jingkai/shared';

export interface Column {
  header: string;
  key: string;
  width: number;
}

/**
 * One sheet of rows as an Excel file, bold headers: what every staff export hands out. The caller
 * masks what it must before (the rows go out as they are) and records the export in the audit log.
 */
export async function workbookOf(sheet: string, columns: Column[], rows: Record<string, string | number>[]): Promise<Buffer> {
  // Loaded on the first export, not at start: exceljs alone holds about 28 MiB of the API's memory.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '经开事·精心办';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.columns = columns;
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Question {
  name: string;
  label: string;
  type: string;
  options?: { value: string; label: string }[] | undefined;
}

/** The columns of a form's answers, one per question. */
export const answerColumns = (fields: Question[]): Column[] => fields.map((f) => ({ header: f.label, key: `f_${f.name}`, width: 18 }));

/** A form's (already masked) answers as cells of those columns, a choice by its label (the shared formAnswers). */
export function answerCells(fields: Question[], masked: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(formAnswers(fields, masked).map((a) => [`f_${a.name}`, a.value]));
}

/** Answers with the file as a download, never cached. */
export function sendWorkbook(ctx: Context, out: { buffer: Buffer; filename: string }): void {
  ctx.set('Content-Disposition', `attachment; filename="${out.filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.body = out.buffer;
}
