/** The JSON object a message holds, or a reason it holds none (never throws: foreign producers share topics). */
export function parseJsonObject(value: Buffer | string): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  return { ok: true, record: parsed as Record<string, unknown> };
}

export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
export const isInstant = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));
export const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
export const isNullableNumber = (value: unknown): value is number | null => value === null || isFiniteNumber(value);
