/**
 * DynamoDB's measure of an item: attribute names and values in UTF-8 bytes, numbers by their
 * digits, 3 bytes per list or map plus 1 per element (AWS "Item sizes and formats"). Slightly
 * generous, so a write it passes fits the 400 KB item limit.
 */
export const ITEM_LIMIT_BYTES = 400 * 1024;
/** What a command may write: below the item limit, so the estimate's error never reaches it. */
export const RECORD_LIMIT_BYTES = 390 * 1024;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

function valueSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value).replace(/[-.eE+]/g, '').replace(/^0+/, '').length;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, member) => sum + valueSize(member), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, member) => sum + 1 + valueSize(member), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [name, member]) => (member === undefined ? sum : sum + 1 + utf8(name) + valueSize(member)), 0);
  }
  return utf8(String(value));
}

export function itemSizeBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => (value === undefined ? sum : sum + utf8(name) + valueSize(value)), 0);
}
