/** The tenant's meetings a person may see, by branch and year; each opens its page, a live one its room. */
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createMemo, createResource, Show } from "solid-js";
import type { Meeting } from "../../../../schema/api/meetings";
import { vnThisYear } from "../../../../schema/calendar";
import { roomPagePath } from "../../../../schema/room-page";
import { branchesOf, meetingsApi, organizationsApi, yearRange } from "../../api";
import { formatDateTime } from "../../i18n/format";
import { plansAnyBranch } from "../../session";
import { SelectField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { DataTable } from "../../ui/table";
import { gt } from "./meeting-messages";
import { pt } from "./plan-messages";
import "../../styles/console.css";

const statusBadge = { planned: "badge-muted", live: "badge-ok", closed: "badge-ok", cancelled: "badge-err" } as const;

/** Live first, then upcoming soonest first, then past most recent first. */
export function orderMeetings(items: readonly Meeting[], now = Date.now()): Meeting[] {
  const group = (m: Meeting) =>
    m.status === "live" ? 0 : Date.parse(m.scheduledAt) >= now - 12 * 3600_000 && m.status === "planned" ? 1 : 2;
  return [...items].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    const d = Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt);
    return ga === 2 ? -d : d;
  });
}

export default function MeetingsPage() {
  const params = useParams<{ tenantId: string }>();
  const [search, setSearch] = useSearchParams<{ org?: string; year?: string }>();
  const year = () => Number(search.year) || vnThisYear();
  const planner = () => plansAnyBranch(params.tenantId);
  const [tree] = createResource(
    () => params.tenantId,
    (id) => organizationsApi.tree(id).catch(() => null),
  );
  const branches = createMemo(() => (tree() ? branchesOf(tree()!) : []));
  const [list, { refetch }] = createResource(
    () => ({ t: params.tenantId, org: search.org || undefined, year: year() }),
    (q) => meetingsApi.list(q.t, { organizationId: q.org, ...yearRange(q.year), pageSize: 500 }),
  );
  const base = () => `/t/${params.tenantId}`;

  return (
    <>
      <h1>{gt("meetingsTitle")}</h1>
      <div class="toolbar">
        <Show when={branches().length > 1}>
          <SelectField
            label={gt("branch")}
            value={search.org ?? ""}
            onValue={(v) => setSearch({ org: v || undefined })}
            placeholder="—"
            options={branches().map((b) => ({ value: b.id, label: b.name }))}
          />
        </Show>
        <SelectField
          label={pt("year")}
          value={String(year())}
          onValue={(v) => setSearch({ year: v })}
          options={[year() - 2, year() - 1, year(), year() + 1].map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Show when={planner()}>
          <A
            class="btn btn-primary"
            href={`${base()}/meetings/new${search.org ? `?org=${encodeURIComponent(search.org)}` : ""}`}
          >
            + {gt("newTitle")}
          </A>
        </Show>
      </div>
      <ResourceView resource={list} onRetry={() => void refetch()}>
        {(data) => (
          <DataTable
            caption={`${gt("meetingsTitle")} ${year()}`}
            rows={orderMeetings(data.items)}
            empty={gt("noMeetings")}
            columns={[
              { header: gt("when"), cell: (m: Meeting) => formatDateTime(m.scheduledAt) },
              { header: gt("topic"), cell: (m: Meeting) => <A href={`${base()}/meetings/${m.id}`}>{m.topic}</A> },
              { header: gt("branch"), cell: (m: Meeting) => m.organizationName },
              {
                header: gt("status"),
                cell: (m: Meeting) => <span class={`badge ${statusBadge[m.status]}`}>{gt(`status_${m.status}`)}</span>,
              },
              {
                header: "",
                cell: (m: Meeting) =>
                  m.status === "live" || m.status === "planned" ? (
                    <A
                      class="btn btn-small btn-primary"
                      href={roomPagePath(params.tenantId, m.id)}
                      aria-label={`${gt("openRoom")}: ${m.topic}`}
                    >
                      {gt("openRoom")}
                    </A>
                  ) : (
                    ""
                  ),
              },
            ]}
          />
        )}
      </ResourceView>
    </>
  );
}
