import { verifyWebhookSignature, type WebhookSignature } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { CredentialStoreError, type CredentialStoreClient } from '@omnitron/server-kit';
import type { TriggerRegistration } from '../entities/trigger-registration.entity';

/**
 * Checks a webhook's signature over the body's bytes as received, before any run starts. The
 * secret comes from the workspace's WEBHOOK_SECRET credential named in the trigger, read (signed,
 * as the user who registered the trigger) from identity for this request only. A missing or wrong
 * signature is 401; a secret that cannot be read is refused too (never accepted unchecked).
 */
export async function checkWebhookSignature(
  store: CredentialStoreClient,
  registration: Pick<TriggerRegistration, 'workspaceId' | 'registeredBy'>,
  config: WebhookSignature,
  raw: Buffer,
  headers: Readonly<Record<string, string>>,
): Promise<void> {
  let secret: unknown;
  try {
    const credential = await store.resolve({ userId: registration.registeredBy, workspaceId: registration.workspaceId, role: 'editor', scopes: null }, config.credential);
    if (credential.type !== 'WEBHOOK_SECRET') throw new OmnitronError(ErrorCode.INTERNAL, `The webhook's signature credential "${config.credential}" is not a WEBHOOK_SECRET`);
    secret = credential.fields.secret;
  } catch (error) {
    if (error instanceof OmnitronError) throw error;
    const missing = error instanceof CredentialStoreError && error.reason === 'NOT_FOUND';
    throw new OmnitronError(ErrorCode.INTERNAL, missing ? `The webhook's signature credential "${config.credential}" does not exist` : 'The webhook’s signing secret could not be read');
  }
  if (typeof secret !== 'string' || !verifyWebhookSignature(config, secret, raw, headers)) {
    throw new OmnitronError(ErrorCode.UNAUTHENTICATED, 'The webhook signature is missing or does not match');
  }
}
