import { Navigate, useParams } from "@solidjs/router";
import { canManageTenant } from "../../session";

/** Staff land on the planning view, everyone else on their meetings. */
export default function TenantIndex() {
  const params = useParams<{ tenantId: string }>();
  return <Navigate href={`/t/${params.tenantId}/${canManageTenant(params.tenantId) ? "planning" : "meetings"}`} />;
}
