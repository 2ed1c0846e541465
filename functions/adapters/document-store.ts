import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { getConfig } from '#commons/config.ts';
import type { StoredDocument } from '#domain/acceptance/acceptance.ts';
import { queryAll } from './pagination.ts';

/**
 * Signed documents and attachments in the documents bucket, content-addressed: `documents/<sha256>`
 * (the same bytes are one object; a retry rewrites the same object). The object keeps its
 * content type and file name; who may read it is decided by the record that names it.
 * Documents stored before the bucket existed (DOC#<sha256> chunk items) are still read.
 */
let client: S3Client | undefined;
const s3 = (): S3Client => {
  if (client === undefined) {
    const config = getConfig();
    client = new S3Client({
      region: config.AWS_REGION,
      ...(config.S3_ENDPOINT === undefined
        ? {}
        : { endpoint: config.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    });
  }
  return client;
};

const objectKey = (sha256: string) => `documents/${sha256}`;

export async function putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await s3().send(
    new PutObjectCommand({
      Bucket: getConfig().DOCUMENTS_BUCKET,
      Key: objectKey(sha256),
      Body: bytes,
      ContentType: meta.contentType,
      // The checksum S3 verifies on arrival: what is stored is what was checked.
      ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
      Metadata: { 'file-name': encodeURIComponent(meta.fileName) },
    }),
  );
  return { fileName: meta.fileName, contentType: meta.contentType, size: bytes.length, sha256 };
}

export async function getDocument(sha256: string): Promise<{ meta: StoredDocument; bytes: Buffer } | undefined> {
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    const fileName = decodeURIComponent(object.Metadata?.['file-name'] ?? sha256);
    return { meta: { fileName, contentType: object.ContentType ?? 'application/octet-stream', size: bytes.length, sha256 }, bytes };
  } catch (error) {
    if (!(error instanceof NoSuchKey) && (error as Error).name !== 'NoSuchKey') throw error;
    return legacyDocument(sha256);
  }
}

/** A link that lets its holder read one document for `seconds` (for attachments too large for an e-mail). */
export function documentLink(sha256: string, seconds: number): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }), { expiresIn: seconds });
}

async function legacyDocument(sha256: string): Promise<{ meta: StoredDocument; bytes: Buffer } | undefined> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `DOC#${sha256}` } });
  const meta = items.find((item) => item.sk === 'META');
  if (meta === undefined) return undefined;
  const bytes = Buffer.concat(items.filter((item) => String(item.sk).startsWith('CHUNK#')).map((item) => Buffer.from(item.data as Uint8Array)));
  const { fileName, contentType, size } = meta as unknown as StoredDocument;
  return { meta: { fileName, contentType, size, sha256 }, bytes };
}

export const s3DocumentStore = { put: putDocument, get: getDocument, link: documentLink };
