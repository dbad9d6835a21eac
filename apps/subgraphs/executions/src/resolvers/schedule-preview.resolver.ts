import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { cronPatternError, isValidTimeZone, nextScheduleRuns } from '@omnitron/nodes';
import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { requireRole } from '@omnitron/server-kit';
import type { ExecutionsContext } from '../context';

const DEFAULT_COUNT = 5;
const MAX_COUNT = 50;

const invalid = (field: string, message: string) => new OmnitronError(ErrorCode.VALIDATION_FAILED, message, { field });

/** What a schedule trigger would do, computed with the cron library the schedules run on. */
@Resolver()
export class SchedulePreviewResolver {
  /**
   * The next `count` (default 5, at most 50) fire times of `cron` (5 fields, or 6 with seconds
   * first) in the IANA `timezone` after `after` (default now), daylight-saving changes included. An
   * invalid pattern, zone or count is VALIDATION_FAILED naming the field. Viewer role: it reads
   * nothing stored.
   */
  @Query(() => [Date])
  schedulePreview(
    @Arg('cron', () => String) cron: string,
    @Arg('timezone', () => String) timezone: string,
    @Ctx() ctx: ExecutionsContext,
    @Arg('count', () => Int, { nullable: true }) count?: number | null,
    @Arg('after', () => Date, { nullable: true }) after?: Date | null,
  ): Date[] {
    requireRole(ctx, 'viewer', 'flows:read');
    const problem = cronPatternError(cron);
    if (problem !== undefined) throw invalid('cron', `Invalid cron pattern: ${problem}`);
    if (!isValidTimeZone(timezone)) throw invalid('timezone', `Unknown IANA time zone "${timezone.slice(0, 100)}"`);
    const wanted = count ?? DEFAULT_COUNT;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_COUNT) throw invalid('count', `count must be between 1 and ${MAX_COUNT}`);
    return nextScheduleRuns(cron, timezone, wanted, after ?? new Date());
  }
}
