/**
 * Two small charts in plain SVG (no library: a few rectangles and a polyline read better than a 40 kB
 * dependency): bars per month (stacked or side by side) and a rate line per month (0–100%). Each carries a
 * <title> and a text summary for screen readers, and scales with its container.
 */
import { For, Show } from "solid-js";
import { monthTick } from "./period";
import { rt } from "./report-messages";

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

const W = 640;
const H = 220;
const PAD = { left: 40, right: 10, top: 12, bottom: 28 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

/** A round upper bound for the axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function Legend(props: { series: ChartSeries[] }) {
  return (
    <ul class="chart-legend">
      <For each={props.series}>
        {(s) => (
          <li>
            <span class="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </li>
        )}
      </For>
    </ul>
  );
}

function Ticks(props: { months: string[]; x: (i: number) => number }) {
  const multiYear = () => new Set(props.months.map((m) => m.slice(0, 4))).size > 1;
  // At most ~12 labels, so three years stay legible.
  const step = () => Math.max(1, Math.ceil(props.months.length / 12));
  return (
    <For each={props.months}>
      {(m, i) => (
        <Show when={i() % step() === 0}>
          <text x={props.x(i())} y={H - 8} text-anchor="middle" class="chart-tick">
            {monthTick(m, multiYear())}
          </text>
        </Show>
      )}
    </For>
  );
}

export function BarChart(props: { title: string; months: string[]; series: ChartSeries[]; stacked?: boolean }) {
  const n = () => Math.max(1, props.months.length);
  const band = () => plotW / n();
  const max = () =>
    niceMax(
      Math.max(
        0,
        ...props.months.map((_, i) =>
          props.stacked ? props.series.reduce((s, se) => s + (se.values[i] ?? 0), 0) : Math.max(0, ...props.series.map((se) => se.values[i] ?? 0)),
        ),
      ),
    );
  const y = (v: number) => PAD.top + plotH - (v / max()) * plotH;
  const summary = () =>
    props.months.map((m, i) => `${m}: ${props.series.map((s) => `${s.label} ${s.values[i] ?? 0}`).join(", ")}`).join("; ");
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}. ${summary()}`}>
        <title>{props.title}</title>
        <For each={max() % 2 === 0 ? [0, 0.5, 1] : [0, 1]}>
          {(f) => (
            <>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(max() * f)} y2={y(max() * f)} class="chart-grid" />
              <text x={PAD.left - 6} y={y(max() * f) + 5} text-anchor="end" class="chart-tick">
                {Math.round(max() * f)}
              </text>
            </>
          )}
        </For>
        <For each={props.months}>
          {(_, i) => {
            const x0 = () => PAD.left + i() * band() + band() * 0.15;
            const w = () => band() * 0.7;
            return (
              <For each={props.series}>
                {(s, k) => {
                  const v = () => s.values[i()] ?? 0;
                  if (props.stacked) {
                    const bottom = () => props.series.slice(0, k()).reduce((sum, se) => sum + (se.values[i()] ?? 0), 0);
                    return <rect x={x0()} width={w()} y={y(bottom() + v())} height={Math.max(0, y(bottom()) - y(bottom() + v()))} fill={s.color} />;
                  }
                  const each = () => w() / props.series.length;
                  return <rect x={x0() + k() * each()} width={each()} y={y(v())} height={Math.max(0, y(0) - y(v()))} fill={s.color} />;
                }}
              </For>
            );
          }}
        </For>
        <Ticks months={props.months} x={(i) => PAD.left + (i + 0.5) * band()} />
      </svg>
      <Legend series={props.series} />
    </figure>
  );
}

/** Rates per month (0..1) as lines on a 0–100% axis; months with no figure leave a gap. */
export function LineChart(props: { title: string; months: string[]; series: ChartSeries[]; threshold?: number }) {
  const n = () => Math.max(1, props.months.length);
  const x = (i: number) => PAD.left + (n() === 1 ? plotW / 2 : (i / (n() - 1)) * plotW);
  const y = (v: number) => PAD.top + plotH - v * plotH;
  const segments = (values: (number | null)[]) => {
    const out: string[][] = [];
    let cur: string[] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (cur.length) out.push(cur);
        cur = [];
      } else cur.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (cur.length) out.push(cur);
    return out;
  };
  const summary = () =>
    props.months
      .map((m, i) => `${m}: ${props.series.map((s) => `${s.label} ${s.values[i] === null ? "—" : `${Math.round((s.values[i] ?? 0) * 100)}%`}`).join(", ")}`)
      .join("; ");
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}. ${summary()}`}>
        <title>{props.title}</title>
        <For each={[0, 0.5, 1]}>
          {(f) => (
            <>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(f)} y2={y(f)} class="chart-grid" />
              <text x={PAD.left - 6} y={y(f) + 5} text-anchor="end" class="chart-tick">
                {Math.round(f * 100)}%
              </text>
            </>
          )}
        </For>
        <Show when={props.threshold !== undefined}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(props.threshold!)} y2={y(props.threshold!)} class="chart-threshold" />
        </Show>
        <For each={props.series}>
          {(s) => (
            <>
              <For each={segments(s.values)}>
                {(pts) => (
                  <Show when={pts.length > 1} fallback={<circle cx={pts[0]!.split(",")[0]} cy={pts[0]!.split(",")[1]} r="4" fill={s.color} />}>
                    <polyline points={pts.join(" ")} fill="none" stroke={s.color} stroke-width="3" />
                  </Show>
                )}
              </For>
            </>
          )}
        </For>
        <Ticks months={props.months} x={x} />
      </svg>
      <Legend series={props.series} />
      <Show when={props.series.every((s) => s.values.every((v) => v === null))}>
        <p class="hint">{rt("noData")}</p>
      </Show>
    </figure>
  );
}
