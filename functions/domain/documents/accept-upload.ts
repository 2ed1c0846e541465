import { createHash } from 'node:crypto';
import { InvalidInputError } from '../errors.ts';
import type { DocumentRef } from '../ports.ts';

/**
 * What a document may be, checked against its own bytes, not only the name the caller gives
 * its type: PDF, PNG and JPEG scans, CMS/PKCS#7 signatures (`.p7s`, `.cms`), XML (e.g. an
 * e-government signed XML), DOCX and XLSX. Each kind has its own size limit; every upload
 * travels base64 inside a JSON request of at most 6 MB (Lambda's limit), hence 2 MiB at most.
 */
export const DOCUMENT_KINDS = {
  'application/pdf': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => starts(bytes, '%PDF-') },
  'image/png': { maxBytes: 1024 * 1024, matches: (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { maxBytes: 1024 * 1024, matches: (bytes: Buffer) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff },
  'application/pkcs7-signature': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => isCms(bytes) },
  'application/pkcs7-mime': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => isCms(bytes) },
  'application/xml': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => /^(\uFEFF)?\s*</.test(bytes.subarray(0, 64).toString('utf8')) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => isZipWith(bytes, 'word/') },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { maxBytes: 2 * 1024 * 1024, matches: (bytes: Buffer) => isZipWith(bytes, 'xl/') },
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_CONTENT_TYPES = Object.keys(DOCUMENT_KINDS) as [DocumentContentType, ...DocumentContentType[]];
export const MAX_DOCUMENT_BYTES = Math.max(...Object.values(DOCUMENT_KINDS).map((kind) => kind.maxBytes));

const starts = (bytes: Buffer, prefix: string) => bytes.subarray(0, prefix.length).toString('latin1') === prefix;
/** CMS SignedData (RFC 5652): a DER SEQUENCE holding the OID 1.2.840.113549.1.7.2 near its start. */
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
const isCms = (bytes: Buffer) => bytes[0] === 0x30 && bytes.subarray(0, 32).includes(SIGNED_DATA_OID);
/** An Office Open XML file is a ZIP whose entries name their part (word/…, xl/…). */
const isZipWith = (bytes: Buffer, part: string) => starts(bytes, 'PK\u0003\u0004') && bytes.includes(Buffer.from(part, 'latin1'));

/** The bytes of an upload, once its size fits its kind and its bytes are what its type says (400 naming the field otherwise). */
export function acceptUpload(upload: { contentType: string; contentBase64: string }, field: string): Buffer {
  const kind = DOCUMENT_KINDS[upload.contentType as DocumentContentType];
  if (kind === undefined) throw new InvalidInputError([{ field: `${field}.contentType`, message: `must be one of ${DOCUMENT_CONTENT_TYPES.join(', ')}` }]);
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes.length === 0 || bytes.length > kind.maxBytes) {
    throw new InvalidInputError([{ field: `${field}.contentBase64`, message: `must be 1 to ${kind.maxBytes} bytes for ${upload.contentType}` }]);
  }
  if (!kind.matches(bytes)) {
    throw new InvalidInputError([{ field: `${field}.contentBase64`, message: `is not a ${upload.contentType} file (its bytes say otherwise)` }]);
  }
  return bytes;
}

/** A checked upload and what its record will say of it (named by SHA-256), not stored yet. */
export interface AcceptedUpload {
  bytes: Buffer;
  document: DocumentRef;
}

/** Checks each upload (acceptUpload) and names it, storing nothing: a command refused after this leaves no document behind. */
export function acceptUploads(
  uploads: readonly { fileName: string; contentType: string; contentBase64: string }[] | undefined,
  field: string,
): AcceptedUpload[] {
  return (uploads ?? []).map((upload, index) => describeUpload(acceptUpload(upload, `${field}[${index}]`), upload));
}

export const describeUpload = (bytes: Buffer, meta: { fileName: string; contentType: string }): AcceptedUpload => ({
  bytes,
  document: { fileName: meta.fileName, contentType: meta.contentType, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
});

/** Stores what a command accepted, once it has decided (just before its one write). */
export async function storeUploads(
  uploads: readonly AcceptedUpload[],
  put: (bytes: Buffer, meta: { fileName: string; contentType: string }) => Promise<DocumentRef>,
): Promise<void> {
  for (const upload of uploads) await put(upload.bytes, upload.document);
}
