import { z } from 'zod';

/**
 * The credential types, each one zod schema: the identity subgraph validates stored fields with it,
 * the studio draws its form from the JSON schema served as `credentialTypes`, and nodes apply the
 * fields at run time. Fields whose metadata says `secret: true` are sealed at rest, never returned,
 * and masked in run data; an update may omit them to keep the stored value.
 */
const secret = (schema: z.ZodString, description: string) => schema.meta({ secret: true, widget: 'password', description });
const testUrl = z
  .url({ protocol: /^https?$/ })
  .optional()
  .meta({ description: 'A URL testCredential calls (GET) with this credential; any status below 400 passes' });

export const credentialTypeSchemas = {
  HTTP_HEADER: z.object({
    header: z.string().regex(/^[!#$%&'*+.^`|~\w-]+$/, 'a header name').meta({ description: 'Header name, e.g. X-API-Key' }),
    value: secret(z.string().min(1), 'Header value'),
    testUrl,
  }),
  BEARER: z.object({ token: secret(z.string().min(1), 'Sent as Authorization: Bearer <token>'), testUrl }),
  BASIC: z.object({
    username: z.string().min(1).meta({ description: 'User name' }),
    password: secret(z.string(), 'Password'),
    testUrl,
  }),
  QUERY_API_KEY: z.object({
    parameter: z.string().min(1).meta({ description: 'Query parameter name, e.g. api_key' }),
    value: secret(z.string().min(1), 'Parameter value'),
    testUrl,
  }),
  OAUTH2_CLIENT_CREDENTIALS: z.object({
    tokenUrl: z.url({ protocol: /^https?$/ }).meta({ description: 'Token endpoint (client_credentials grant)' }),
    clientId: z.string().min(1).meta({ description: 'Client id' }),
    clientSecret: secret(z.string().min(1), 'Client secret'),
    scope: z.string().optional().meta({ description: 'Space-separated scopes' }),
    audience: z.string().optional().meta({ description: 'Audience, for providers that need one' }),
    testUrl,
  }),
  POSTGRES: z
    .object({
      url: secret(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'), 'Connection URL (instead of the fields below)').optional(),
      host: z.string().min(1).optional().meta({ description: 'Host name or address' }),
      port: z.coerce.number().int().min(1).max(65_535).default(5432).meta({ description: 'Port' }),
      database: z.string().min(1).optional().meta({ description: 'Database name' }),
      user: z.string().min(1).optional().meta({ description: 'User' }),
      password: secret(z.string(), 'Password').optional(),
      ssl: z.enum(['disable', 'require', 'verify-full']).default('disable').meta({ description: 'TLS: off, encrypted, or encrypted with the certificate verified' }),
      caCertificate: z.string().optional().meta({ description: 'PEM of the CA that signed the server certificate (verify-full)', widget: 'textarea' }),
    })
    .refine((fields) => (fields.url === undefined) !== (fields.host === undefined), {
      message: 'give either url or host (not both)',
      path: ['host'],
    }),
  AI_PROVIDER_KEY: z.object({ apiKey: secret(z.string().min(1), 'API key of the AI provider') }),
  /** The secret a webhook sender signs its requests with (trigger.webhook `signature`). */
  WEBHOOK_SECRET: z.object({ secret: secret(z.string().min(1), 'Shared signing secret, as the sender shows it (e.g. GitHub webhook secret, Stripe whsec_...)') }),
} as const;

export type CredentialType = keyof typeof credentialTypeSchemas;
export const CREDENTIAL_TYPES = Object.keys(credentialTypeSchemas) as CredentialType[];
export type CredentialFields<T extends CredentialType = CredentialType> = z.infer<(typeof credentialTypeSchemas)[T]>;

/** The types an HTTP request can authenticate with. */
export const HTTP_CREDENTIAL_TYPES = ['HTTP_HEADER', 'BEARER', 'BASIC', 'QUERY_API_KEY', 'OAUTH2_CLIENT_CREDENTIALS'] as const satisfies readonly CredentialType[];

/** A credential as nodes get it at run time: decrypted fields, its id (caches key on it), its type. */
export interface ResolvedCredential {
  readonly id: string;
  readonly name: string;
  readonly type: CredentialType;
  readonly fields: Record<string, unknown>;
  /** Changes whenever the fields do, so caches keyed on it never serve a rotated secret. */
  readonly version: string;
}

export const isCredentialType = (value: unknown): value is CredentialType =>
  typeof value === 'string' && Object.hasOwn(credentialTypeSchemas, value);

/** The names of a type's secret fields (sealed at rest, never returned). */
export function secretFieldsOf(type: CredentialType): string[] {
  const shape = credentialTypeSchemas[type].shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .filter(([, field]) => isSecret(field))
    .map(([name]) => name);
}

function isSecret(field: z.ZodType): boolean {
  if (field.meta()?.secret === true) return true;
  const inner = (field as { unwrap?: () => z.ZodType }).unwrap?.();
  return inner !== undefined && isSecret(inner);
}

export interface CredentialTypeDescription {
  type: CredentialType;
  /** JSON Schema of the fields (input side); secret fields carry `secret: true` and `widget: "password"`. */
  fieldsSchema: Record<string, unknown>;
  secretFields: string[];
}

let described: CredentialTypeDescription[] | undefined;

/** What `credentialTypes` serves: the studio draws each form from it. */
export function listCredentialTypes(): CredentialTypeDescription[] {
  described ??= CREDENTIAL_TYPES.map((type) => ({
    type,
    fieldsSchema: z.toJSONSchema(credentialTypeSchemas[type], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    secretFields: secretFieldsOf(type),
  }));
  return described;
}
