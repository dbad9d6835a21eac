import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { ROLES, SCOPES } from '@omnitron/server-kit';
import { z } from 'zod';

/** Limits checked before any hashing, so oversized input costs nothing. */
export const LIMITS = { email: 320, name: 200, password: 1024, passwordMin: 10, workspaceName: 200, apiKeyName: 100 } as const;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const email = z
  .string()
  .max(LIMITS.email, `Email must be at most ${LIMITS.email} characters`)
  .transform(normaliseEmail)
  .pipe(z.email('Email is not a valid address'));
const name = z.string().trim().min(1, 'Name is required').max(LIMITS.name, `Name must be at most ${LIMITS.name} characters`);
const password = z.string().max(LIMITS.password, `Password must be at most ${LIMITS.password} characters`);

export const registerRules = z
  .object({ email, name, password: password.min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`) })
  .superRefine((input, ctx) => {
    const lowered = input.password.toLowerCase();
    const local = input.email.split('@')[0] ?? '';
    if (lowered.includes(input.email) || (local.length >= 4 && lowered.includes(local))) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'Password must not contain your email address' });
    }
  });

export const loginRules = z.object({ email, password: password.min(1, 'Password is required') });

export const workspaceNameRules = z
  .string()
  .trim()
  .min(1, 'Workspace name is required')
  .max(LIMITS.workspaceName, `Workspace name must be at most ${LIMITS.workspaceName} characters`);

export const createApiKeyRules = z.object({
  name: z.string().trim().min(1, 'Key name is required').max(LIMITS.apiKeyName, `Key name must be at most ${LIMITS.apiKeyName} characters`),
  scopes: z
    .array(z.enum(SCOPES))
    .min(1, 'Choose at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
});

export const roleRules = z.enum(ROLES);
export const emailRules = email;

/** Parses `input` or throws VALIDATION_FAILED naming each bad field. */
export function validate<S extends z.ZodType>(rules: S, input: unknown): z.infer<S> {
  const result = rules.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new OmnitronError(ErrorCode.VALIDATION_FAILED, problems.map((p) => p.message).join('; '), { problems });
}
