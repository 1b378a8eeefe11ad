/**
 * Leaders' visit plans for the period: who goes to which branch in which month, what happened (from the
 * room: present or evaluated → attended; the meeting ended without them → missed), registering a visit,
 * and moving a missed one to the branch's next meeting. A visiting leader sees only their own plans.
 */
import { A } from "@solidjs/router";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { type VisitStatus, visitStatuses } from "../../../schema/api/visit-labels";
import type { VisitView } from "../../../schema/api/visits";
import { vnThisMonth } from "../../../schema/calendar";
import { roomPagePath } from "../../../schema/room-page";
import { mayPlanVisits } from "../../../schema/visit-rule";
import { branchesOf, organizationsApi } from "../api";
import { formatDate } from "../i18n/format";
import { tenantOf } from "../session";
import { ErrorNotice } from "../ui/error-notice";
import { SelectField, TextField } from "../ui/fields";
import { ResourceView } from "../ui/resource-view";
import { showToast } from "../ui/toast";
import { type PeriodState, periodQuery } from "./period";
import { rt } from "./report-messages";
import { periodLabel, visitStatusLabel } from "./report-words";
import { visitsApi } from "./reports-api";

const STATUS_BADGE: Record<VisitStatus, string> = {
  planned: "badge-muted",
  attended: "badge-ok",
  missed: "badge-err",
  moved: "badge-warn",
};

/**
 * What the committee can do with a plan: a missed visit moves to the next meeting, or is recorded as
 * attended when the leader was there but the room kept no trace (a silent guest, a hall without devices);
 * a plan still ahead can be deleted.
 */
export function visitActions(v: Pick<VisitView, "status">): ("markAttended" | "move" | "delete")[] {
  if (v.status === "missed") return ["markAttended", "move"];
  if (v.status === "planned") return ["delete"];
  return [];
}

/**
 * Where a plan's meeting opens: the committee goes to the meeting's page; the leader, while the visit is
 * still ahead and the meeting not over, straight into its room (the plan invited them); else nowhere.
 */
export function visitMeetingHref(
  tenantId: string,
  v: Pick<VisitView, "meetingId" | "meetingStatus" | "status">,
  staff: boolean,
): string | null {
  if (!v.meetingId) return null;
  if (staff) return `/t/${tenantId}/meetings/${v.meetingId}`;
  const open = v.meetingStatus === "planned" || v.meetingStatus === "live";
  return v.status === "planned" && open ? roomPagePath(tenantId, v.meetingId) : null;
}

export function VisitsPanel(props: { tenantId: string; period: PeriodState }) {
  // The committee's managers, and the province's above it (schema/visit-rule.ts), plan visits.
  const manage = () => {
    const t = tenantOf(props.tenantId);
    return !!t && mayPlanVisits(t.viaProvince ? null : t.role, t.provinceRole);
  };
  const staff = () => tenantOf(props.tenantId)?.role != null;
  const [status, setStatus] = createSignal<VisitStatus | "">("");
  const [list, { refetch }] = createResource(
    () => ({ tenantId: props.tenantId, period: periodQuery(props.period), status: status() || undefined }),
    (k) => visitsApi.list(k.tenantId, { ...k.period, status: k.status }),
  );
  const [error, setError] = createSignal<unknown>(null);
  /** Runs a change, then says what happened (the message may depend on the answer) and reloads. */
  const act = async (fn: () => Promise<string>) => {
    setError(null);
    try {
      showToast(await fn());
      await refetch();
    } catch (err) {
      setError(err);
    }
  };
  const move = (v: VisitView) =>
    act(async () => {
      const res = await visitsApi.move(props.tenantId, v.id, {});
      return rt("moved", {
        date: res.plan.meetingScheduledAt ? formatDate(res.plan.meetingScheduledAt) : res.plan.month,
      });
    });
  const markAttended = (v: VisitView) =>
    act(async () => {
      await visitsApi.update(props.tenantId, v.id, { status: "attended" });
      return rt("markedAttended");
    });
  const remove = (v: VisitView) =>
    act(async () => {
      await visitsApi.remove(props.tenantId, v.id);
      return rt("deleted");
    });

  return (
    <section aria-labelledby="visits-title">
      <h2 id="visits-title">{staff() ? rt("visitsTitle") : rt("myVisits")}</h2>
      <Show when={manage()}>
        <RegisterForm tenantId={props.tenantId} onDone={() => void refetch()} />
      </Show>
      <SelectField
        label={rt("status")}
        value={status()}
        onValue={(v) => setStatus(v as VisitStatus | "")}
        placeholder={rt("allStatuses")}
        options={visitStatuses.map((s) => ({ value: s, label: visitStatusLabel(s) }))}
      />
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <ResourceView resource={list} onRetry={refetch}>
        {(data) => {
          const kept = () => data.items.filter((v) => v.status === "attended").length;
          const planned = () => data.items.filter((v) => v.status !== "moved").length;
          return (
            <>
              <p class="visits-kept">
                {periodLabel(data.period)}: <strong>{kept()}</strong> / {planned()} {rt("legendAttended").toLowerCase()}
              </p>
              <div class="table-wrap">
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{rt("visitMonth")}</th>
                      <th scope="col">{rt("leader")}</th>
                      <th scope="col">{rt("branch")}</th>
                      <th scope="col">{rt("meeting")}</th>
                      <th scope="col">{rt("status")}</th>
                      <th scope="col">{rt("notes")}</th>
                      <Show when={manage()}>
                        <th scope="col">
                          <span class="sr-only">{rt("move")}</span>
                        </th>
                      </Show>
                    </tr>
                  </thead>
                  <tbody>
                    <For
                      each={data.items}
                      fallback={
                        <tr>
                          <td colSpan={7} class="empty">
                            {rt("noData")}
                          </td>
                        </tr>
                      }
                    >
                      {(v) => (
                        <tr classList={{ "row-behind": v.status === "missed" }}>
                          <td data-label={rt("visitMonth")}>{`${v.month.slice(5)}/${v.month.slice(0, 4)}`}</td>
                          <td data-label={rt("leader")}>{v.leaderName}</td>
                          <td data-label={rt("branch")}>{v.organizationName}</td>
                          <td data-label={rt("meeting")}>
                            <Show when={v.meetingScheduledAt} fallback={rt("noMeetingYet")}>
                              {(at) => (
                                <Show
                                  when={staff() && visitMeetingHref(props.tenantId, v, true)}
                                  fallback={formatDate(at())}
                                >
                                  {(href) => <A href={href()}>{formatDate(at())}</A>}
                                </Show>
                              )}
                            </Show>
                            <Show when={!staff() && visitMeetingHref(props.tenantId, v, false)}>
                              {(href) => (
                                <>
                                  {" "}
                                  <A href={href()} class="btn btn-small btn-primary">
                                    {rt("enterRoom")}
                                  </A>
                                </>
                              )}
                            </Show>
                          </td>
                          <td data-label={rt("status")}>
                            <span class={`badge ${STATUS_BADGE[v.status]}`}>{visitStatusLabel(v.status)}</span>
                          </td>
                          <td data-label={rt("notes")}>{v.notes}</td>
                          <Show when={manage()}>
                            <td>
                              <For each={visitActions(v)}>
                                {(a) =>
                                  a === "delete" ? (
                                    <button
                                      type="button"
                                      class="btn btn-small btn-danger"
                                      onClick={() => void remove(v)}
                                      aria-label={`${rt("deleteVisit")}: ${v.leaderName}, ${v.organizationName}`}
                                    >
                                      ✕
                                    </button>
                                  ) : (
                                    <button
                                      type="button"
                                      class="btn btn-small"
                                      onClick={() => void (a === "move" ? move(v) : markAttended(v))}
                                    >
                                      {rt(a)}
                                    </button>
                                  )
                                }
                              </For>
                            </td>
                          </Show>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

function RegisterForm(props: { tenantId: string; onDone: () => void }) {
  const [tree] = createResource(
    () => props.tenantId,
    (id) => organizationsApi.tree(id),
  );
  const [leaders] = createResource(
    () => props.tenantId,
    (id) => visitsApi.leaders(id),
  );
  const branches = createMemo(() => (tree() ? branchesOf(tree()!) : []));
  const [leaderId, setLeaderId] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [orgId, setOrgId] = createSignal("");
  const [month, setMonth] = createSignal(vnThisMonth());
  const [notes, setNotes] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await visitsApi.create(props.tenantId, {
        ...(leaderId() ? { leaderPersonId: leaderId() } : { leaderEmail: email().trim() }),
        organizationId: orgId(),
        month: month(),
        notes: notes(),
      });
      showToast(rt("registered"));
      setNotes("");
      props.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card register-visit">
      <summary>{rt("register")}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <SelectField
          label={rt("leader")}
          value={leaderId()}
          onValue={setLeaderId}
          placeholder={rt("chooseLeader")}
          options={(leaders()?.items ?? []).map((l) => ({
            value: l.personId,
            label: l.email ? `${l.fullName} (${l.email})` : l.fullName,
          }))}
        />
        <Show when={!leaderId()}>
          <TextField label={rt("leaderEmail")} type="email" value={email()} onValue={setEmail} maxLength={254} />
        </Show>
        <SelectField
          label={rt("branch")}
          value={orgId()}
          onValue={setOrgId}
          required
          placeholder={rt("chooseBranch")}
          options={branches().map((b) => ({ value: b.id, label: b.name }))}
        />
        <TextField label={rt("visitMonth")} type="month" value={month()} onValue={setMonth} required />
        <TextField label={rt("notes")} value={notes()} onValue={setNotes} maxLength={2000} />
        <Show when={error()}>
          <ErrorNotice error={error()} />
        </Show>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {rt("register")}
        </button>
      </form>
    </details>
  );
}
