import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@omnitron/server-kit';

/** 32 random bytes, base64url: 256 bits of entropy. */
export const randomToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Refresh tokens, API key secrets and invitation tokens are high-entropy, so a fast sha256 is enough to store them safely. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const REFRESH_TOKEN_PREFIX = 'omr_';
export const INVITATION_TOKEN_PREFIX = 'omi_';
export const newApiKeySecret = (): string => randomToken(API_KEY_PREFIX);
export const newRefreshToken = (): string => randomToken(REFRESH_TOKEN_PREFIX);
export const newInvitationToken = (): string => randomToken(INVITATION_TOKEN_PREFIX);
