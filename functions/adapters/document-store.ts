import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { getConfig } from '#commons/config.ts';
import type { StoredDocument } from '#domain/acceptance/acceptance.ts';
import type { RenderedReportFile } from '#domain/reports/report-port.ts';
import { queryAll } from './pagination.ts';
import { isLegacyDocumentChunk, isLegacyDocumentMeta, legacyDocumentPartition } from './table-keys.ts';

/**
 * Signed documents and attachments in the documents bucket, content-addressed: `documents/<sha256>`
 * (the same bytes are one object; a retry rewrites the same object). The object keeps its
 * content type and file name; who may read it is decided by the record that names it.
 * A new object is tagged `state=draft`: the bucket's lifecycle deletes drafts after 7 days,
 * unless the record that names the document commits and its effect tags it `state=kept`
 * (an upload whose command was then refused leaves nothing behind for long). Bytes stored
 * already are never written again, so a kept document never turns back into a draft.
 * Documents stored before the bucket existed (chunk items in the table, table-keys.ts) are still read.
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

/** S3 answers a missing object with 404 (NoSuchKey, or NotFound for HEAD). */
const isMissing = (error: unknown): boolean =>
  ['NoSuchKey', 'NotFound'].includes((error as Error).name) || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

const exists = async (sha256: string): Promise<boolean> => {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }));
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
};

const tag = (sha256: string, state: 'draft' | 'kept') =>
  s3().send(
    new PutObjectTaggingCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256), Tagging: { TagSet: [{ Key: 'state', Value: state }] } }),
  );

export async function putDocument(bytes: Buffer, meta: { fileName: string; contentType: string }): Promise<StoredDocument> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const stored = { fileName: meta.fileName, contentType: meta.contentType, size: bytes.length, sha256 };
  if (await exists(sha256)) return stored;
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
  await tag(sha256, 'draft');
  return stored;
}

/** The record that names the document committed: it is kept (no longer a draft the lifecycle deletes). */
export async function keepDocument(sha256: string): Promise<void> {
  try {
    await tag(sha256, 'kept');
  } catch (error) {
    // A document from before the bucket (chunk items) has no object to tag.
    if (!isMissing(error)) throw error;
  }
}

/** Its tag: 'draft' until the record that names it commits, then 'kept'. */
export async function documentState(sha256: string): Promise<string | undefined> {
  const tags = await s3().send(new GetObjectTaggingCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }));
  return tags.TagSet?.find((entry) => entry.Key === 'state')?.Value;
}

export async function getDocument(sha256: string): Promise<{ meta: StoredDocument; bytes: Buffer } | undefined> {
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    const fileName = decodeURIComponent(object.Metadata?.['file-name'] ?? sha256);
    return { meta: { fileName, contentType: object.ContentType ?? 'application/octet-stream', size: bytes.length, sha256 }, bytes };
  } catch (error) {
    if (!isMissing(error)) throw error;
    return legacyDocument(sha256);
  }
}

/** A link that lets its holder read one document for `seconds` (for attachments too large for an e-mail). */
export function documentLink(sha256: string, seconds: number): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: objectKey(sha256) }), { expiresIn: seconds });
}

async function legacyDocument(sha256: string): Promise<{ meta: StoredDocument; bytes: Buffer } | undefined> {
  const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': legacyDocumentPartition(sha256) } });
  const meta = items.find(isLegacyDocumentMeta);
  if (meta === undefined) return undefined;
  const bytes = Buffer.concat(items.filter(isLegacyDocumentChunk).map((item) => Buffer.from(item.data as Uint8Array)));
  const { fileName, contentType, size } = meta as unknown as StoredDocument;
  return { meta: { fileName, contentType, size, sha256 }, bytes };
}

export const s3DocumentStore = { put: putDocument, get: getDocument, link: documentLink, keep: keepDocument, state: documentState };

/**
 * Report files (issue 15 §3): `documents/reports/<sha256>`, a prefix of their own inside the objects
 * the functions are granted (`documents/*`), apart from the content-addressed documents
 * (no draft tag: a report file is kept from the start; its version record names it).
 */
const reportKey = (sha256: string) => `documents/reports/${sha256}`;

/** Streams the file from its body (its length and SHA-256 known: S3 checks the bytes against the hash). */
export async function putReportFile(file: RenderedReportFile): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: getConfig().DOCUMENTS_BUCKET,
      Key: reportKey(file.sha256),
      Body: Readable.from(file.body()),
      ContentLength: file.size,
      ContentType: file.contentType,
      ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
      Metadata: { 'file-name': encodeURIComponent(file.fileName) },
    }),
  );
}

export async function getReportFile(sha256: string): Promise<Buffer | undefined> {
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: reportKey(sha256) }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export function reportFileLink(sha256: string, seconds: number): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: getConfig().DOCUMENTS_BUCKET, Key: reportKey(sha256) }), { expiresIn: seconds });
}

export const s3ReportFileStore = { put: putReportFile, get: getReportFile, link: reportFileLink };
