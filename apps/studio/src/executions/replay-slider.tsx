import type { ExecutionEvent } from '../run/run-state';

interface ReplaySliderProps {
  readonly events: readonly ExecutionEvent[];
  readonly position: number;
  readonly onChange: (position: number) => void;
}

/** Scrubs through a finished run: the canvas shows the state after the first `position` events. */
export function ReplaySlider({ events, position, onChange }: ReplaySliderProps) {
  const current = events[position - 1];
  return (
    <div className="replay" role="group" aria-label="Replay">
      <label htmlFor="replay-slider">Replay</label>
      <input id="replay-slider" type="range" min={0} max={events.length} value={position} onChange={(e) => onChange(Number(e.target.value))} data-testid="replay-slider" />
      <output htmlFor="replay-slider" data-testid="replay-position">
        {position}/{events.length} {current ? `· ${current.type.toLowerCase()}${current.nodeId ? ` ${current.nodeId}` : ''}` : ''}
      </output>
    </div>
  );
}
