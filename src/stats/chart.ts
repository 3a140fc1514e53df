/** One small chart panel: a series drawn as an area in a 0..width × 0..height box. */
export interface ChartPanel {
  label: string;
  total: number;
  max: number;
  /** SVG path of the filled area. */
  area: string;
  /** SVG path of the top line. */
  line: string;
}

export const CHART_WIDTH = 600;
export const PANEL_HEIGHT = 60;

/**
 * SVG paths for a daily series, each scaled to its own maximum: views, clicks and signups
 * differ by orders of magnitude, so one shared axis would flatten the smaller ones. Drawn
 * as steps, one per day, so a single day's spike is visible at 7 days and at a year.
 */
export function buildChartPanel(label: string, values: number[]): ChartPanel {
  const max = Math.max(0, ...values);
  const step = CHART_WIDTH / Math.max(1, values.length);
  const y = (v: number) => round(PANEL_HEIGHT - (max > 0 ? (v / max) * (PANEL_HEIGHT - 2) : 0));
  let line = '';
  values.forEach((v, i) => {
    const x0 = round(i * step);
    const x1 = round((i + 1) * step);
    line += `${i === 0 ? 'M' : 'L'}${x0},${y(v)}L${x1},${y(v)}`;
  });
  if (!line) line = `M0,${PANEL_HEIGHT}L${CHART_WIDTH},${PANEL_HEIGHT}`;
  const area = `${line}L${CHART_WIDTH},${PANEL_HEIGHT}L0,${PANEL_HEIGHT}Z`;
  return { label, total: values.reduce((a, b) => a + b, 0), max, area, line };
}

const round = (n: number) => Math.round(n * 10) / 10;
