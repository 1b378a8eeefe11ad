/** After login: the tenants a person belongs to, and how they stand in each. */
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import type { Me } from "../../../schema/api/auth";
import type { Meeting } from "../../../schema/api/meetings";
import { vnDay } from "../../../schema/calendar";
import { roomPagePath } from "../../../schema/room-page";
import { meetingsApi } from "../api";
import { defineMessages } from "../i18n";
import { t as common } from "../i18n/common";
import { formatDateTime } from "../i18n/format";
import { me, plansAnyBranch } from "../session";
import { Layout } from "../ui/layout";
import { tn } from "./tenant/nav-messages";

const t = defineMessages(
  {
    hello: "Xin chào, {name}",
    myUnits: "Đơn vị của tôi",
    noUnits: "Bạn chưa thuộc đơn vị nào. Hãy liên hệ văn phòng cấp ủy.",
    openMeetings: "Xem các cuộc họp",
    openConsole: "Mở bàn làm việc",
    branches: "Chi bộ: {n}",
    invited: "Được mời dự: {n} cuộc họp",
    enterRoom: "Vào phòng họp",
    liveNow: "Đang họp",
    upcoming: "Sắp tới",
    committeesUnder: "Đảng bộ trực thuộc: {n}",
    openCommittees: "Xem các đảng bộ trực thuộc",
  },
  {
    hello: "Hello, {name}",
    myUnits: "My organizations",
    noUnits: "You don't belong to any organization yet. Contact the committee office.",
    openMeetings: "See meetings",
    openConsole: "Open the console",
    branches: "Branches: {n}",
    invited: "Invited to {n} meeting(s)",
    enterRoom: "Enter the room",
    liveNow: "In progress",
    upcoming: "Coming up",
    committeesUnder: "Committees under it: {n}",
    openCommittees: "See its committees",
  },
);

function roleLabel(role: string | null, isMember: boolean): string {
  if (role === "admin") return tn("roleAdmin");
  if (role === "organizer") return tn("roleOrganizer");
  if (role === "viewer") return tn("roleViewer");
  return isMember ? tn("roleMember") : tn("roleGuest");
}

/** The next meetings of one tenant that matter today: live ones and the coming ones, at most three. */
function NextMeetings(props: { tenantId: string }) {
  const [list] = createResource(
    () => props.tenantId,
    async (id) => {
      // A shortcut, not the only way in: if the list cannot load, the tenant's meetings page still can.
      // From yesterday on Vietnam's clock: the list is oldest first, so past years must not fill the page.
      const soon = Date.now() - 12 * 3600_000;
      const from = vnDay(soon - 24 * 3600_000);
      const items = await meetingsApi.list(id, { from, pageSize: 50 }).then(
        (r) => r.items,
        () => [],
      );
      return items
        .filter((m) => m.status === "live" || (m.status === "planned" && Date.parse(m.scheduledAt) >= soon))
        .sort(
          (a, b) =>
            (a.status === "live" ? -1 : 0) - (b.status === "live" ? -1 : 0) ||
            a.scheduledAt.localeCompare(b.scheduledAt),
        )
        .slice(0, 3);
    },
  );
  return (
    <Show when={(list() ?? []).length > 0}>
      <ul class="next-meetings">
        <For each={list()}>
          {(m: Meeting) => (
            <li>
              <p>
                <span class={`badge ${m.status === "live" ? "badge-ok" : "badge-muted"}`}>
                  {m.status === "live" ? t("liveNow") : t("upcoming")}
                </span>{" "}
                <strong>{m.topic}</strong>
              </p>
              <p class="muted">
                {formatDateTime(m.scheduledAt)} · {m.organizationName}
              </p>
              <A class="btn btn-primary btn-big btn-block" href={roomPagePath(props.tenantId, m.id)}>
                {t("enterRoom")}
              </A>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

type TenantEntry = Me["tenants"][number];

/**
 * The tenants to list: a committee the person reads only as the province's staff is reached through the province
 * (its committees page), unless they also sit or are invited there.
 */
const ownEntries = (tenants: readonly TenantEntry[]) =>
  tenants.filter((t) => !t.viaProvince || t.organizationIds.length > 0 || t.guestMeetingIds.length > 0);

/** A province's card: how many committees the person reads under it, and the way to them. */
function ProvinceCard(props: { tenant: TenantEntry }) {
  const under = () => (me()?.tenants ?? []).filter((c) => c.parentId === props.tenant.id).length;
  return (
    <li class="card">
      <h3>{props.tenant.name}</h3>
      <p class="muted">
        {roleLabel(props.tenant.role, false)} · {t("committeesUnder", { n: under() })}
      </p>
      <div class="actions">
        <A class="btn btn-primary" href={`/t/${props.tenant.id}/committees`}>
          {t("openCommittees")}
        </A>
        <A class="btn" href={`/t/${props.tenant.id}/reports`}>
          {tn("reports")}
        </A>
      </div>
    </li>
  );
}

export default function HomePage() {
  return (
    <Layout>
      <h1>{t("hello", { name: me()?.person.fullName ?? "" })}</h1>
      <h2>{t("myUnits")}</h2>
      <Show when={(me()?.tenants.length ?? 0) > 0} fallback={<p class="notice">{t("noUnits")}</p>}>
        <ul class="card-list">
          <For each={ownEntries(me()?.tenants ?? [])}>
            {(tenant) => (
              <Show when={tenant.kind !== "province"} fallback={<ProvinceCard tenant={tenant} />}>
                <li class="card">
                  <h3>{tenant.name}</h3>
                  <p class="muted">
                    {roleLabel(tenant.role, tenant.organizationIds.length > 0)}
                    <Show when={tenant.organizationIds.length > 0}>
                      {" "}
                      · {t("branches", { n: tenant.organizationIds.length })}
                    </Show>
                    <Show when={tenant.guestMeetingIds.length > 0}>
                      {" "}
                      · {t("invited", { n: tenant.guestMeetingIds.length })}
                    </Show>
                  </p>
                  <NextMeetings tenantId={tenant.id} />
                  <div class="actions">
                    <A class="btn btn-primary" href={`/t/${tenant.id}/meetings`}>
                      {t("openMeetings")}
                    </A>
                    {/* Staff, and a branch secretary or deputy for their own branch, plan meetings. */}
                    <Show when={plansAnyBranch(tenant.id)}>
                      <A class="btn" href={`/t/${tenant.id}/planning`}>
                        {t("openConsole")}
                      </A>
                    </Show>
                  </div>
                </li>
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <p>
        <A href="/account">{common("account")}</A>
      </p>
    </Layout>
  );
}
