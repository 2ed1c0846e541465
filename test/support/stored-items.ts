import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { SEND_LEASE_MS, SENT_EVENT } from '#adapters/mail-ledger.ts';

/** A document client on a local stack's store (`npm start` with DYNAMODB_PORT set). */
const storeAt = (port: number) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));

/** Every item of the stack's one table, every page (a test's small store). */
export async function scanStore(port: number): Promise<Record<string, unknown>[]> {
  const store = storeAt(port);
  try {
    const [table] = (await store.send(new ListTablesCommand({}))).TableNames ?? [];
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await store.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  } finally {
    store.destroy();
  }
}

/**
 * The subjects of the e-mails whose ledger claim is still `sending` (leased), in the stack's
 * store; with `claimedBefore`, only claims made before then (by a run since killed).
 */
export async function leasedSendsAt(port: number, claimedBefore = Number.POSITIVE_INFINITY): Promise<string[]> {
  return (await scanStore(port))
    .filter((item) => item.entity === 'MailRecord' && item.status === 'sending' && Date.parse(String(item.leaseUntil)) - SEND_LEASE_MS < claimedBefore)
    .map((item) => String(item.subject));
}

/**
 * The subjects of the e-mails the ledger holds as sent by SES's Email Sent event
 * (confirmedBy): sends whose sender died between SES taking them and its own mark.
 */
export async function sendsMarkedByEventAt(port: number): Promise<string[]> {
  return (await scanStore(port))
    .filter((item) => item.entity === 'MailRecord' && item.status === 'sent' && item.confirmedBy === SENT_EVENT)
    .map((item) => String(item.subject));
}
