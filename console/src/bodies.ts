import { getJson } from './api.ts';
import { localized } from './i18n.ts';

interface Body {
  id: string;
  names: { kk: string; ru: string; en?: string };
}

/** Body id → name in the current language (the first pages of the directory). */
export async function bodyNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const result = await getJson<{ items: Body[]; nextCursor?: string }>(`/v1/bodies?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const body of result.items) names.set(body.id, localized(body.names));
    cursor = result.nextCursor;
    if (cursor === undefined) break;
  }
  return names;
}
