import { useQuery } from 'urql';
import { SchedulePreviewQuery } from '../documents/triggers';
import { errorMessage } from '../graphql/errors';
import { useEditorContext } from './editor-context';

/** Common patterns, so a schedule needs no cron syntax to start with. */
const PRESETS: ReadonlyArray<readonly [label: string, cron: string]> = [
  ['Every minute', '* * * * *'],
  ['Every 15 minutes', '*/15 * * * *'],
  ['Every hour', '0 * * * *'],
  ['Every day at 09:00', '0 9 * * *'],
  ['Weekdays at 09:00', '0 9 * * 1-5'],
  ['Mondays at 09:00', '0 9 * * 1'],
  ['First of the month at 00:00', '0 0 1 * *'],
];

/** A preset picker for the cron pattern and the next five fire times the server computes for it. */
export function SchedulePreview({ nodeId, data }: { nodeId: string; data: Record<string, unknown> }) {
  const { commands, readOnly } = useEditorContext();
  const cron = typeof data.cron === 'string' ? data.cron : '';
  const timezone = typeof data.timezone === 'string' && data.timezone ? data.timezone : 'UTC';
  const [{ data: preview, error, fetching }] = useQuery({ query: SchedulePreviewQuery, variables: { cron, timezone, count: 5 }, pause: cron.trim() === '' });
  const preset = PRESETS.find(([, pattern]) => pattern === cron)?.[1] ?? '';
  return (
    <div className="schedule-preview">
      <label>
        Pattern{' '}
        <select value={preset} disabled={readOnly} onChange={(e) => e.target.value && commands.updateNodeData(nodeId, { ...data, cron: e.target.value }, 'cron')} data-testid="cron-preset">
          <option value="">Custom</option>
          {PRESETS.map(([label, pattern]) => <option key={pattern} value={pattern}>{label}</option>)}
        </select>
      </label>
      {error && <p role="alert" className="error" data-testid="schedule-preview-error">{errorMessage(error)}</p>}
      {!error && preview && (
        <ol className="muted" aria-busy={fetching} data-testid="schedule-preview">
          {preview.schedulePreview.map((at) => <li key={String(at)}>{new Date(at as string).toLocaleString(undefined, { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' })} ({timezone})</li>)}
        </ol>
      )}
    </div>
  );
}
