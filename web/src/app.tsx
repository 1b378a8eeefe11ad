/**
 * The route table. Every page is a lazy chunk, so a member opening the room loads the shell and the room
 * view only; the console, reports and the PDF code come when someone opens them.
 */
import { Route, Router, type RouteSectionProps, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, ErrorBoundary, lazy, Match, on, Switch } from "solid-js";
import { parseRoomPagePath, roomPageRoute } from "../../schema/room-page";
import { t } from "./i18n/common";
import { session } from "./session";
import { ErrorNotice } from "./ui/error-notice";
import { Toaster } from "./ui/toast";

const LoginPage = lazy(() => import("./pages/login-page"));
const ForgotPasswordPage = lazy(() => import("./pages/forgot-password-page"));
const InvitePage = lazy(() => import("./pages/invite/invite-page"));
const HomePage = lazy(() => import("./pages/home-page"));
const AccountPage = lazy(() => import("./pages/account-page"));
const NotFoundPage = lazy(() => import("./pages/not-found-page"));
const TenantLayout = lazy(() => import("./pages/tenant/tenant-layout"));
const TenantIndex = lazy(() => import("./pages/tenant/tenant-index"));
const OrganizationsPage = lazy(() => import("./pages/tenant/organizations-page"));
const MembersPage = lazy(() => import("./pages/tenant/members-page"));
const ImportPage = lazy(() => import("./pages/tenant/import-page"));
const PlanningPage = lazy(() => import("./pages/tenant/planning-page"));
const MeetingsPage = lazy(() => import("./pages/tenant/meetings-page"));
const MeetingNewPage = lazy(() => import("./pages/tenant/meeting-new-page"));
const MeetingPage = lazy(() => import("./pages/tenant/meeting-page"));
const MinutesPage = lazy(() => import("./pages/minutes/minutes-page"));
const ResolutionPage = lazy(() => import("./pages/resolution/resolution-page"));
const RoomPage = lazy(() => import("./room/room-page"));
const HallPage = lazy(() => import("./room/hall-page"));
const ReportsPage = lazy(() => import("./reports/reports-page"));
const CommitteesPage = lazy(() => import("./pages/tenant/committees-page"));

// On a room or hall address, fetch that page's code now, beside the session check, rather than after the
// session answered and the guard let the page render: one round trip less before a member can vote.
if (typeof window !== "undefined") {
  const page = parseRoomPagePath(window.location.pathname)?.page;
  if (page === "room") void RoomPage.preload();
  else if (page === "hall") void HallPage.preload();
}

function Root(props: RouteSectionProps) {
  const location = useLocation();
  // After a client-side navigation, move focus to the new page's main region so a screen reader starts
  // reading there (a full page load does this by itself).
  createEffect(
    on(
      () => location.pathname,
      () => requestAnimationFrame(() => document.getElementById("main")?.focus({ preventScroll: true })),
      { defer: true },
    ),
  );
  return (
    <>
      {/* A page that fails to render (or a lazy chunk that fails to load, e.g. after a deploy) shows a retry, not a blank screen. */}
      <ErrorBoundary
        fallback={(err, reset) => (
          <main id="main" class="page-loading">
            <ErrorNotice
              error={err}
              onRetry={() =>
                err instanceof TypeError && /import|fetch/i.test(err.message) ? window.location.reload() : reset()
              }
            />
          </main>
        )}
      >
        {props.children}
      </ErrorBoundary>
      <Toaster />
    </>
  );
}

/**
 * Pages behind login: wait for the session, send anonymous visitors to /login and back afterwards. The live
 * room and hall do not wait: they enter on their own ticket (refused without a session), and on a slow phone
 * network /api/auth/me would otherwise stand between a member and the vote buttons.
 */
function RequireLogin(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  createEffect(() => {
    if (session().status === "anonymous") {
      const next = location.pathname + location.search;
      navigate(`/login${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`, { replace: true });
    }
  });
  return (
    <Switch>
      <Match
        when={
          session().status === "ready" ||
          (session().status === "loading" && parseRoomPagePath(location.pathname) !== null)
        }
      >
        {props.children}
      </Match>
      <Match when={session().status === "loading"}>
        <p class="loading page-loading" aria-busy="true">
          {t("loading")}
        </p>
      </Match>
    </Switch>
  );
}

export function App() {
  return (
    <Router root={Root}>
      <Route path="/login" component={LoginPage} />
      <Route path="/forgot-password" component={ForgotPasswordPage} />
      {/* Public: the link on an invitation slip, or the page to type its code; it reads the session itself. */}
      <Route path="/invite/:secret?" component={InvitePage} />
      <Route path="/" component={RequireLogin}>
        <Route path="/" component={HomePage} />
        <Route path="/account" component={AccountPage} />
        <Route path={roomPageRoute("room")} component={RoomPage} />
        <Route path={roomPageRoute("hall")} component={HallPage} />
        <Route path="/t/:tenantId/meetings/:meetingId/minutes" component={MinutesPage} />
        <Route path="/t/:tenantId/meetings/:meetingId/resolution" component={ResolutionPage} />
        <Route path="/t/:tenantId" component={TenantLayout}>
          <Route path="/" component={TenantIndex} />
          <Route path="/organizations" component={OrganizationsPage} />
          <Route path="/members" component={MembersPage} />
          <Route path="/members/import" component={ImportPage} />
          <Route path="/planning" component={PlanningPage} />
          <Route path="/meetings" component={MeetingsPage} />
          <Route path="/meetings/new" component={MeetingNewPage} />
          <Route path="/meetings/:meetingId" component={MeetingPage} />
          <Route path="/reports/*rest" component={ReportsPage} />
          <Route path="/committees" component={CommitteesPage} />
        </Route>
      </Route>
      <Route path="*404" component={NotFoundPage} />
    </Router>
  );
}
