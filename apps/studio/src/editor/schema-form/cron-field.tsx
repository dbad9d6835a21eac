import { SchedulePreview } from '../schedule-preview';
import { CRON_PARTS, CRON_PRESETS, cronParts, SECONDS_PART, withCronPart, withSeconds } from './cron-parts';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

/**
 * A cron pattern built from a preset or one box per part (seconds optional), or typed whole; the
 * next fire times in the node's time zone show under it.
 */
export function CronField(props: FieldProps<string>) {
  const { path, schema, value, onChange, siblings } = props;
  const id = fieldId(path);
  const pattern = value ?? '';
  const parts = cronParts(pattern);
  const seconds = parts.length === 6;
  const labels = seconds ? [SECONDS_PART, ...CRON_PARTS] : CRON_PARTS;
  const preset = CRON_PRESETS.find(([, cron]) => cron === pattern.trim())?.[1] ?? '';
  const timezone = typeof siblings.timezone === 'string' && siblings.timezone ? siblings.timezone : 'UTC';
  return (
    <FieldLabel {...props}>
      <input id={id} className="code" data-testid={id} value={pattern} spellCheck={false} placeholder="0 9 * * 1-5" aria-describedby={schema.description ? `${id}-help` : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      <div className="cron-builder" role="group" aria-label="Schedule builder">
        <label>
          Preset{' '}
          <select value={preset} onChange={(e) => e.target.value && onChange(e.target.value)} data-testid="cron-preset">
            <option value="">Custom</option>
            {CRON_PRESETS.map(([label, cron]) => <option key={cron} value={cron}>{label}</option>)}
          </select>
        </label>
        <div className="cron-parts">
          {labels.map((part, index) => (
            <label key={part.name} className="cron-part">
              <span>{part.label}</span>
              <input className="code" value={parts[index]} title={part.hint} placeholder="*" onChange={(e) => onChange(withCronPart(pattern, index, e.target.value))} data-testid={`cron-part-${part.name}`} />
            </label>
          ))}
        </div>
        <label className="form-field-inline">
          <input type="checkbox" checked={seconds} onChange={(e) => onChange(withSeconds(pattern, e.target.checked))} data-testid="cron-seconds" /> Seconds
        </label>
      </div>
      <SchedulePreview cron={pattern} timezone={timezone} />
    </FieldLabel>
  );
}
