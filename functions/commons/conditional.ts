import { problems } from './problem.ts';

/** Strong ETags carry the record version: `"7"`. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads If-Match: undefined when absent (or `*`), else the version it names. A malformed value
 * is a 400 naming the header, never a silent overwrite.
 */
export function ifMatchVersion(headers: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = headers['if-match']?.trim();
  if (raw === undefined || raw === '' || raw === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(raw);
  if (match?.[1] === undefined) {
    throw problems.validation([{ field: 'header.if-match', message: 'must be an ETag this API returned, e.g. "3"' }]);
  }
  return Number(match[1]);
}
