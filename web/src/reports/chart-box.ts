/**
 * Chart geometry in CSS pixels. The SVG's viewBox follows the width the chart is drawn at, so 1 unit is
 * 1 px and its text keeps the page's (large, A−/A+) type size on a 360 px phone instead of shrinking with
 * the picture; month labels thin out when they would not fit side by side.
 */
export interface ChartBox {
  w: number;
  h: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  plotW: number;
  plotH: number;
  /** Font size of the axis labels, px. */
  font: number;
}

export const CHART_MIN_WIDTH = 260;
export const CHART_MAX_WIDTH = 960;
/** Before the chart is measured (and in tests without layout). */
export const CHART_DEFAULT_WIDTH = 640;

/** Axis labels at 0.8 of the page's base size: 16 px at the default 20 px. */
export function chartBox(width: number, basePx: number): ChartBox {
  const w = Math.round(Math.min(CHART_MAX_WIDTH, Math.max(CHART_MIN_WIDTH, width > 0 ? width : CHART_DEFAULT_WIDTH)));
  const font = Math.round(basePx * 0.8);
  // Room for "100%" left of the axis and one line of month labels under it.
  const left = Math.ceil(font * 2.8);
  const right = 8;
  const top = Math.ceil(font * 0.8);
  const bottom = Math.ceil(font * 1.8);
  const h = Math.max(200, Math.min(280, Math.round(w * 0.4)));
  return { w, h, left, right, top, bottom, plotW: w - left - right, plotH: h - top - bottom, font };
}

/** Every how many months a label is drawn, so labels of `labelChars` characters never overlap. */
export function tickStep(months: number, box: ChartBox, labelChars: number): number {
  const labelW = box.font * 0.62 * labelChars + box.font * 0.6;
  const perMonth = box.plotW / Math.max(1, months);
  return Math.max(1, Math.ceil(labelW / perMonth));
}
