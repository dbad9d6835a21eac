import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SecretBox } from './crypto/secret-box';

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

/**
 * The secrets as settings. Each one set in the environment wins over the generated file; set all
 * four in production (the same values on every machine) and no file is written.
 */
export const secretSettingsSchema = z.object({
  /** HMAC key the gateway signs its calls to subgraphs with; every process must have the same one. @default generated into DATA_DIR/secrets.json */
  INTERNAL_SIGNING_KEY: z.string().optional(),
  /** AES-256-GCM key (base64 of 32 bytes) for secrets stored in the databases, such as AI provider keys. @default generated into DATA_DIR/secrets.json */
  ENCRYPTION_KEY: z.string().optional(),
  /**
   * The encryption key before the last rotation (base64 of 32 bytes): secrets sealed under it are
   * still read, and identity re-seals stored credentials under ENCRYPTION_KEY on start. Unset it
   * once that is done. @default unset (no rotation in progress)
   */
  ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM) identity signs access tokens with. @default generated into DATA_DIR/secrets.json */
  JWT_PRIVATE_KEY: z.string().optional(),
  /** Ed25519 public key (SPKI PEM) the gateway verifies access tokens with. @default generated into DATA_DIR/secrets.json */
  JWT_PUBLIC_KEY: z.string().optional(),
});

/** The box secrets at rest are sealed with: ENCRYPTION_KEY, plus ENCRYPTION_KEY_PREVIOUS for reading during a rotation. */
export function secretBoxOf(secrets: PlatformSecrets, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const previous = secretSettingsSchema.parse(env).ENCRYPTION_KEY_PREVIOUS;
  return new SecretBox(secrets.encryptionKey, previous ? [previous] : []);
}

/** Settings from the environment win over generated ones (production sets them explicitly). */
export function resolveSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): PlatformSecrets {
  const set = secretSettingsSchema.parse(env);
  const needsFile = !(set.INTERNAL_SIGNING_KEY && set.ENCRYPTION_KEY && set.JWT_PRIVATE_KEY && set.JWT_PUBLIC_KEY);
  const generated = needsFile ? ensureSecrets(dataDir) : undefined;
  return {
    internalSigningKey: set.INTERNAL_SIGNING_KEY ?? generated!.internalSigningKey,
    encryptionKey: set.ENCRYPTION_KEY ?? generated!.encryptionKey,
    jwtPrivateKey: set.JWT_PRIVATE_KEY ?? generated!.jwtPrivateKey,
    jwtPublicKey: set.JWT_PUBLIC_KEY ?? generated!.jwtPublicKey,
  };
}
