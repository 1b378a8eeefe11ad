/** A branch's year at a glance, and scheduling the year's regular meetings in one go. */
import { useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, Show } from "solid-js";
import { vnThisYear } from "../../../../schema/calendar";
import { branchesOf, meetingsApi, organizationsApi, yearRange } from "../../api";
import { t as common } from "../../i18n/common";
import { canPlanBranch, plannableBranches } from "../../session";
import { SelectField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { pt } from "./plan-messages";
import { planYear } from "./plan-year";
import { PlanYearForm } from "./plan-year-form";
import { YearGrid } from "./year-grid";
import "../../styles/console.css";

export default function PlanningPage() {
  const params = useParams<{ tenantId: string }>();
  const [search, setSearch] = useSearchParams<{ org?: string; year?: string }>();
  const thisYear = vnThisYear();
  const year = () => Number(search.year) || thisYear;

  const [tree] = createResource(
    () => params.tenantId,
    (id) => organizationsApi.tree(id),
  );
  // Staff plan every branch; a branch secretary or deputy only their own.
  const branches = createMemo(() => (tree() ? plannableBranches(params.tenantId, branchesOf(tree()!)) : []));
  const orgId = () => search.org || branches()[0]?.id || "";
  const staff = () => canPlanBranch(params.tenantId, orgId());

  const [meetings, { refetch }] = createResource(
    () => (orgId() ? { tenantId: params.tenantId, organizationId: orgId(), year: year() } : false),
    (q) => meetingsApi.list(q.tenantId, { organizationId: q.organizationId, ...yearRange(q.year), pageSize: 500 }),
  );
  const plan = () => planYear(year(), meetings()?.items ?? []);

  const base = () => `/t/${params.tenantId}`;
  const createHref = (kind: "regular" | "thematic", month: number) =>
    `${base()}/meetings/new?org=${encodeURIComponent(orgId())}&kind=${kind}&month=${year()}-${String(month + 1).padStart(2, "0")}`;

  return (
    <>
      <h1>{pt("title")}</h1>
      <ResourceView resource={tree}>
        {() => (
          <Show when={branches().length > 0} fallback={<p class="notice">{pt("noBranches")}</p>}>
            <div class="toolbar">
              <SelectField
                label={pt("branch")}
                value={orgId()}
                onValue={(v) => setSearch({ org: v })}
                options={branches().map((b) => ({ value: b.id, label: b.name }))}
              />
              <div class="field">
                <span id="year-label" class="label">
                  {pt("year")}
                </span>
                <div class="segmented year-switch" role="group" aria-labelledby="year-label">
                  <button
                    type="button"
                    aria-label={common("previous")}
                    onClick={() => setSearch({ year: String(year() - 1) })}
                  >
                    ‹
                  </button>
                  <span class="year-value" aria-live="polite">
                    {year()}
                  </span>
                  <button
                    type="button"
                    aria-label={common("next")}
                    onClick={() => setSearch({ year: String(year() + 1) })}
                  >
                    ›
                  </button>
                </div>
              </div>
            </div>
            <ResourceView resource={meetings} onRetry={() => void refetch()}>
              {() => (
                <YearGrid
                  plan={plan()}
                  meetingHref={(id) => `${base()}/meetings/${id}`}
                  createHref={staff() ? createHref : undefined}
                />
              )}
            </ResourceView>
            {/* Outside the list's view, so its result stays on screen while the grid reloads. */}
            <Show when={staff()}>
              <PlanYearForm
                tenantId={params.tenantId}
                organizationId={orgId()}
                year={year()}
                onDone={() => void refetch()}
              />
            </Show>
          </Show>
        )}
      </ResourceView>
    </>
  );
}
