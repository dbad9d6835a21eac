import { ErrorCode, OmnitronError } from '@omnitron/schema';

/** The limits an operation can be refused by, as their messages name them. */
const LIMIT_NAMES = {
  MAX_QUERY_TOKENS: 'Tokens',
  MAX_QUERY_FRAGMENTS: 'Fragment definitions and spreads',
  MAX_DOCUMENT_NESTING: 'Bracket nesting',
  MAX_ALIASES: 'Aliases',
  MAX_ROOT_FIELDS: 'Root fields',
  MAX_QUERY_COST: 'Estimated cost',
} as const;
export type OperationLimitName = keyof typeof LIMIT_NAMES;

/**
 * What a refusal carries besides its code: the limit (the setting that raises it; the nesting
 * bound is fixed), its value and what was found.
 */
export type LimitDetails = Readonly<{ limit: OperationLimitName; maximum: number; found: number }>;

/** Counts past this are shown as this (fragments that multiply each other reach any number). */
const SHOWN_AT_MOST = Number.MAX_SAFE_INTEGER;

/** The details and message of an operation over `limit`: "Aliases: 300, over the limit of 30 (MAX_ALIASES)". */
export function limitDetails(limit: OperationLimitName, maximum: number, found: number): { message: string; details: LimitDetails } {
  const shown = found <= SHOWN_AT_MOST ? found : SHOWN_AT_MOST;
  return { message: `${LIMIT_NAMES[limit]}: ${shown}, over the limit of ${maximum} (${limit})`, details: { limit, maximum, found: shown } };
}

/** VALIDATION_FAILED for an operation over `limit`, before anything of it runs. */
export function overLimit(limit: OperationLimitName, maximum: number, found: number): OmnitronError {
  const { message, details } = limitDetails(limit, maximum, found);
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, message, details);
}
