// read.mjs READER FILE prints every sheet of the workbook FILE as the
// JavaScript reader READER (exceljs, exceljs-stream or sheetjs) reads it,
// as JSON: [{"name": sheet, "rows": [[cell, ...], ...]}, ...], where a cell
// is null (empty), {"n": number}, {"s": text}, {"b": bool} or {"d": ISO
// date-time}. Rows and cells are in sheet order from A1; the Go test
// cmd/dossier/readers_test.go compares them with the CSVs.
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';

function typed(v) {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return { n: v };
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'boolean') return { b: v };
  if (v instanceof Date) return { d: v.toISOString() };
  return undefined;
}

// ExcelJS gives formulas as {formula, result}, rich text as {richText},
// links as {text, hyperlink}.
function excelValue(v) {
  const t = typed(v);
  if (t !== undefined) return t;
  if ('result' in v) return typed(v.result) ?? { s: String(v.result) };
  if ('richText' in v) return { s: v.richText.map((r) => r.text).join('') };
  if ('text' in v) return { s: String(v.text) };
  if ('error' in v) return { e: String(v.error) };
  throw new Error('unknown ExcelJS value ' + JSON.stringify(v));
}

function excelRow(row) {
  const cells = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cells[col - 1] = excelValue(cell.value);
  });
  return Array.from(cells, (c) => c ?? null);
}

async function exceljs(file) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      rows[r - 1] = excelRow(row);
    });
    return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
  });
}

// exceljsStream is ExcelJS's streaming reader, the one for large files.
async function exceljsStream(file) {
  const out = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit',
  });
  for await (const ws of reader) {
    const rows = [];
    for await (const row of ws) {
      rows[row.number - 1] = excelRow(row);
    }
    out.push({ name: ws.name, rows: Array.from(rows, (r) => r ?? []) });
  }
  return out;
}

function sheetjs(file) {
  const wb = XLSX.readFile(file, { cellDates: true });
  return wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const rows = [];
    if (ws['!ref']) {
      const range = XLSX.utils.decode_range(ws['!ref']);
      for (let r = range.s.r; r <= range.e.r; r++) {
        const cells = [];
        for (let c = range.s.c; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })];
          if (!cell || cell.t === 'z') cells[c] = null;
          else if (cell.t === 'e') cells[c] = { e: String(cell.w ?? cell.v) };
          else cells[c] = typed(cell.v);
        }
        rows[r] = Array.from(cells, (x) => x ?? null);
      }
    }
    return { name, rows: Array.from(rows, (r) => r ?? []) };
  });
}

const readers = { exceljs, 'exceljs-stream': exceljsStream, sheetjs };
const [reader, file] = process.argv.slice(2);
if (!readers[reader] || !file) {
  console.error('usage: node read.mjs exceljs|exceljs-stream|sheetjs FILE.xlsx');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await readers[reader](file)));
