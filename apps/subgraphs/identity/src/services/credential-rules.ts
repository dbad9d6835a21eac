import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { credentialTypeSchemas, isCredentialType, secretFieldsOf, type CredentialType } from '@omnitron/nodes';
import { z } from 'zod';

export const CREDENTIAL_NAME_MAX = 100;

const nameRules = z
  .string()
  .trim()
  .min(1, 'Credential name is required')
  .max(CREDENTIAL_NAME_MAX, `Credential name must be at most ${CREDENTIAL_NAME_MAX} characters`)
  .regex(/^[\w][\w .:@/-]*$/, 'Credential name may use letters, digits, spaces and _ . : @ / -');

interface FieldProblem {
  field: string;
  message: string;
}

/** The fields of a credential split into those sealed at rest and those kept readable. */
export interface SplitFields {
  readonly publicFields: Record<string, unknown>;
  readonly secretFields: Record<string, unknown>;
}

/**
 * A credential's name, type and fields checked against the type's schema, or VALIDATION_FAILED
 * naming each bad field (`fields.token`). Messages come from the schemas and never repeat a value.
 */
export function validateCredential(input: { name: string; type: string; fields: unknown }): { name: string; type: CredentialType } & SplitFields {
  const problems: FieldProblem[] = [];
  const name = nameRules.safeParse(input.name);
  if (!name.success) problems.push(...name.error.issues.map((issue) => ({ field: 'name', message: issue.message })));
  if (!isCredentialType(input.type)) {
    problems.push({ field: 'type', message: `Credential type must be one of ${Object.keys(credentialTypeSchemas).join(', ')}` });
    throw failed(problems);
  }
  const fields = credentialTypeSchemas[input.type].safeParse(input.fields ?? {});
  if (!fields.success) {
    problems.push(...fields.error.issues.map((issue) => ({ field: ['fields', ...issue.path].join('.'), message: issue.message })));
  }
  if (problems.length > 0 || !name.success || !fields.success) throw failed(problems);
  return { name: name.data, type: input.type, ...split(input.type, fields.data as Record<string, unknown>) };
}

export function split(type: CredentialType, fields: Record<string, unknown>): SplitFields {
  const secret = new Set(secretFieldsOf(type));
  const publicFields: Record<string, unknown> = {};
  const secretFields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    (secret.has(key) ? secretFields : publicFields)[key] = value;
  }
  return { publicFields, secretFields };
}

function failed(problems: FieldProblem[]): OmnitronError {
  const fields = problems.map((problem) => problem.field);
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems, fields });
}
