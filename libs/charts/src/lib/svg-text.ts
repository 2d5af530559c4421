/** Escapes text for an SVG/XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** Shortens a label to `maxCharacters`, ending with an ellipsis, so long labels never overlap the plot. */
export function truncateLabel(label: string, maxCharacters: number): string {
  return label.length <= maxCharacters ? label : `${label.slice(0, Math.max(1, maxCharacters - 1))}…`;
}

/** Rough width of a text in pixels (average glyph ≈ 0.6 em for Helvetica/Arial); enough for layout. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** Coordinates rounded to 2 decimals so that the same input always gives the same, compact string. */
export function coordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** 1234 → "1.23k", 2500000 → "2.5M", 0.125 → "0.13": axis and value labels. */
export function formatCompactNumber(value: number): string {
  const magnitude = Math.abs(value);
  const units: Array<[number, string]> = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (magnitude >= size) return `${trimDecimals(value / size, 2)}${suffix}`;
  }
  return trimDecimals(value, 2);
}

/** 0.4567 → "45.7%" (one decimal, trailing zero trimmed). */
export function formatPercent(ratio: number): string {
  return `${trimDecimals(ratio * 100, 1)}%`;
}

function trimDecimals(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}
