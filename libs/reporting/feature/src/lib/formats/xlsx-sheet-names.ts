const MAX_SHEET_NAME = 31;

/**
 * A worksheet name Excel accepts, unique in the workbook (`taken`, compared case-insensitively as Excel
 * does): at most 31 characters, none of `[ ] : * ? / \`, not starting or ending with an apostrophe, not
 * the reserved "History"; a repeated name gets " (2)", " (3)"… within the limit.
 */
export function uniqueSheetName(title: string, taken: ReadonlySet<string>, fallback: string): string {
  let base = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/[\u0000-\u001f]/g, '') // eslint-disable-line no-control-regex
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  const isTaken = (name: string) => [...taken].some((existing) => existing.toLowerCase() === name.toLowerCase());
  let name = base.slice(0, MAX_SHEET_NAME).trim();
  for (let copy = 2; isTaken(name); copy++) {
    const suffix = ` (${copy})`;
    name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trim()}${suffix}`;
  }
  return name;
}
