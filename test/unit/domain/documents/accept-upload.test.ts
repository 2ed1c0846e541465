import { describe, expect, it } from 'vitest';
import { acceptUpload, DOCUMENT_KINDS } from '#domain/documents/accept-upload.ts';

const upload = (contentType: string, bytes: Buffer) => ({ contentType, contentBase64: bytes.toString('base64') });
const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return (error as { issues: { field: string; message: string }[] }).issues;
  }
  throw new Error('expected a refusal');
};
const SIGNED_DATA = Buffer.from([0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0]);
const SAMPLES: Record<keyof typeof DOCUMENT_KINDS, Buffer> = {
  'application/pdf': Buffer.from('%PDF-1.7\n%%EOF\n'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
  'application/pkcs7-signature': SIGNED_DATA,
  'application/pkcs7-mime': SIGNED_DATA,
  'application/xml': Buffer.from('\uFEFF<?xml version="1.0"?><doc/>'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': Buffer.from('PK\u0003\u0004....word/document.xml', 'latin1'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': Buffer.from('PK\u0003\u0004....xl/workbook.xml', 'latin1'),
};

describe('acceptUpload', () => {
  it('takes each kind whose bytes are what its type says', () => {
    for (const [contentType, bytes] of Object.entries(SAMPLES)) expect(acceptUpload(upload(contentType, bytes), 'body.document')).toEqual(bytes);
  });

  it('refuses bytes of another kind, naming the field', () => {
    expect(refusal(() => acceptUpload(upload('application/pdf', SAMPLES['image/png']), 'body.document'))).toEqual([
      { field: 'body.document.contentBase64', message: 'is not a application/pdf file (its bytes say otherwise)' },
    ]);
    expect(refusal(() => acceptUpload(upload('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', SAMPLES['application/vnd.openxmlformats-officedocument.wordprocessingml.document']), 'body.attachments[0]'))[0]?.field).toBe(
      'body.attachments[0].contentBase64',
    );
  });

  it('holds each kind to its own size: a 1 MiB image limit, 2 MiB for the rest', () => {
    const bigPng = Buffer.concat([SAMPLES['image/png'], Buffer.alloc(1024 * 1024)]);
    expect(refusal(() => acceptUpload(upload('image/png', bigPng), 'body.document'))[0]?.message).toContain('1048576');
    const pdfOfSameSize = Buffer.concat([SAMPLES['application/pdf'], Buffer.alloc(1024 * 1024)]);
    expect(acceptUpload(upload('application/pdf', pdfOfSameSize), 'body.document').length).toBe(pdfOfSameSize.length);
  });
});
