/** After login: the tenants a person belongs to, and how they stand in each. */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { defineMessages } from "../i18n";
import { t as common } from "../i18n/common";
import { me } from "../session";
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
  },
  {
    hello: "Hello, {name}",
    myUnits: "My organizations",
    noUnits: "You don't belong to any organization yet. Contact the committee office.",
    openMeetings: "See meetings",
    openConsole: "Open the console",
    branches: "Branches: {n}",
    invited: "Invited to {n} meeting(s)",
  },
);

function roleLabel(role: string | null, isMember: boolean): string {
  if (role === "admin") return tn("roleAdmin");
  if (role === "organizer") return tn("roleOrganizer");
  if (role === "viewer") return tn("roleViewer");
  return isMember ? tn("roleMember") : tn("roleGuest");
}

export default function HomePage() {
  return (
    <Layout>
      <h1>{t("hello", { name: me()?.person.fullName ?? "" })}</h1>
      <h2>{t("myUnits")}</h2>
      <Show when={(me()?.tenants.length ?? 0) > 0} fallback={<p class="notice">{t("noUnits")}</p>}>
        <ul class="card-list">
          <For each={me()?.tenants ?? []}>
            {(tenant) => (
              <li class="card">
                <h3>{tenant.name}</h3>
                <p class="muted">
                  {roleLabel(tenant.role, tenant.organizationIds.length > 0)}
                  <Show when={tenant.organizationIds.length > 0}> · {t("branches", { n: tenant.organizationIds.length })}</Show>
                  <Show when={tenant.guestMeetingIds.length > 0}> · {t("invited", { n: tenant.guestMeetingIds.length })}</Show>
                </p>
                <div class="actions">
                  <A class="btn btn-primary" href={`/t/${tenant.id}/meetings`}>
                    {t("openMeetings")}
                  </A>
                  <Show when={tenant.role === "admin" || tenant.role === "organizer"}>
                    <A class="btn" href={`/t/${tenant.id}/planning`}>
                      {t("openConsole")}
                    </A>
                  </Show>
                </div>
              </li>
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
