import type ExcelJSModule from "exceljs";
import type { FastifyReply } from "fastify";

let excel: Promise<typeof ExcelJSModule> | undefined;
/**
 * exceljs, loaded on the first export: its modules cost ~0.4 s of CPU (about 1 s on a busy machine)
 * that a server start would otherwise pay for a feature most starts never use.
 */
export function loadExcel(): Promise<typeof ExcelJSModule> {
  excel ??= import("exceljs").then((m) => m.default);
  return excel;
}

/** One sheet with a bold header row, sent as an .xlsx download named in Chinese. */
export async function sendSheet(
  reply: FastifyReply,
  o: {
    fileName: string;
    asciiName: string;
    sheet: string;
    columns: { header: string; key: string; width: number }[];
    rows: Record<string, string | number>[];
  },
): Promise<FastifyReply> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheet);
  ws.columns = o.columns;
  ws.getRow(1).font = { bold: true };
  for (const r of o.rows) ws.addRow(r);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .header(
      "content-disposition",
      `attachment; filename="${o.asciiName}"; filename*=UTF-8''${encodeURIComponent(o.fileName)}`,
    )
    .send(buf);
}
