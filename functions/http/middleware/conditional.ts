import { problems } from './problem.ts';

/** Strong ETags carry the record version: `"7"`. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads If-Match: undefined when absent (or `*`), else the one version it names. A malformed
 * value, or a list of tags (the API hands out one ETag per record), is a 400 naming the header.
 * RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag (W/"3") never matches: it is
 * returned as version -1, which no record has, and the write answers 412.
 */
export function ifMatchVersion(headers: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = headers['if-match']?.trim();
  if (raw === undefined || raw === '' || raw === '*') return undefined;
  const match = /^(W\/)?"?(\d{1,9})"?$/.exec(raw);
  if (match?.[2] === undefined) {
    throw problems.validation([{ field: 'header.if-match', message: 'must be one ETag this API returned, e.g. "3"' }]);
  }
  return match[1] === undefined ? Number(match[2]) : -1;
}
