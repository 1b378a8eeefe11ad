import { Navigate, useParams } from "@solidjs/router";
import { plansAnyBranch } from "../../session";

/** Planners (staff, a branch secretary or deputy) land on the planning view, everyone else on their meetings. */
export default function TenantIndex() {
  const params = useParams<{ tenantId: string }>();
  return <Navigate href={`/t/${params.tenantId}/${plansAnyBranch(params.tenantId) ? "planning" : "meetings"}`} />;
}
