/**
 * The stats chart: one bar panel per series with a y-axis (round ticks) and an x-axis
 * (first, middle and last bucket). Tapping, hovering or using the arrow keys on a panel
 * shows that bucket's values; without JavaScript the server-rendered panels show the axes
 * and the latest bucket, and every bar carries its value as an SVG <title>.
 */
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { axisTicks, type ChartData } from '../chart-data.ts';

const W = 600;
const H = 60;
const fmt = (n: number) => n.toLocaleString('en-US');

export default function TrendChart({ data }: { data: ChartData }) {
  const n = data.buckets.length;
  const [selected, setSelected] = useState(n - 1);
  const pick = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setSelected(Math.max(0, Math.min(n - 1, Math.floor(((e.clientX - box.left) / box.width) * n))));
  };
  const key = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') setSelected((i) => Math.max(0, i - 1));
    if (e.key === 'ArrowRight') setSelected((i) => Math.min(n - 1, i + 1));
  };
  const when = data.unit === 'week' ? `week of ${data.buckets[selected]}` : data.buckets[selected];
  const step = W / Math.max(1, n);
  return (
    <div className="trend">
      <p className="readout" aria-live="polite">
        <strong>{when}</strong>
        {data.series.map((s, i) => <span key={s.label} className={`k s${i}`}>{s.label} {fmt(s.values[selected] ?? 0)}</span>)}
      </p>
      {data.series.map((s, i) => {
        const ticks = axisTicks(Math.max(0, ...s.values));
        const top = ticks.at(-1)!;
        const y = (v: number) => H - (v / top) * H;
        return (
          <div key={s.label} className={`panel s${i}`}>
            <span className="name">{s.label}</span>
            <div className="plot">
              {ticks.map((t) => <span key={t} className="tick y" style={{ top: `${(y(t) / H) * 100}%` }}>{t >= 10_000 ? `${Math.round(t / 1000)}k` : fmt(t)}</span>)}
              {/* Bars stretch with the width; labels stay HTML so they keep their size on a phone. */}
              <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" tabIndex={0}
                aria-label={`${s.label} per ${data.unit}, ${data.buckets[0]} to ${data.buckets[n - 1]}; peak ${fmt(Math.max(0, ...s.values))}. Arrow keys move between ${data.unit}s.`}
                onPointerDown={pick} onPointerMove={pick} onKeyDown={key}>
                {ticks.map((t) => <line key={t} x1={0} x2={W} y1={y(t)} y2={y(t)} className="grid" />)}
                {s.values.map((v, k) => (
                  <rect key={k} x={k * step + step * 0.1} width={Math.max(0.8, step * 0.8)} y={y(v)} height={H - y(v)} className={k === selected ? 'bar on' : 'bar'}>
                    <title>{`${data.buckets[k]}: ${fmt(v)} ${s.label.toLowerCase()}`}</title>
                  </rect>
                ))}
              </svg>
            </div>
          </div>
        );
      })}
      <p className="xaxis"><span>{data.buckets[0]}</span>{n > 2 && <span>{data.buckets[Math.floor((n - 1) / 2)]}</span>}{n > 1 && <span>{data.buckets[n - 1]}</span>}</p>
    </div>
  );
}
