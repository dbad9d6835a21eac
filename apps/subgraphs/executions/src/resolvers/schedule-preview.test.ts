import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorOf } from '../test-support/flow-fixtures';
import { ExecutionsHarness } from '../test-support/harness';

describe('schedulePreview', () => {
  let h: ExecutionsHarness;
  const viewer = { ...editorOf(), role: 'viewer' as const };

  beforeAll(async () => {
    h = await ExecutionsHarness.start();
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const preview = (variables: Record<string, unknown>, caller: typeof viewer | null = viewer) =>
    h.request<{ schedulePreview: string[] }>(
      `query ($cron: String!, $timezone: String!, $count: Int, $after: DateTime) { schedulePreview(cron: $cron, timezone: $timezone, count: $count, after: $after) }`,
      variables,
      caller,
    );

  it('returns the next fire times across the spring daylight-saving change in Europe/Berlin', async () => {
    const result = await preview({ cron: '30 8 * * *', timezone: 'Europe/Berlin', after: '2027-03-26T12:00:00Z' });
    // 08:30 CET is 07:30 UTC; from Sunday 28 March 2027 08:30 CEST is 06:30 UTC.
    expect(result.data?.schedulePreview).toEqual([
      '2027-03-27T07:30:00.000Z',
      '2027-03-28T06:30:00.000Z',
      '2027-03-29T06:30:00.000Z',
      '2027-03-30T06:30:00.000Z',
      '2027-03-31T06:30:00.000Z',
    ]);
  });

  it('gives count times, every 15 seconds with a seconds field, from now by default', async () => {
    const result = await preview({ cron: '*/15 * * * * *', timezone: 'UTC', count: 3 });
    const times = result.data!.schedulePreview.map((t) => Date.parse(t));
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBe(15_000);
    expect(times[2]! - times[1]!).toBe(15_000);
  });

  it('refuses an invalid pattern, zone or count with VALIDATION_FAILED naming the field, and an anonymous caller', async () => {
    const fieldOf = async (variables: Record<string, unknown>) => (await preview(variables)).errors?.[0]?.extensions;
    expect(await fieldOf({ cron: '61 * * * *', timezone: 'UTC' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cron' });
    expect(await fieldOf({ cron: '* * *', timezone: 'UTC' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cron' });
    expect(await fieldOf({ cron: '0 9 * * *', timezone: 'Europe/Atlantis' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'timezone' });
    expect(await fieldOf({ cron: '0 9 * * *', timezone: 'UTC', count: 0 })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'count' });
    expect(await fieldOf({ cron: '0 9 * * *', timezone: 'UTC', count: 51 })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'count' });
    expect((await preview({ cron: '0 9 * * *', timezone: 'UTC' }, null)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
