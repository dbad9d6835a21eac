import { useQuery } from 'urql';
import { SchedulePreviewQuery } from '../documents/triggers';
import { errorMessage } from '../graphql/errors';

/** The next five fire times of a cron pattern, computed by the server with the library schedules run on. */
export function SchedulePreview({ cron, timezone }: { cron: string; timezone: string }) {
  const [{ data: preview, error, fetching }] = useQuery({ query: SchedulePreviewQuery, variables: { cron, timezone, count: 5 }, pause: cron.trim() === '' });
  if (cron.trim() === '') return null;
  return (
    <div className="schedule-preview">
      {error && <p role="alert" className="error" data-testid="schedule-preview-error">{errorMessage(error)}</p>}
      {/* Hidden while the times of a new pattern are on their way, so the old ones never pass for them. */}
      {!error && preview && !fetching && (
        <>
          <small className="muted">Next runs</small>
          <ol className="muted" data-testid="schedule-preview">
            {preview.schedulePreview.map((at) => <li key={String(at)}>{new Date(at as string).toLocaleString(undefined, { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' })} ({timezone})</li>)}
          </ol>
        </>
      )}
    </div>
  );
}
