// Reads an XLSX file with SheetJS (a reader the project did not write) and prints
// its first sheet as JSON: for each cell its type (s: text, n: number, d: date),
// value, number format and whether it holds a formula. Used by tests/it/exports.rs.
import { readFileSync } from "node:fs";
import XLSX from "xlsx";

const workbook = XLSX.read(readFileSync(process.argv[2]), { cellFormula: true, cellNF: true });
const sheet = workbook.Sheets[workbook.SheetNames[0]];
const range = XLSX.utils.decode_range(sheet["!ref"]);
const rows = [];
for (let r = range.s.r; r <= range.e.r; r++) {
  const row = [];
  for (let c = range.s.c; c <= range.e.c; c++) {
    const cell = sheet[XLSX.utils.encode_cell({ r, c })];
    row.push(cell ? { t: cell.t, v: cell.v, z: cell.z ?? null, formula: cell.f !== undefined } : null);
  }
  rows.push(row);
}
console.log(JSON.stringify({ sheet: workbook.SheetNames[0], rows }));
