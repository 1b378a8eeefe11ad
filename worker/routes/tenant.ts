import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireTenantSession } from "../middleware/tenant";
import { committeesRoutes, guestCandidatesRoutes } from "./committees";
import { evaluationsRoutes } from "./evaluations";
import { memberInvitationsRoutes } from "./invitations";
import { bulkInvitationsRoutes } from "./invitations-bulk";
import { meetingsRoutes } from "./meetings";
import { membersRoutes } from "./members";
import { organizationsRoutes } from "./organizations";
import { reportsRoutes } from "./reports";
import { ticketsRoutes } from "./tickets";
import { visitsRoutes } from "./visits";

/** Everything under /api/tenants/:tenantId needs a session and standing in that tenant. */
export const tenantRoutes = new Hono<AppEnv>()
  .use(requireTenantSession)
  .route("/organizations", organizationsRoutes)
  .route("/members", membersRoutes)
  .route("/members/:membershipId/invitations", memberInvitationsRoutes)
  .route("/invitations", bulkInvitationsRoutes)
  .route("/meetings", meetingsRoutes)
  .route("/tickets", ticketsRoutes)
  .route("/visits", visitsRoutes)
  .route("/reports", reportsRoutes)
  .route("/evaluations", evaluationsRoutes)
  .route("/committees", committeesRoutes)
  .route("/guest-candidates", guestCandidatesRoutes);
