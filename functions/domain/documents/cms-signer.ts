import { X509Certificate } from 'node:crypto';
import { definedMembers } from '../defined-members.ts';

/**
 * Who signed a CMS SignedData document (RFC 5652; `.p7s`, `.cms`): the certificate each
 * SignerInfo names, read from the certificates the document carries. A small BER/DER reader
 * walks to them (definite and indefinite lengths, as `openssl cms -stream` writes); Node's
 * X509Certificate reads each certificate. It reads who the certificate names, it does not
 * verify the signature or the certificate chain (the e-government portal does, §17).
 */
export interface SignerCertificate {
  /** The subject's distinguished name, e.g. `C=KZ, CN=…, serialNumber=IIN…` (personal data for a citizen). */
  subject: string;
  issuer: string;
  /** Hex, as the certificate has it. */
  serialNumber: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

interface Tlv {
  tag: number;
  constructed: boolean;
  /** Where the element starts (its tag), where its content starts and ends, and where the next element starts. */
  start: number;
  contentStart: number;
  contentEnd: number;
  next: number;
}

/** Beyond this depth or element count the bytes are not a signature this reader takes. */
const MAX_DEPTH = 24;
const MAX_ELEMENTS = 10_000;

class NotCms extends Error {}

function readTlv(bytes: Buffer, offset: number, limit: number, depth: number, budget: { left: number }): Tlv {
  if (depth > MAX_DEPTH || (budget.left -= 1) < 0 || offset + 2 > limit) throw new NotCms('too deep, too many elements or truncated');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new NotCms('high tag numbers do not occur in CMS');
  const constructed = (tag & 0x20) !== 0;
  const first = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (first === 0x80) {
    // Indefinite length (BER): children up to an end-of-contents 00 00.
    if (!constructed) throw new NotCms('indefinite length on a primitive element');
    let at = contentStart;
    while (!(bytes[at] === 0 && bytes[at + 1] === 0)) {
      if (at + 2 > limit) throw new NotCms('no end of contents');
      at = readTlv(bytes, at, limit, depth + 1, budget).next;
    }
    return { tag, constructed, start: offset, contentStart, contentEnd: at, next: at + 2 };
  }
  let length = first;
  if (first > 0x80) {
    const octets = first & 0x7f;
    if (octets > 4 || contentStart + octets > limit) throw new NotCms('length too long');
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + bytes[contentStart + i]!;
    contentStart += octets;
  }
  const contentEnd = contentStart + length;
  if (contentEnd > limit) throw new NotCms('element longer than its container');
  return { tag, constructed, start: offset, contentStart, contentEnd, next: contentEnd };
}

function childrenOf(bytes: Buffer, parent: Tlv, depth: number, budget: { left: number }): Tlv[] {
  const children: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.contentEnd; ) {
    const child = readTlv(bytes, at, parent.contentEnd, depth + 1, budget);
    children.push(child);
    at = child.next;
  }
  return children;
}

const SIGNED_DATA = Buffer.from('2a864886f70d010702', 'hex'); // 1.2.840.113549.1.7.2
const SUBJECT_KEY_IDENTIFIER = Buffer.from('551d0e', 'hex'); // 2.5.29.14
const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;

const contentOf = (bytes: Buffer, tlv: Tlv): Buffer => bytes.subarray(tlv.contentStart, tlv.contentEnd);
const whole = (bytes: Buffer, tlv: Tlv): Buffer => bytes.subarray(tlv.start, tlv.next);
/** An INTEGER's value without the sign octet DER adds before a high bit. */
const unsigned = (value: Buffer): Buffer => (value.length > 1 && value[0] === 0 ? value.subarray(1) : value);

interface EmbeddedCertificate {
  der: Buffer;
  issuer: Buffer;
  serial: Buffer;
  subjectKeyId?: Buffer;
}

/** The parts of a certificate a SignerInfo names it by: issuer and serial number, or its subject key identifier. */
function embeddedCertificate(bytes: Buffer, certificate: Tlv, depth: number, budget: { left: number }): EmbeddedCertificate | undefined {
  if (certificate.tag !== SEQUENCE) return undefined; // other certificate formats ([0]–[3]) are not X.509
  const tbs = childrenOf(bytes, certificate, depth, budget)[0];
  if (tbs?.tag !== SEQUENCE) return undefined;
  const fields = childrenOf(bytes, tbs, depth + 1, budget);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  if (serial?.tag !== INTEGER || issuer?.tag !== SEQUENCE) return undefined;
  const extensions = fields.find((field) => field.tag === 0xa3);
  let subjectKeyId: Buffer | undefined;
  const list = extensions === undefined ? undefined : childrenOf(bytes, extensions, depth + 1, budget)[0];
  for (const extension of list === undefined ? [] : childrenOf(bytes, list, depth + 2, budget)) {
    const parts = childrenOf(bytes, extension, depth + 3, budget);
    if (parts[0]?.tag !== OID || !contentOf(bytes, parts[0]).equals(SUBJECT_KEY_IDENTIFIER)) continue;
    const value = parts.at(-1);
    if (value?.tag !== OCTET_STRING) continue;
    const inner = readTlv(bytes, value.contentStart, value.contentEnd, depth + 4, budget);
    if (inner.tag === OCTET_STRING) subjectKeyId = contentOf(bytes, inner);
  }
  return {
    der: whole(bytes, certificate),
    issuer: whole(bytes, issuer),
    serial: unsigned(contentOf(bytes, serial)),
    ...definedMembers({ subjectKeyId }),
  };
}

/** Which certificate a SignerInfo's sid names (IssuerAndSerialNumber, or [0] SubjectKeyIdentifier). */
function signerOf(bytes: Buffer, signerInfo: Tlv, certificates: EmbeddedCertificate[], depth: number, budget: { left: number }): EmbeddedCertificate | undefined {
  const sid = childrenOf(bytes, signerInfo, depth, budget)[1];
  if (sid === undefined) return undefined;
  if (sid.tag === SEQUENCE) {
    const [issuer, serial] = childrenOf(bytes, sid, depth + 1, budget);
    if (issuer === undefined || serial?.tag !== INTEGER) return undefined;
    const issuerBytes = whole(bytes, issuer);
    const serialBytes = unsigned(contentOf(bytes, serial));
    return certificates.find((candidate) => candidate.issuer.equals(issuerBytes) && candidate.serial.equals(serialBytes));
  }
  if (sid.tag === 0x80) {
    const keyId = contentOf(bytes, sid);
    return certificates.find((candidate) => candidate.subjectKeyId?.equals(keyId) === true);
  }
  return undefined;
}

/** "C=KZ\nCN=…" (Node's form) as one line: "C=KZ, CN=…". */
const oneLine = (name: string): string => name.split('\n').join(', ');

function certificateOf(der: Buffer): SignerCertificate | undefined {
  try {
    const certificate = new X509Certificate(der);
    return {
      subject: oneLine(certificate.subject),
      issuer: oneLine(certificate.issuer),
      serialNumber: certificate.serialNumber,
      validFrom: new Date(certificate.validFrom).toISOString(),
      validTo: new Date(certificate.validTo).toISOString(),
      fingerprint256: certificate.fingerprint256,
    };
  } catch {
    return undefined;
  }
}

/**
 * The certificates of a CMS SignedData's signers, in the order of its SignerInfos; a SignerInfo
 * whose certificate the document does not carry is left out (a single carried certificate stands
 * for it). Undefined when the bytes are not a SignedData this reader can walk.
 */
export function cmsSigners(bytes: Buffer): SignerCertificate[] | undefined {
  try {
    const budget = { left: MAX_ELEMENTS };
    const contentInfo = readTlv(bytes, 0, bytes.length, 0, budget);
    if (contentInfo.tag !== SEQUENCE) return undefined;
    const [type, explicit] = childrenOf(bytes, contentInfo, 0, budget);
    if (type?.tag !== OID || !contentOf(bytes, type).equals(SIGNED_DATA) || explicit?.tag !== 0xa0) return undefined;
    const signedData = childrenOf(bytes, explicit, 1, budget)[0];
    if (signedData?.tag !== SEQUENCE) return undefined;
    const fields = childrenOf(bytes, signedData, 2, budget);
    const certificateSet = fields.find((field) => field.tag === 0xa0);
    const signerInfos = fields.at(-1);
    if (signerInfos?.tag !== SET) return undefined;
    const certificates = (certificateSet === undefined ? [] : childrenOf(bytes, certificateSet, 3, budget))
      .map((certificate) => embeddedCertificate(bytes, certificate, 4, budget))
      .filter((certificate): certificate is EmbeddedCertificate => certificate !== undefined);
    const signers: SignerCertificate[] = [];
    for (const signerInfo of childrenOf(bytes, signerInfos, 3, budget)) {
      const named = signerOf(bytes, signerInfo, certificates, 4, budget) ?? (certificates.length === 1 ? certificates[0] : undefined);
      const described = named === undefined ? undefined : certificateOf(named.der);
      if (described !== undefined) signers.push(described);
    }
    return signers;
  } catch (error) {
    if (error instanceof NotCms) return undefined;
    throw error;
  }
}
