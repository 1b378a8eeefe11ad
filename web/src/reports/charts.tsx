/**
 * Two small charts in plain SVG (no library: a few rectangles and a polyline read better than a 40 kB
 * dependency): bars per month (stacked or side by side) and a rate line per month (0–100%). Each carries a
 * <title> and a text summary for screen readers, and is drawn at the width it is given (see ./chart-box.ts).
 */
import { type Accessor, createSignal, For, type JSX, onCleanup, onMount, Show } from "solid-js";
import { fontPx } from "../ui/font-size";
import { CHART_DEFAULT_WIDTH, type ChartBox, chartBox, tickStep } from "./chart-box";
import { monthName, monthTick } from "./period";
import { rt } from "./report-messages";

export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

/** The figure, measured: its box follows the figure's width (phone, desktop, A−/A+). */
function Figure(props: {
  title: string;
  label: string;
  children: (box: Accessor<ChartBox>) => JSX.Element;
  after?: JSX.Element;
}) {
  let el: HTMLElement | undefined;
  const [width, setWidth] = createSignal(CHART_DEFAULT_WIDTH);
  onMount(() => {
    const measure = () => el && el.clientWidth > 0 && setWidth(el.clientWidth);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el!);
    onCleanup(() => ro.disconnect());
  });
  const box = () => chartBox(width(), fontPx());
  return (
    <figure class="chart" ref={el}>
      <figcaption>{props.title}</figcaption>
      <svg
        viewBox={`0 0 ${box().w} ${box().h}`}
        width={box().w}
        height={box().h}
        role="img"
        aria-label={props.label}
        style={{ "font-size": `${box().font}px` }}
      >
        <title>{props.title}</title>
        {props.children(box)}
      </svg>
      {props.after}
    </figure>
  );
}

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

function Ticks(props: { months: string[]; x: (i: number) => number; box: ChartBox }) {
  const multiYear = () => new Set(props.months.map((m) => m.slice(0, 4))).size > 1;
  // At most ~12 labels, and never more than fit side by side.
  const longest = () => Math.max(1, ...props.months.map((m) => monthTick(m, multiYear()).length));
  const step = () => Math.max(Math.ceil(props.months.length / 12), tickStep(props.months.length, props.box, longest()));
  return (
    <For each={props.months}>
      {(m, i) => (
        <Show when={i() % step() === 0}>
          <text
            x={props.x(i())}
            y={props.box.h - Math.round(props.box.font * 0.5)}
            text-anchor="middle"
            class="chart-tick"
          >
            {monthTick(m, multiYear())}
          </text>
        </Show>
      )}
    </For>
  );
}

export function BarChart(props: { title: string; months: string[]; series: ChartSeries[]; stacked?: boolean }) {
  const n = () => Math.max(1, props.months.length);
  const max = () =>
    niceMax(
      Math.max(
        0,
        ...props.months.map((_, i) =>
          props.stacked
            ? props.series.reduce((s, se) => s + (se.values[i] ?? 0), 0)
            : Math.max(0, ...props.series.map((se) => se.values[i] ?? 0)),
        ),
      ),
    );
  const summary = () =>
    props.months
      .map((m, i) => `${monthName(m)}: ${props.series.map((s) => `${s.label} ${s.values[i] ?? 0}`).join(", ")}`)
      .join("; ");
  return (
    <Figure title={props.title} label={`${props.title}. ${summary()}`} after={<Legend series={props.series} />}>
      {(box) => {
        const band = () => box().plotW / n();
        const y = (v: number) => box().top + box().plotH - (v / max()) * box().plotH;
        return (
          <>
            <For each={max() % 2 === 0 ? [0, 0.5, 1] : [0, 1]}>
              {(f) => (
                <>
                  <line
                    x1={box().left}
                    x2={box().w - box().right}
                    y1={y(max() * f)}
                    y2={y(max() * f)}
                    class="chart-grid"
                  />
                  <text x={box().left - 6} y={y(max() * f) + box().font * 0.35} text-anchor="end" class="chart-tick">
                    {Math.round(max() * f)}
                  </text>
                </>
              )}
            </For>
            <For each={props.months}>
              {(_, i) => {
                const x0 = () => box().left + i() * band() + band() * 0.15;
                const w = () => band() * 0.7;
                return (
                  <For each={props.series}>
                    {(s, k) => {
                      const v = () => s.values[i()] ?? 0;
                      if (props.stacked) {
                        const bottom = () =>
                          props.series.slice(0, k()).reduce((sum, se) => sum + (se.values[i()] ?? 0), 0);
                        return (
                          <rect
                            x={x0()}
                            width={w()}
                            y={y(bottom() + v())}
                            height={Math.max(0, y(bottom()) - y(bottom() + v()))}
                            fill={s.color}
                          />
                        );
                      }
                      const each = () => w() / props.series.length;
                      return (
                        <rect
                          x={x0() + k() * each()}
                          width={each()}
                          y={y(v())}
                          height={Math.max(0, y(0) - y(v()))}
                          fill={s.color}
                        />
                      );
                    }}
                  </For>
                );
              }}
            </For>
            <Ticks months={props.months} box={box()} x={(i) => box().left + (i + 0.5) * band()} />
          </>
        );
      }}
    </Figure>
  );
}

/** Rates per month (0..1) as lines on a 0–100% axis; months with no figure leave a gap. */
export function LineChart(props: { title: string; months: string[]; series: ChartSeries[]; threshold?: number }) {
  const n = () => Math.max(1, props.months.length);
  const summary = () =>
    props.months
      .map(
        (m, i) =>
          `${monthName(m)}: ${props.series.map((s) => `${s.label} ${s.values[i] === null ? "—" : `${Math.round((s.values[i] ?? 0) * 100)}%`}`).join(", ")}`,
      )
      .join("; ");
  const after = (
    <>
      <Legend series={props.series} />
      <Show when={props.series.every((s) => s.values.every((v) => v === null))}>
        <p class="hint">{rt("noData")}</p>
      </Show>
    </>
  );
  return (
    <Figure title={props.title} label={`${props.title}. ${summary()}`} after={after}>
      {(box) => {
        // The first and last months sit half a label in from the ends, so "T1" clears "0%" and "T12" the edge.
        const inset = () => box().font * 1.4;
        const x = (i: number) =>
          box().left + (n() === 1 ? box().plotW / 2 : inset() + (i / (n() - 1)) * (box().plotW - 2 * inset()));
        const y = (v: number) => box().top + box().plotH - v * box().plotH;
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
        return (
          <>
            <For each={[0, 0.5, 1]}>
              {(f) => (
                <>
                  <line x1={box().left} x2={box().w - box().right} y1={y(f)} y2={y(f)} class="chart-grid" />
                  <text x={box().left - 6} y={y(f) + box().font * 0.35} text-anchor="end" class="chart-tick">
                    {Math.round(f * 100)}%
                  </text>
                </>
              )}
            </For>
            <Show when={props.threshold !== undefined}>
              <line
                x1={box().left}
                x2={box().w - box().right}
                y1={y(props.threshold!)}
                y2={y(props.threshold!)}
                class="chart-threshold"
              />
            </Show>
            <For each={props.series}>
              {(s) => (
                <For each={segments(s.values)}>
                  {(pts) => (
                    <Show
                      when={pts.length > 1}
                      fallback={<circle cx={pts[0]!.split(",")[0]} cy={pts[0]!.split(",")[1]} r="5" fill={s.color} />}
                    >
                      <polyline points={pts.join(" ")} fill="none" stroke={s.color} stroke-width="3" />
                    </Show>
                  )}
                </For>
              )}
            </For>
            <Ticks months={props.months} box={box()} x={x} />
          </>
        );
      }}
    </Figure>
  );
}
