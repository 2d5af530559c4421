/** Test-only reading of the SVG strings: the attributes of every element of one tag, as numbers where numeric. */
export function elementsOf(svg: string, tag: string): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  const pattern = new RegExp(`<${tag}((?:\\s+[a-z0-9:-]+="[^"]*")*)\\s*/?>`, 'g');
  for (const match of svg.matchAll(pattern)) {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1].matchAll(/([a-z0-9:-]+)="([^"]*)"/g)) attributes[attribute[1]] = attribute[2];
    found.push(attributes);
  }
  return found;
}

/** Text contents of `<text>` elements, unescaped. */
export function textsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) =>
    match[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

/** Checks that every opened tag is closed in order: the string is well-formed markup. */
export function isWellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}
