/** The console frame for one tenant: its name and the sections the person's role opens. */
import { A, type RouteSectionProps, useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { canManageTenant, plansAnyBranch, readsReports, tenantOf } from "../../session";
import { Layout } from "../../ui/layout";
import { tn } from "./nav-messages";

export default function TenantLayout(props: RouteSectionProps) {
  const params = useParams<{ tenantId: string }>();
  const tenant = () => tenantOf(params.tenantId);
  const staff = () => canManageTenant(params.tenantId);
  const base = () => `/t/${params.tenantId}`;
  const province = () => tenant()?.kind === "province";
  const nav = (
    <>
      <span class="tenant-name">{tenant()?.name}</span>
      {/* A province holds no meetings of its own: its committees do, and it reads them. */}
      <Show when={province()} fallback={<A href={`${base()}/meetings`}>{tn("meetings")}</A>}>
        <A href={`${base()}/committees`}>{tn("committees")}</A>
      </Show>
      {/* A branch secretary or deputy plans their own branch's year; the tree and the roll stay with staff. */}
      <Show when={plansAnyBranch(params.tenantId)}>
        <A href={`${base()}/planning`}>{tn("planning")}</A>
      </Show>
      <Show when={staff()}>
        <A href={`${base()}/organizations`}>{tn("organizations")}</A>
        <A href={`${base()}/members`}>{tn("members")}</A>
      </Show>
      {/* Staff read every report; a branch's secretary or deputy their branch's; a visiting leader their visits. */}
      <Show when={readsReports(params.tenantId)}>
        <A href={`${base()}/reports`}>{tn("reports")}</A>
      </Show>
    </>
  );
  return (
    <Layout nav={nav} wide>
      <Show when={tenant()} fallback={<p class="notice notice-error">{tn("noAccess")}</p>}>
        <Show when={tenant()?.viaProvince}>
          <p class="notice">
            {tn("readOnly", { province: tenantOf(tenant()?.parentId ?? "")?.name ?? "" })}{" "}
            <A href={`/t/${tenant()?.parentId}/committees`}>{tn("committees")}</A>
          </p>
        </Show>
        {props.children}
      </Show>
    </Layout>
  );
}
