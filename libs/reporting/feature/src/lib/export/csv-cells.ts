/** Leading characters a spreadsheet reads as the start of a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made inert for spreadsheets: a leading apostrophe keeps `=HYPERLINK(…)` a string. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled. */
export function quoteCsvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One text cell as written to a CSV file; null is the empty cell. */
export function csvTextCell(value: string | null): string {
  return value === null ? '' : quoteCsvCell(neutraliseFormula(value));
}
