import type { DayBucket } from './runs-by-day';

const WIDTH = 560;
const HEIGHT = 160;
const PAD = 24;

/** Stacked bars of runs per day (succeeded / failed / other), drawn as plain SVG. */
export function RunsChart({ days }: { days: readonly DayBucket[] }) {
  const max = Math.max(1, ...days.map((d) => d.succeeded + d.failed + d.other));
  const slot = (WIDTH - PAD) / Math.max(1, days.length);
  const y = (n: number) => ((HEIGHT - PAD) * n) / max;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart" role="img" aria-label="Runs per day" data-testid="runs-chart">
      <text x={0} y={12} className="chart-axis">{max}</text>
      {days.map((d, i) => {
        const x = PAD + i * slot + 2;
        const w = Math.max(2, slot - 4);
        let top = HEIGHT - PAD;
        const bar = (n: number, cls: string) => {
          top -= y(n);
          return n > 0 ? <rect x={x} y={top} width={w} height={y(n)} className={cls}><title>{`${d.day}: ${n} ${cls.replace('bar-', '')}`}</title></rect> : null;
        };
        return (
          <g key={d.day}>
            {bar(d.succeeded, 'bar-succeeded')}
            {bar(d.failed, 'bar-failed')}
            {bar(d.other, 'bar-other')}
            {(i % Math.ceil(days.length / 7) === 0) && <text x={x} y={HEIGHT - 6} className="chart-axis">{d.day.slice(5)}</text>}
          </g>
        );
      })}
    </svg>
  );
}
