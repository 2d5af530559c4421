import {
  QUERY_PROPERTY_KEY_PATTERN,
  QUERY_PROPERTY_MAX_INDEX,
  QUERY_PROPERTY_MAX_KEY_LENGTH,
  QUERY_PROPERTY_MAX_SEGMENTS,
  type PropertyPathSegment,
} from './metric-query';

export type PropertyPathParse = { ok: true; path: PropertyPathSegment[] } | { ok: false; problem: string };

const INDEX = /^\[(0|[1-9]\d*)\]/;

/**
 * The steps after `properties`: `.key` (a plain key), `["any key"]` (a quoted key, `\"` and `\\` escaped)
 * and `[n]` (an array index, n ≥ 0). The first step must be a key (the properties are an object). Every
 * character is accounted for: anything else is a problem, reported at its character (counted from 1 in
 * the whole reference: `offset` is the length of what precedes `text`).
 */
export function parsePropertyPath(text: string, offset: number): PropertyPathParse {
  const path: PropertyPathSegment[] = [];
  let index = 0;
  const fail = (problem: string): PropertyPathParse => ({ ok: false, problem });
  while (index < text.length) {
    const position = offset + index + 1;
    if (path.length === QUERY_PROPERTY_MAX_SEGMENTS) return fail(`has more than ${QUERY_PROPERTY_MAX_SEGMENTS} keys and indices`);
    const character = text[index];
    if (character === '.') {
      const key = QUERY_PROPERTY_KEY_PATTERN.exec(text.slice(index + 1))?.[0];
      if (key === undefined) return fail(`needs a key of letters, digits, spaces or _ $ : - after the dot at character ${position} (quote other keys: ["…"])`);
      if (key.length > QUERY_PROPERTY_MAX_KEY_LENGTH) return fail(`has a key longer than ${QUERY_PROPERTY_MAX_KEY_LENGTH} characters at character ${position + 1}`);
      path.push(key);
      index += 1 + key.length;
    } else if (character === '[' && text[index + 1] === '"') {
      const quoted = readQuotedKey(text, index + 2, offset);
      if (!quoted.ok) return fail(quoted.problem);
      path.push(quoted.key);
      index = quoted.end;
    } else if (character === '[') {
      const digits = INDEX.exec(text.slice(index))?.[1];
      if (digits === undefined || Number(digits) > QUERY_PROPERTY_MAX_INDEX) {
        return fail(`needs an array index [0] to [${QUERY_PROPERTY_MAX_INDEX}] (no sign or leading zero) or a quoted key ["…"] at character ${position}`);
      }
      path.push(Number(digits));
      index += digits.length + 2;
    } else {
      return fail(`has ${JSON.stringify(character)} at character ${position} where . or [ must follow`);
    }
  }
  if (path.length === 0) return fail('names no key');
  if (typeof path[0] === 'number') return fail('starts with an index: the properties are an object, so the first step is a key');
  return { ok: true, path };
}

/** A `"…"]` key from `start` (just after the opening quote) to the character after its `]`. */
function readQuotedKey(text: string, start: number, offset: number): { ok: true; key: string; end: number } | { ok: false; problem: string } {
  let key = '';
  let index = start;
  for (;;) {
    const character = text[index];
    const position = offset + index + 1;
    if (character === undefined) return { ok: false, problem: `has a quoted key without its closing " at character ${offset + start}` };
    if (character === '"') break;
    if (character === '\\') {
      const escaped = text[index + 1];
      if (escaped !== '"' && escaped !== '\\') return { ok: false, problem: `has an escape other than \\" or \\\\ at character ${position}` };
      key += escaped;
      index += 2;
      continue;
    }
    if (/\p{Cc}/u.test(character)) return { ok: false, problem: `has a control character at character ${position}` };
    key += character;
    index++;
  }
  if (key.length === 0 || key.length > QUERY_PROPERTY_MAX_KEY_LENGTH) {
    return { ok: false, problem: `needs a quoted key of 1 to ${QUERY_PROPERTY_MAX_KEY_LENGTH} characters at character ${offset + start}` };
  }
  if (text[index + 1] !== ']') return { ok: false, problem: `needs ] after the quoted key at character ${offset + index + 2}` };
  return { ok: true, key, end: index + 2 };
}
