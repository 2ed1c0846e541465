import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsSigners } from '#domain/documents/cms-signer.ts';
import { acceptUpload } from '#domain/documents/accept-upload.ts';

/**
 * CMS SignedData made by `openssl cms -sign` in the test: a citizen's certificate issued by a
 * test CA (as the national CA issues them, with the IIN in serialNumber), and a second,
 * unrelated certificate carried beside it, so the reader must pick the signer's.
 */
const SIGNER_SUBJECT = '/C=KZ/CN=СЕРИКОВА АЛИЯ/SN=СЕРИКОВА/serialNumber=IIN880101400123';

describe('cmsSigners', () => {
  let dir: string;
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const sign = (name: string, ...options: string[]) => {
    openssl('cms', '-sign', '-in', 'complaint.txt', '-signer', 'signer.pem', '-inkey', 'signer.key', '-certfile', 'other.pem', '-outform', 'DER', '-out', name, ...options);
    return readFileSync(join(dir, name));
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cms-signer-'));
    writeFileSync(join(dir, 'complaint.txt'), 'Жалоба на отказ в выдаче справки\n');
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=KZ/CN=Test National CA');
    openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'signer.key', '-out', 'signer.csr', '-utf8', '-subj', SIGNER_SUBJECT);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
    openssl('x509', '-req', '-in', 'signer.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4660', '-days', '365', '-out', 'signer.pem', '-extfile', 'ext.cnf');
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '30', '-subj', '/C=KZ/CN=Someone Else');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the signer of an attached signature by issuer and serial number, among other certificates', () => {
    // Arrange
    const bytes = sign('attached.cms', '-nodetach');
    // Act
    const signers = cmsSigners(bytes);
    // Assert
    expect(signers).toEqual([
      expect.objectContaining({
        subject: 'C=KZ, CN=СЕРИКОВА АЛИЯ, SN=СЕРИКОВА, serialNumber=IIN880101400123',
        issuer: 'C=KZ, CN=Test National CA',
        serialNumber: '1234',
        validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
      }),
    ]);
    // The upload check takes it as what it says it is.
    expect(acceptUpload({ contentType: 'application/pkcs7-mime', contentBase64: bytes.toString('base64') }, 'body.document')).toEqual(bytes);
  });

  it('names the signer of a detached .p7s by its subject key identifier', () => {
    const signers = cmsSigners(sign('detached.p7s', '-keyid'));
    expect(signers?.map((signer) => signer.subject)).toEqual(['C=KZ, CN=СЕРИКОВА АЛИЯ, SN=СЕРИКОВА, serialNumber=IIN880101400123']);
  });

  it('reads a streamed signature (BER, indefinite lengths)', () => {
    const bytes = sign('streamed.cms', '-nodetach', '-stream');
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x30, 0x80]));
    expect(cmsSigners(bytes)?.map((signer) => signer.serialNumber)).toEqual(['1234']);
  });

  it('names no one when the signature carries no certificate, and nothing for bytes that are not a SignedData', () => {
    // Arrange
    openssl('cms', '-sign', '-in', 'complaint.txt', '-signer', 'signer.pem', '-inkey', 'signer.key', '-nocerts', '-outform', 'DER', '-out', 'bare.p7s');
    const signed = sign('whole.cms', '-nodetach');
    // Act / Assert
    expect(cmsSigners(readFileSync(join(dir, 'bare.p7s')))).toEqual([]);
    expect(cmsSigners(signed.subarray(0, signed.length - 40))).toBeUndefined();
    expect(cmsSigners(Buffer.from('%PDF-1.7\n'))).toBeUndefined();
    expect(cmsSigners(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
    // 40 nested indefinite-length sequences: deeper than any signature
    expect(cmsSigners(Buffer.concat([Buffer.alloc(80, 0).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80)), Buffer.alloc(80, 0)]))).toBeUndefined();
  });
});
