import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Secrets generated on first start into DATA_DIR/secrets.json (mode 0600, never committed). */
const secretsSchema = z.object({
  /** HMAC key the gateway signs internal calls with. */
  internalSigningKey: z.string().min(32),
  /** AES-256-GCM key for secrets at rest, base64. */
  encryptionKey: z.string().min(32),
  /** Ed25519 key pair for access tokens, PEM. */
  jwtPrivateKey: z.string(),
  jwtPublicKey: z.string(),
});
export type PlatformSecrets = z.infer<typeof secretsSchema>;

function generateSecrets(): PlatformSecrets {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    internalSigningKey: randomBytes(32).toString('hex'),
    encryptionKey: randomBytes(32).toString('base64'),
    jwtPrivateKey: privateKey,
    jwtPublicKey: publicKey,
  };
}

/**
 * Reads DATA_DIR/secrets.json, creating it when absent. Creation uses an exclusive open, so
 * processes starting together agree on one set: the loser of the race reads the winner's file.
 */
export function ensureSecrets(dataDir: string): PlatformSecrets {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, JSON.stringify(generateSecrets(), null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const parsed = secretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is malformed; delete it to generate new secrets`);
  return parsed.data;
}

/** Settings from the environment win over generated ones (production sets them explicitly). */
export function resolveSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): PlatformSecrets {
  const needsFile = !(env.INTERNAL_SIGNING_KEY && env.ENCRYPTION_KEY && env.JWT_PRIVATE_KEY && env.JWT_PUBLIC_KEY);
  const generated = needsFile ? ensureSecrets(dataDir) : undefined;
  return {
    internalSigningKey: env.INTERNAL_SIGNING_KEY ?? generated!.internalSigningKey,
    encryptionKey: env.ENCRYPTION_KEY ?? generated!.encryptionKey,
    jwtPrivateKey: env.JWT_PRIVATE_KEY ?? generated!.jwtPrivateKey,
    jwtPublicKey: env.JWT_PUBLIC_KEY ?? generated!.jwtPublicKey,
  };
}
