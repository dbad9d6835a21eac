import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { FlowSettingsQuery, UpdateFlowSettingsMutation } from '../documents/flow-settings';
import { errorMessage } from '../graphql/errors';
import { Dialog } from '../ui/dialog';

interface FlowSettingsDialogProps {
  readonly flowId: string;
  readonly onClose: () => void;
}

/** The form's text fields; empty means "not set" (the server's defaults). */
interface SettingsDraft {
  concurrencyLimit: string;
  concurrencyKey: string;
  concurrencyKeyLimit: string;
  priority: string;
  errorFlowId: string;
}

/** The form's switches. */
interface SettingsSwitches {
  ephemeral: boolean;
  ephemeralAllowEffects: boolean;
}

const toNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/**
 * Flow control and the error flow (`updateFlowSettings`): how many runs of the flow run at once,
 * per key, their priority, the flow started when a run fails, and whether webhook calls run
 * ephemeral. Saved on their own, apart from the flow's content: they make no version.
 */
export function FlowSettingsDialog({ flowId, onClose }: FlowSettingsDialogProps) {
  const [{ data, error, fetching }] = useQuery({ query: FlowSettingsQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  const settings = data?.flow?.settings;
  if (fetching || !settings) {
    return (
      <Dialog title="Flow settings" onClose={onClose} testId="flow-settings-dialog">
        {error ? <p role="alert" className="error">{errorMessage(error)}</p> : <p>Loading…</p>}
      </Dialog>
    );
  }
  const others = (data.flows.edges ?? []).map((edge) => edge.node).filter((flow) => flow.id !== flowId);
  const initial: SettingsDraft = {
    concurrencyLimit: settings.concurrencyLimit?.toString() ?? '',
    concurrencyKey: settings.concurrencyKey ?? '',
    concurrencyKeyLimit: String(settings.concurrencyKeyLimit),
    priority: String(settings.priority),
    errorFlowId: settings.errorFlowId ?? '',
  };
  const switches: SettingsSwitches = { ephemeral: settings.ephemeral, ephemeralAllowEffects: settings.ephemeralAllowEffects };
  return <SettingsForm flowId={flowId} initial={initial} initialSwitches={switches} errorFlows={others} onClose={onClose} />;
}

interface SettingsFormProps {
  readonly flowId: string;
  readonly initial: SettingsDraft;
  readonly initialSwitches: SettingsSwitches;
  readonly errorFlows: ReadonlyArray<{ id: string; name: string }>;
  readonly onClose: () => void;
}

function SettingsForm({ flowId, initial, initialSwitches, errorFlows, onClose }: SettingsFormProps) {
  const [draft, setDraft] = useState(initial);
  const [switches, setSwitches] = useState(initialSwitches);
  const toggle = (name: keyof SettingsSwitches) => ({
    checked: switches[name],
    onChange: (event: { target: { checked: boolean } }) => setSwitches((current) => ({ ...current, [name]: event.target.checked })),
  });
  const [saving, save] = useMutation(UpdateFlowSettingsMutation);
  const field = (name: keyof SettingsDraft) => ({
    value: draft[name],
    onChange: (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [name]: event.target.value })),
  });
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await save({
      id: flowId,
      input: {
        concurrencyLimit: toNumber(draft.concurrencyLimit),
        concurrencyKey: draft.concurrencyKey.trim() || null,
        concurrencyKeyLimit: toNumber(draft.concurrencyKeyLimit),
        priority: toNumber(draft.priority),
        errorFlowId: draft.errorFlowId || null,
        ephemeral: switches.ephemeral,
        ephemeralAllowEffects: switches.ephemeral && switches.ephemeralAllowEffects,
      },
    });
    if (result.data) onClose();
  };
  return (
    <Dialog title="Flow settings" onClose={onClose} testId="flow-settings-dialog">
      <form onSubmit={(event) => void onSubmit(event)} className="flow-settings">
        <fieldset>
          <legend>Concurrency</legend>
          <label>
            Runs at once
            <input type="number" min={1} max={1000} placeholder="no limit" {...field('concurrencyLimit')} data-testid="settings-concurrency-limit" />
          </label>
          <label>
            Concurrency key
            <input placeholder="{{ $input.customerId }}" {...field('concurrencyKey')} data-testid="settings-concurrency-key" />
          </label>
          <label>
            Runs at once per key
            <input type="number" min={1} max={1000} {...field('concurrencyKeyLimit')} disabled={draft.concurrencyKey.trim() === ''} data-testid="settings-concurrency-key-limit" />
          </label>
          <p className="muted">More runs wait in the queue, showing which slot they wait for.</p>
        </fieldset>
        <label>
          Priority (-100 to 100, higher starts first)
          <input type="number" min={-100} max={100} {...field('priority')} data-testid="settings-priority" />
        </label>
        <label>
          Error flow (runs when a run of this flow fails)
          <select {...field('errorFlowId')} data-testid="settings-error-flow">
            <option value="">None</option>
            {errorFlows.map((flow) => (
              <option key={flow.id} value={flow.id}>{flow.name}</option>
            ))}
            {initial.errorFlowId && !errorFlows.some((flow) => flow.id === initial.errorFlowId) && <option value={initial.errorFlowId}>{initial.errorFlowId}</option>}
          </select>
        </label>
        <fieldset>
          <legend>Webhook fast path</legend>
          <label>
            <input type="checkbox" {...toggle('ephemeral')} data-testid="settings-ephemeral" /> Run webhook calls ephemeral
          </label>
          <label>
            <input type="checkbox" {...toggle('ephemeralAllowEffects')} disabled={!switches.ephemeral} data-testid="settings-ephemeral-effects" /> Allow HTTP and AI nodes
          </label>
          <p className="muted">
            Calls that wait for the answer run right in the server that received them, with no queue: much faster, and recorded once they end.
            A crash loses the record of calls in flight (their callers saw them fail), and such runs show no live progress. Only for webhook
            flows without code, subflow, map, delay, wait or database nodes; HTTP and AI calls are not retried after a crash.
          </p>
        </fieldset>
        {saving.error && <p role="alert" className="error" data-testid="settings-error">{errorMessage(saving.error)}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={saving.fetching} className="primary" data-testid="settings-save">Save settings</button>
        </div>
      </form>
    </Dialog>
  );
}
