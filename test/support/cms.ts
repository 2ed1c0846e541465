import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A CMS SignedData (`openssl cms -sign`, DER, content attached) of `content`, signed with a fresh
 * self-signed certificate for `subject` (an openssl -subj, UTF-8), as a citizen's EDS-signed
 * complaint arrives from the portal.
 */
export function signedDocument(content: string, subject: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'signed-'));
  try {
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(join(dir, 'content.txt'), content);
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '3650', '-utf8', '-subj', subject);
    openssl('cms', '-sign', '-in', 'content.txt', '-signer', 'cert.pem', '-inkey', 'key.pem', '-nodetach', '-outform', 'DER', '-out', 'signed.cms');
    return readFileSync(join(dir, 'signed.cms'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
