/**
 * /t/:tenantId/reports/* — the committee's oversight: reports (period, drill-down, charts, exports),
 * leaders' visit plans, and grade review. Staff (any tenant role) see all three; a branch's secretary or deputy
 * their own branch's reports (schema/report-rule.ts); a visiting leader with no role only their own visits.
 */
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, For, Match, Show, Switch } from "solid-js";
import { type ReportName, reportNames } from "../../../schema/api/report-labels";
import { reportOrganization } from "../../../schema/report-rule";
import { reportsReach, tenantOf, visitsHere } from "../session";
import { ResourceView } from "../ui/resource-view";
import { GradesPanel } from "./grades-panel";
import { type PeriodState, periodFromSearch, periodQuery, periodToSearch } from "./period";
import { PeriodPicker } from "./period-picker";
import { rt } from "./report-messages";
import { ReportView } from "./report-view";
import { reportTitle } from "./report-words";
import { type ReportScope, reportsApi } from "./reports-api";
import { VisitsPanel } from "./visits-panel";
import "./reports.css";

type Search = { r?: string; org?: string; p?: string; y?: string; q?: string; m?: string; from?: string; to?: string };

export default function ReportsPage() {
  const params = useParams<{ tenantId: string; rest?: string }>();
  const [search, setSearch] = useSearchParams<Search>();
  const staff = () => tenantOf(params.tenantId)?.role != null;
  const reach = () => reportsReach(params.tenantId);
  // Reports for staff and a branch's leaders; the visits tab for staff (all plans) and a visiting leader (their own).
  const reports = () => reach().all || reach().branchIds.length > 0;
  const visits = () => staff() || visitsHere(params.tenantId);
  const section = () => (params.rest ?? "").split("/")[0] || (reports() ? "" : "visits");
  const period = createMemo(() => periodFromSearch(search));
  const setPeriod = (p: PeriodState) => setSearch(periodToSearch(p));
  const base = () => `/t/${params.tenantId}/reports`;

  return (
    <div class="reports-page">
      <h1>{rt("title")}</h1>
      <nav class="tabs" aria-label={rt("title")}>
        <Show when={reports()}>
          <A href={base()} end>
            {rt("tabReports")}
          </A>
        </Show>
        {/* A leader with no role lands on /reports, which is their visits: the tab shows it as current. */}
        <Show when={visits()}>
          <A href={reports() ? `${base()}/visits` : base()} end={false}>
            {staff() ? rt("tabVisits") : rt("myVisits")}
          </A>
        </Show>
        <Show when={staff()}>
          <A href={`${base()}/grades`}>{rt("tabGrades")}</A>
        </Show>
      </nav>
      <PeriodPicker value={period()} onChange={setPeriod} />
      <Switch>
        <Match when={section() === "visits" && visits()}>
          <VisitsPanel tenantId={params.tenantId} period={period()} />
        </Match>
        <Match when={section() === "grades" && staff()}>
          <GradesPanel tenantId={params.tenantId} period={period()} organizationId={search.org} />
        </Match>
        <Match when={reports()}>
          <ReportsPanel tenantId={params.tenantId} period={period()} search={search} setSearch={setSearch} />
        </Match>
      </Switch>
    </div>
  );
}

function ReportsPanel(props: {
  tenantId: string;
  period: PeriodState;
  search: Search;
  setSearch: (s: Partial<Search>) => void;
}) {
  const report = (): ReportName =>
    (reportNames as readonly string[]).includes(props.search.r ?? "") ? (props.search.r as ReportName) : "meetings";
  // A branch's leader reads their own branch only: another id (a parent in the path) falls back to theirs.
  const org = () => {
    const reach = reportsReach(props.tenantId);
    return reportOrganization(reach, props.search.org || undefined) ?? reach.branchIds[0];
  };
  // A province reads its committees' reports rolled up, a row per committee (drill into one like an organization).
  const scope = (): ReportScope | undefined => (tenantOf(props.tenantId)?.kind === "province" ? "children" : undefined);
  const [result, { refetch }] = createResource(
    () => ({
      tenantId: props.tenantId,
      report: report(),
      period: periodQuery(props.period),
      org: org(),
      scope: scope(),
    }),
    (k) => reportsApi.get(k.tenantId, k.report, k.period, k.org, k.scope),
  );
  const exportUrl = (format: "csv" | "xlsx", which: ReportName | "all" = report()) =>
    reportsApi.exportUrl(props.tenantId, which, periodQuery(props.period), format, org(), scope());
  return (
    <>
      <div class="segmented report-picker" role="group" aria-label={rt("report")}>
        <For each={reportNames}>
          {(name) => (
            <button type="button" aria-pressed={report() === name} onClick={() => props.setSearch({ r: name })}>
              {reportTitle(name)}
            </button>
          )}
        </For>
      </div>
      <p>
        <a class="btn btn-small" href={exportUrl("xlsx", "all")} download="">
          {rt("exportAll")}
        </a>
      </p>
      <ResourceView resource={result} onRetry={refetch}>
        {(r) => (
          <ReportView
            result={r}
            onDrill={(id) => props.setSearch({ org: id ?? undefined })}
            exports={{ csv: exportUrl("csv"), xlsx: exportUrl("xlsx") }}
          />
        )}
      </ResourceView>
    </>
  );
}
