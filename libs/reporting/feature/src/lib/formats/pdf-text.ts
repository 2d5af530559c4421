/**
 * Text for pdfkit's built-in Helvetica, which encodes WinAnsi only: the typographic minus and arrows the
 * HTML uses become their ASCII forms, and characters the font cannot show become "?" rather than garbage.
 * (Scripts beyond Latin-1 would need an embedded font file; the embedded start downloads none.)
 */
export function pdfText(text: string): string {
  return (
    text
      .replace(/\u2212/g, '-')
      .replace(/[▲▼]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[^\u0009\u000a\u000d\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/gu, '?')
  );
}
