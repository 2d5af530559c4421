import { FONT_FAMILY, TEXT_COLOUR } from './chart-palette';
import { coordinate, escapeXml } from './svg-text';

/**
 * Wraps chart elements in a standalone `<svg>`: a viewBox (so it scales), `role="img"` with a
 * `<title>` and `<desc>` for screen readers, and ids derived from the content so that several charts
 * on one page never share an id and the same input always gives the same string.
 */
export function svgDocument(
  frame: { title: string; description: string; width: number; height: number },
  body: string[],
): string {
  const content = body.join('');
  const id = `chart-${contentHash(`${frame.title}\n${frame.description}\n${content}`)}`;
  const width = coordinate(frame.width);
  const height = coordinate(frame.height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT_FAMILY}" font-size="11" fill="${TEXT_COLOUR}">` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(frame.description)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    content +
    `</svg>`
  );
}

/** A text element; the content is escaped here, so callers pass raw labels. */
export function svgText(
  x: number,
  y: number,
  text: string,
  attributes: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; weight?: 'bold' } = {},
): string {
  const anchor = attributes.anchor && attributes.anchor !== 'start' ? ` text-anchor="${attributes.anchor}"` : '';
  const size = attributes.size ? ` font-size="${attributes.size}"` : '';
  const fill = attributes.fill ? ` fill="${attributes.fill}"` : '';
  const weight = attributes.weight ? ` font-weight="${attributes.weight}"` : '';
  return `<text x="${coordinate(x)}" y="${coordinate(y)}"${anchor}${size}${fill}${weight}>${escapeXml(text)}</text>`;
}

export function svgLine(x1: number, y1: number, x2: number, y2: number, stroke: string, strokeWidth = 1): string {
  return `<line x1="${coordinate(x1)}" y1="${coordinate(y1)}" x2="${coordinate(x2)}" y2="${coordinate(y2)}" stroke="${stroke}" stroke-width="${strokeWidth}"/>`;
}

export function svgRect(x: number, y: number, width: number, height: number, fill: string, extra = ''): string {
  return `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(Math.max(0, width))}" height="${coordinate(Math.max(0, height))}" fill="${fill}"${extra}/>`;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short deterministic id, not a security measure. */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
