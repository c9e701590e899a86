// HTTPS for the emulator: Okta's SDKs (@okta/jwt-verifier, @okta/oidc-middleware) refuse an http issuer, so
// `--https` serves TLS with a certificate for 127.0.0.1 and localhost, signed by a local CA. The CA is made
// once and kept (ca.pem, and ca-key.pem 0600 in a 0700 directory, holding the key and its certificate) so that NODE_EXTRA_CA_CERTS=<ca.pem>, set
// once in a shell or CI job, keeps working across restarts; the server certificate is new on every start
// and never written. The CA may only vouch for localhost and 127.0.0.1 (a critical name constraint), so
// trusting it cannot make any other site trusted. @peculiar/x509 (WebCrypto, no native code) is loaded
// only here, only when HTTPS is asked for.
import { randomBytes, webcrypto } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface LocalTls {
  /** PEM of the server's private key and certificate (the chain's leaf), for https.createServer. */
  key: string;
  cert: string;
  /** The CA certificate users trust: NODE_EXTRA_CA_CERTS=<caFile>. */
  caFile: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;
const CA_FILE = 'ca.pem';
const CA_KEY_FILE = 'ca-key.pem';

/** Where the CA lives unless told: the user's cache directory, shared by every emulator of this user. */
export function defaultCaDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'playwright-okta', 'emulator-ca');
}

export async function localTls(caDir: string = defaultCaDir()): Promise<LocalTls> {
  // @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const subtle = webcrypto.subtle;
  const dir = path.resolve(caDir);
  const caFile = path.join(dir, CA_FILE);
  const keyFile = path.join(dir, CA_KEY_FILE);

  const kept = readCa(x509, keyFile);
  let ca = kept === 'expired' ? undefined : kept;
  if (!ca) {
    // Emulators starting at once must end up with one CA: the key file (key and certificate together) is
    // published with link(), which fails if another one published first; then all read it back.
    const fresh = await createCa(x509);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    if (kept === 'expired') rmSync(keyFile, { force: true });
    const temporary = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, `${fresh.keyPem}${fresh.cert.toString('pem')}\n`, { mode: 0o600 });
    try {
      linkSync(temporary, keyFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
    const published = readCa(x509, keyFile);
    if (!published || published === 'expired') throw new Error(`The emulator's CA key ${keyFile} could not be written.`);
    ca = published;
  }
  // Derived from the key file, so every writer writes the same content.
  if (readText(caFile) !== ca.cert.toString('pem')) writeAtomic(caFile, ca.cert.toString('pem'), 0o644);
  const caKey = await subtle.importKey('pkcs8', pemBody(ca.keyPem), ALGORITHM, false, ['sign']);

  const leafKeys = (await subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=localhost',
    issuer: ca.cert.subject,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 90 * DAY_MS),
    publicKey: leafKeys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
    ],
  });
  const leafKey = toPem('PRIVATE KEY', await subtle.exportKey('pkcs8', leafKeys.privateKey));
  // The chain: leaf then CA, so clients that were given only the CA still build it.
  return { key: leafKey, cert: `${leaf.toString('pem')}\n${ca.cert.toString('pem')}\n`, caFile };
}

type X509 = typeof import('@peculiar/x509');
interface Ca {
  cert: InstanceType<X509['X509Certificate']>;
  keyPem: string;
}

// The kept CA, undefined when there is none yet, 'expired' when it is (nearly) out of date. A key file
// that another user owns or could read is refused, not silently replaced: someone may hold a copy of it.
function readCa(x509: X509, keyFile: string): Ca | 'expired' | undefined {
  let stats;
  try {
    stats = lstatSync(keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stats.isFile()) throw new Error(`The emulator's CA key ${keyFile} is not a regular file; remove it to make a new CA.`);
  if (process.platform !== 'win32') {
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) throw new Error(`The emulator's CA key ${keyFile} belongs to another user; use your own --ca-dir.`);
    if (stats.mode & 0o077) throw new Error(`The emulator's CA key ${keyFile} is readable by other users (${(stats.mode & 0o777).toString(8)}); remove the directory to make a new CA, and stop trusting the old one.`);
  }
  const text = readFileSync(keyFile, 'utf8');
  const keyPem = /-----BEGIN PRIVATE KEY-----[^-]+-----END PRIVATE KEY-----\n/.exec(text)?.[0];
  const certPem = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/.exec(text)?.[0];
  if (!keyPem || !certPem) throw new Error(`The emulator's CA key ${keyFile} is damaged; remove it to make a new CA.`);
  const cert = new x509.X509Certificate(certPem);
  // Renew a little before the end, so a server certificate never outlives its CA.
  if (cert.notAfter.getTime() - Date.now() < 100 * DAY_MS) return 'expired';
  return { cert, keyPem };
}

async function createCa(x509: X509): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=playwright-okta emulator local CA (${randomBytes(4).toString('hex')})`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 5 * 365 * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension('2.5.29.30', true, LOCALHOST_ONLY),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keyPem: toPem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)) };
}

// DER of NameConstraints { permittedSubtrees [0] { dNSName "localhost", iPAddress 127.0.0.1/32 } } (RFC 5280
// 4.2.1.10). Hand-encoded: 29 fixed bytes, and @peculiar/x509 has no class for this extension.
const LOCALHOST_ONLY = new Uint8Array([
  0x30, 0x1b, 0xa0, 0x19,
  0x30, 0x0b, 0x82, 0x09, ...Buffer.from('localhost', 'ascii'),
  0x30, 0x0a, 0x87, 0x08, 127, 0, 0, 1, 255, 255, 255, 255,
]);

function serial(): string {
  // Positive and 16 bytes, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function toPem(label: string, der: ArrayBuffer): string {
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').trimEnd();
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeAtomic(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, file);
}
