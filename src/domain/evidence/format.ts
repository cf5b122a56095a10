// Export file formats. CSV follows RFC 4180 (CRLF line ends, every field in
// double quotes, a quote inside doubled: https://www.rfc-editor.org/rfc/rfc4180 § 2),
// written by csv-stringify. Every field is also neutralised against formula
// injection as OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection):
// a field starting with `=`, `+`, `-`, `@`, tab or carriage return (and their
// full-width forms) gets a leading `'` (csv-stringify's `escape_formulas`), and
// every field is quoted so that a separator inside one cannot start a new,
// unneutralised field. JSON Lines (https://jsonlines.org/): one JSON object a line.
import { stringify } from 'csv-stringify/sync';
import type { Cell, ExportFormat, Row } from './export-rows';

const CSV_OPTIONS = { quoted: true, quoted_empty: true, escape_formulas: true, record_delimiter: 'windows' } as const;

/** The header line of a CSV export (JSON Lines has none). */
export function headerOf(format: ExportFormat, columns: readonly string[]): string {
  return format === 'csv' ? stringify([[...columns]], CSV_OPTIONS) : '';
}

// Cells are written as text: numbers and booleans as JSON writes them, null as an empty field.
const cellText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c));

/** The rows as export text, each line ending in CRLF (CSV) or LF (JSON Lines). */
export function formatRows(format: ExportFormat, columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  if (format === 'jsonl') {
    let out = '';
    for (const r of rows) {
      const ordered: Row = {};
      for (const c of columns) ordered[c] = r[c] ?? null;
      out += `${JSON.stringify(ordered)}\n`;
    }
    return out;
  }
  return stringify(
    rows.map((r) => columns.map((c) => cellText(r[c]))),
    CSV_OPTIONS,
  );
}
