import { definedMembers } from '../defined-members.ts';
import { publicClient } from './api-client.ts';
import type { ClientStore } from './client-port.ts';

/** API clients, oldest first, without their key hashes. */
export async function listClients(page: { limit: number; cursor?: string | undefined }, ports: { clients: ClientStore }) {
  const listed = await ports.clients.list(definedMembers({ limit: page.limit, cursor: page.cursor }));
  return { ...listed, items: listed.items.map(publicClient) };
}
