/**
 * A small HTML reader for the tests, written independently of the report's writer: tokenises tags and
 * text into a tree (void elements, raw-text `style`/`script`, entity decoding), enough to read back
 * the report page's tables and figures without a DOM.
 */
export interface HtmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: Array<HtmlElement | string>;
}

const VOID = new Set(['meta', 'link', 'br', 'img', 'input', 'hr', 'col', 'source']);
const RAW_TEXT = new Set(['style', 'script']);

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#root', attributes: {}, children: [] };
  const stack = [root];
  const pattern =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*"|='[^']*')?)*)\s*(\/?)>|([^<]+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(html)) !== null) {
    const [, closing, opening, attributeText, selfClosing, text] = match;
    const parent = stack[stack.length - 1];
    if (text !== undefined) {
      parent.children.push(decodeEntities(text));
    } else if (closing) {
      const index = stack.map((element) => element.tag).lastIndexOf(closing.toLowerCase());
      if (index <= 0) throw new Error(`unexpected </${closing}>`);
      stack.length = index;
    } else if (opening) {
      const element: HtmlElement = { tag: opening.toLowerCase(), attributes: attributesOf(attributeText ?? ''), children: [] };
      parent.children.push(element);
      if (RAW_TEXT.has(element.tag)) {
        const end = html.indexOf(`</${element.tag}>`, pattern.lastIndex);
        element.children.push(html.slice(pattern.lastIndex, end));
        pattern.lastIndex = end + element.tag.length + 3;
      } else if (!selfClosing && !VOID.has(element.tag)) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].tag}>`);
  return root;
}

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([^\s=>/]+)(?:="([^"]*)"|='([^']*)')?/g))
    attributes[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
    if (entity[0] !== '#') return named[entity.toLowerCase()];
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}

/** Every element below `element` matching `test`, in document order. */
export function findAll(element: HtmlElement, test: (candidate: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (test(child)) found.push(child);
    found.push(...findAll(child, test));
  }
  return found;
}

export const byTag = (tag: string) => (element: HtmlElement) => element.tag === tag;
export const byClass = (name: string) => (element: HtmlElement) => (element.attributes['class'] ?? '').split(/\s+/).includes(name);

/** The text inside an element, concatenated. */
export function textOf(element: HtmlElement | string): string {
  return typeof element === 'string' ? element : element.children.map(textOf).join('');
}

/** A report section read back: its title, column headings and rows (numbers from `data-value`, else text). */
export interface HtmlReportSection {
  title: string;
  kind: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  svgCount: number;
}

export function readHtmlReport(html: string): {
  title: string;
  meta: Record<string, string>;
  figures: Array<{ label: string; value: number | null; previous: number | null; changePercent: number | null; change: string }>;
  sections: HtmlReportSection[];
} {
  const root = parseHtml(html);
  const meta = Object.fromEntries(
    findAll(root, (element) => element.attributes['data-field'] !== undefined).map((element) => [
      element.attributes['data-field'],
      textOf(findAll(element, byTag('dd'))[0]),
    ]),
  );
  const numberAttribute = (element: HtmlElement, name: string) =>
    element.attributes[name] === undefined ? null : Number(element.attributes[name]);
  const figures = findAll(root, byClass('figure')).map((figure) => {
    const value = findAll(figure, byClass('value'))[0];
    const change = findAll(figure, byClass('change'))[0];
    return {
      label: textOf(findAll(figure, byClass('label'))[0]),
      value: numberAttribute(value, 'data-value'),
      previous: numberAttribute(change, 'data-previous'),
      changePercent: numberAttribute(change, 'data-change-percent'),
      change: textOf(change),
    };
  });
  const sections = findAll(root, byClass('report-section')).map((section) => ({
    title: textOf(findAll(section, byTag('h2'))[0]),
    kind: section.attributes['data-kind'],
    columns: findAll(section, byTag('th')).map(textOf),
    rows: findAll(section, byTag('tr'))
      .slice(1)
      .map((row) =>
        findAll(row, byTag('td')).map((cell) =>
          cell.attributes['data-value'] === undefined ? textOf(cell) : Number(cell.attributes['data-value']),
        ),
      ),
    svgCount: findAll(section, byTag('svg')).length,
  }));
  return { title: textOf(findAll(root, byTag('h1'))[0]), meta, figures, sections };
}
