import { publicClient } from './api-client.ts';
import type { ClientStore } from './client-port.ts';

/** API clients, oldest first, without their key hashes. */
export async function listClients(page: { limit: number; cursor?: string | undefined }, ports: { clients: ClientStore }) {
  const listed = await ports.clients.list({ limit: page.limit, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
  return { ...listed, items: listed.items.map(publicClient) };
}
