import { AllowList } from '../http/address-policy';
import { vetHost } from '../http/vet-target';
import type { HttpPolicy } from '../types';
import type { CredentialFields, ResolvedCredential } from './credential-types';

/** Connection settings in the shape `pg` takes, for a connection pinned to a vetted address. */
export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly ssl: false | { rejectUnauthorized: boolean; servername?: string; ca?: string };
  /** The password and URL: masked in run data. */
  readonly secrets: string[];
}

/**
 * Where a POSTGRES credential connects, under the outbound address policy (the same one HTTP
 * nodes use): the host is resolved and vetted once and the connection goes to that address, so a
 * credential cannot reach a private database the operator has not allowed. The one code path for
 * database.query at run time and for testCredential.
 */
export async function postgresTargetOf(credential: ResolvedCredential, policy: HttpPolicy): Promise<PostgresTarget> {
  const fields = credential.fields as CredentialFields<'POSTGRES'>;
  const parts = fields.url ? fromUrl(fields.url) : fields;
  const hostname = parts.host ?? 'localhost';
  const vetted = await vetHost(hostname, policy, new AllowList(policy.allowList));
  const ssl = parts.ssl ?? 'disable';
  return {
    host: vetted.address,
    port: Number(parts.port ?? 5432),
    ...(parts.database ? { database: parts.database } : {}),
    ...(parts.user ? { user: parts.user } : {}),
    ...(parts.password ? { password: parts.password } : {}),
    ssl: ssl === 'disable' ? false : { rejectUnauthorized: ssl === 'verify-full', servername: hostname, ...(fields.caCertificate ? { ca: fields.caCertificate } : {}) },
    secrets: [fields.url, parts.password].filter((value): value is string => typeof value === 'string' && value.length > 0),
  };
}

function fromUrl(text: string): { host?: string; port?: number; database?: string; user?: string; password?: string; ssl?: string } {
  const url = new URL(text);
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
    port: url.port ? Number(url.port) : 5432,
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ssl: sslmode === 'verify-full' || sslmode === 'verify-ca' ? 'verify-full' : sslmode === 'require' ? 'require' : 'disable',
  };
}
