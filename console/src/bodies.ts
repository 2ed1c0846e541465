import { getAll } from './api.ts';
import { localized } from './i18n.ts';

interface Body {
  id: string;
  names: { kk: string; ru: string; en?: string };
}

/** Body id → name in the current language (the directory: ~1,000 bodies). */
export async function bodyNames(): Promise<Map<string, string>> {
  const { items } = await getAll<Body>('/v1/bodies', 5_000);
  return new Map(items.map((body) => [body.id, localized(body.names)]));
}
