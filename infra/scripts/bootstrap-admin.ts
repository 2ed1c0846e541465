import * as z from 'zod';
import { newApiKey } from '#adapters/api-keys.ts';
import { bootstrapClient } from '#adapters/bootstrap-client.ts';

/**
 * First deployment: creates (or re-keys) an admin API client directly in the table, since
 * every API route needs a key. Uses the caller's AWS credentials; prints the key once.
 *   TABLE_NAME=<table> AWS_REGION=<region> npm run bootstrap-admin -- <client-id>
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/).safeParse(process.argv[2] ?? 'admin');
if (!id.success) {
  console.error('usage: npm run bootstrap-admin -- <client-id>  (letters, digits, _ and -)');
  process.exit(2);
}
const key = newApiKey();
await bootstrapClient(key, { id: id.data, name: `Admin ${id.data}`, role: 'ucc_admin' }, new Date().toISOString());
console.log(`admin client ${id.data} is active; its key (shown once): ${key}`);
