/**
 * One report as the committee reads it: where we are in the tree (and the way back up), a chart where it
 * reads better than a table, the drill-down table with its total, the branches falling behind and why,
 * side tables (leaders, branch years), and the export links.
 */
import { For, type JSX, Show } from "solid-js";
import { gradeLabels, thresholds } from "../../../schema/api/report-labels";
import type { Column, ReportResult, ReportTable } from "../../../schema/api/reports";
import { BarChart, type ChartSeries, LineChart } from "./charts";
import { formatCell } from "./format-cell";
import { rt } from "./report-messages";
import { columnLabel, gradeLabel, periodLabel, reasonText, reportTitle, tableTitle } from "./report-words";

const COLORS = { a: "#8b0000", b: "#d08a00", c: "#2f6f3e", d: "#5b5b5b" };
const num = (v: unknown) => (typeof v === "number" ? v : null);

function charts(r: ReportResult): JSX.Element {
  const months = r.series.map((s) => s.month);
  const col = (key: string) => r.series.map((s) => num(s.values[key]));
  const line = (label: string, key: string, color: string): ChartSeries => ({ label, color, values: col(key) });
  switch (r.report) {
    case "meetings":
      return (
        <BarChart
          title={rt("chartMeetings")}
          months={months}
          stacked
          series={[line(rt("legendRegular"), "regular", COLORS.a), line(rt("legendThematic"), "thematic", COLORS.b)]}
        />
      );
    case "attendance":
      return (
        <LineChart
          title={rt("chartAttendance")}
          months={months}
          threshold={thresholds.attendanceRate}
          series={[line(rt("chartAttendance"), "rate", COLORS.a)]}
        />
      );
    case "speaking":
      return (
        <LineChart
          title={rt("chartSpeaking")}
          months={months}
          threshold={thresholds.speakerRate}
          series={[
            line(columnLabel(r.columns.find((c) => c.key === "speakerRate")!), "speakerRate", COLORS.a),
            line(columnLabel(r.columns.find((c) => c.key === "topShare")!), "topShare", COLORS.b),
          ]}
        />
      );
    case "votes":
      return (
        <LineChart
          title={rt("chartVotes")}
          months={months}
          threshold={thresholds.participation}
          series={[line(rt("chartVotes"), "participation", COLORS.a)]}
        />
      );
    case "grades":
      return (
        <BarChart
          title={rt("chartGrades")}
          months={months}
          stacked
          series={[
            line(gradeLabel("good"), "good", COLORS.c),
            line(gradeLabel("fair"), "fair", COLORS.b),
            line(gradeLabel("average"), "average", COLORS.d),
            line(gradeLabel("weak"), "weak", COLORS.a),
          ]}
        />
      );
    case "visits":
      return (
        <BarChart
          title={rt("chartVisits")}
          months={months}
          series={[line(rt("legendPlanned"), "planned", COLORS.d), line(rt("legendAttended"), "attended", COLORS.c)]}
        />
      );
    default:
      return r.report satisfies never;
  }
}

function SideTable(props: { table: ReportTable }) {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption>{tableTitle(props.table)}</caption>
        <thead>
          <tr>
            <For each={props.table.columns}>
              {(c) => (
                <th scope="col" classList={{ num: c.kind !== "text" }}>
                  {columnLabel(c)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.table.rows}
            fallback={
              <tr>
                <td colSpan={props.table.columns.length} class="empty">
                  {rt("noData")}
                </td>
              </tr>
            }
          >
            {(row) => (
              <tr classList={{ "row-behind": row.belowMinimum === "Có" || row.yearGrade === gradeLabels.weak }}>
                <For each={props.table.columns}>
                  {(c) => (
                    <td data-label={columnLabel(c)} classList={{ num: c.kind !== "text" }}>
                      {c.key === "year" ? String(row[c.key]) : formatCell(c.kind, row[c.key])}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export function ReportView(props: {
  result: ReportResult;
  onDrill: (organizationId: string | null) => void;
  exports: { csv: string; xlsx: string };
}) {
  const r = () => props.result;
  const cells = (values: Record<string, unknown>, columns: Column[]) =>
    columns.map((c) => (
      <td data-label={columnLabel(c)} class="num">
        {formatCell(c.kind, values[c.key] as never)}
      </td>
    ));
  return (
    <section class="report" aria-labelledby="report-title">
      <nav class="crumbs" aria-label={rt("scope")}>
        <button type="button" class="link" onClick={() => props.onDrill(null)} disabled={r().scope.path.length === 0}>
          {rt("wholeTenant")}
        </button>
        <For each={r().scope.path}>
          {(p, i) => (
            <>
              <span aria-hidden="true"> › </span>
              <button
                type="button"
                class="link"
                onClick={() => props.onDrill(p.id)}
                disabled={i() === r().scope.path.length - 1}
              >
                {p.name}
              </button>
            </>
          )}
        </For>
      </nav>
      <h2 id="report-title">
        {reportTitle(r().report)} · {periodLabel(r().period)}
      </h2>
      <div class="report-exports">
        <a class="btn" href={props.exports.csv} download="">
          {rt("exportCsv")}
        </a>
        <a class="btn" href={props.exports.xlsx} download="">
          {rt("exportXlsx")}
        </a>
      </div>

      {charts(r())}

      <div class="table-wrap">
        <table class="data-table report-table">
          <thead>
            <tr>
              <th scope="col">{rt("unit")}</th>
              <For each={r().columns}>
                {(c) => (
                  <th scope="col" class="num">
                    {columnLabel(c)}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={r().rows}>
              {(row) => (
                <tr classList={{ "row-behind": row.behind }}>
                  <th scope="row" data-label={rt("unit")}>
                    <Show when={row.drillable} fallback={row.name}>
                      <button
                        type="button"
                        class="link"
                        onClick={() => props.onDrill(row.organizationId)}
                        aria-label={rt("drill", { name: row.name })}
                      >
                        {row.name}
                      </button>
                    </Show>
                    <Show when={row.behind}>
                      {" "}
                      <span class="badge badge-warn">{rt("behindFlag")}</span>
                    </Show>
                  </th>
                  {cells(row.values, r().columns)}
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{rt("total")}</th>
              {cells(r().total, r().columns)}
            </tr>
          </tfoot>
        </table>
      </div>

      <For each={r().tables}>{(t) => <SideTable table={t} />}</For>

      <h3>{rt("behindTitle")}</h3>
      <Show when={r().behind.length > 0} fallback={<p class="notice notice-ok">{rt("behindNone")}</p>}>
        <ul class="behind-list">
          <For each={r().behind}>
            {(b) => (
              <li>
                <button type="button" class="link" onClick={() => props.onDrill(b.organizationId)}>
                  <strong>{b.name}</strong>
                </button>
                <Show when={b.parentName}> ({rt("under", { name: b.parentName! })})</Show>:{" "}
                {b.reasons.map(reasonText).join("; ")}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
