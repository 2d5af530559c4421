/**
 * Ids that are a pure function of their inputs, so re-processing the same data (a redelivered Kafka
 * batch after a crash) produces the same ids. Formatted as an RFC 9562 UUIDv8: the first 48 bits are
 * the timestamp in milliseconds (ids sort by time, like UUIDv7), the remaining 74 free bits come from a
 * non-cryptographic 128-bit hash of the parts. Not a secret and not a security boundary.
 */
export function deterministicId(timestampMs: number, ...parts: readonly string[]): string {
  if (!Number.isFinite(timestampMs)) throw new RangeError(`Invalid timestamp: ${timestampMs}`);
  const timeField = ((Math.floor(timestampMs) % 2 ** 48) + 2 ** 48) % 2 ** 48;
  // Length-prefixing each part keeps ('ab', 'c') and ('a', 'bc') apart.
  const [h1, h2, h3] = hash128(parts.map((part) => `${part.length}:${part}`).join('|'));
  const timeHex = timeField.toString(16).padStart(12, '0');
  const versionGroup = `8${hex32(h1).slice(0, 3)}`;
  const variantGroup = `${(8 | (h2 >>> 30)).toString(16)}${hex32(h2).slice(1, 4)}`;
  const nodeGroup = `${hex32(h2).slice(4)}${hex32(h3)}`;
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8)}-${versionGroup}-${variantGroup}-${nodeGroup}`;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** Four FNV-style 32-bit lanes with distinct multipliers, cross-mixed and avalanched at the end. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  let h3 = 0x85ebca6b;
  let h4 = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193);
    h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    h3 = Math.imul(h3 ^ code, 0x27d4eb2f);
    h4 = Math.imul(h4 ^ code, 0x165667b1);
  }
  h1 = avalanche(h1 ^ text.length);
  h2 = avalanche(h2 + h1);
  h3 = avalanche(h3 + h2);
  h4 = avalanche(h4 + h3);
  h1 = avalanche(h1 + h4);
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function avalanche(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
