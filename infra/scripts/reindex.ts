import { reindexTable } from '#adapters/reindex-items.ts';

/**
 * After a deployment that adds a listing index: gives the items written before it their index
 * attributes (functions/adapters/reindex-items.ts). Uses the caller's AWS credentials.
 *   TABLE_NAME=<table> AWS_REGION=<region> npm run reindex
 */
const rewritten = await reindexTable();
console.log(`reindexed ${rewritten} item(s)`);
