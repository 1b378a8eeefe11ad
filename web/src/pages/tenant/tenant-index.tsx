import { Navigate, useParams } from "@solidjs/router";
import { plansAnyBranch, tenantOf } from "../../session";

/**
 * A province lands on its committees; planners (staff, a branch secretary or deputy) on the planning view; everyone
 * else on their meetings.
 */
export default function TenantIndex() {
  const params = useParams<{ tenantId: string }>();
  const section = () =>
    tenantOf(params.tenantId)?.kind === "province"
      ? "committees"
      : plansAnyBranch(params.tenantId)
        ? "planning"
        : "meetings";
  return <Navigate href={`/t/${params.tenantId}/${section()}`} />;
}
