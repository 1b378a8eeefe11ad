/**
 * The versions of a closed meeting's minutes on its page: which is approved, approving the latest, and a new
 * version written from the latest. The rules are the API's (worker/routes/meeting-minutes.ts): the chair or an
 * admin approves, and only the latest version; the chair, the minutes-taker or an admin adds a version; once
 * a version is approved nothing is added, so the approved text never changes.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import type { TenantRole } from "../../../../schema/api/auth";
import type { Meeting, MeetingMinutes, MinutesVersion } from "../../../../schema/api/meetings";
import { meetingsApi } from "../../api";
import { t as common } from "../../i18n/common";
import { formatDateTime } from "../../i18n/format";
import { me, tenantOf } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { TextAreaField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { mt } from "./minutes-messages";
import { MinutesRefusal } from "./minutes-refusal";

type People = Pick<Meeting, "chairPersonId" | "chairName" | "minutesTakerPersonId" | "minutesTakerName">;

/** What this person may do with these minutes, as the API decides it. */
export function minutesRights(
  meeting: People & Pick<Meeting, "status">,
  personId: string | undefined,
  tenantRole: TenantRole | null | undefined,
) {
  const admin = tenantRole === "admin";
  const chair = !!personId && personId === meeting.chairPersonId;
  const taker = !!personId && personId === meeting.minutesTakerPersonId;
  const closed = meeting.status === "closed";
  return { approve: closed && (chair || admin), write: closed && (chair || taker || admin) };
}

export interface MinutesVersionsProps {
  minutes: MeetingMinutes;
  meeting: People;
  canApprove: boolean;
  canWrite: boolean;
  busy?: boolean;
  onApprove: (version: number) => void;
  /** Resolves true when the version was saved, so the editor closes. */
  onNewVersion: (body: string) => Promise<boolean>;
}

/** The list and its controls, given the minutes as the API returned them (newest version first). */
export function MinutesVersions(props: MinutesVersionsProps) {
  const [editing, setEditing] = createSignal(false);
  const [body, setBody] = createSignal("");
  const latest = () => props.minutes.latest;
  const approved = () => props.minutes.versions.some((v) => v.status === "approved");
  const nextVersion = () => (latest()?.version ?? 0) + 1;
  // The chair and the minutes-taker are the people the page knows by name; an admin's edit shows no name.
  const nameOf = (id: string | null) =>
    id === null
      ? null
      : id === props.meeting.chairPersonId
        ? props.meeting.chairName
        : id === props.meeting.minutesTakerPersonId
          ? props.meeting.minutesTakerName
          : null;
  const startEditing = () => {
    setBody(latest()?.body ?? "");
    setEditing(true);
  };
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    if (await props.onNewVersion(body())) setEditing(false);
  };
  const state = (v: MinutesVersion) =>
    v.status === "approved" ? "approved" : v.version === latest()?.version ? "waiting" : "superseded";

  return (
    <section class="section" aria-labelledby="minutes-versions-title">
      <h2 id="minutes-versions-title">{mt("title")}</h2>
      <p class="hint">{mt("hint")}</p>
      <Show when={props.minutes.versions.length > 0} fallback={<p>{mt("none")}</p>}>
        <ul class="card-list" aria-label={mt("title")}>
          <For each={props.minutes.versions}>
            {(v) => (
              <li class="card" data-version={v.version}>
                <strong>{mt("version", { n: v.version })}</strong>{" "}
                <span class={`badge ${state(v) === "approved" ? "badge-ok" : "badge-muted"}`}>{mt(state(v))}</span>
                <p class="muted">
                  {mt("savedAt", { when: formatDateTime(v.createdAt) })}
                  <Show when={nameOf(v.createdBy)}>{(name) => <> {mt("by", { name: name() })}</>}</Show>
                  <Show when={v.approvedAt}>{(at) => <> · {mt("approvedAt", { when: formatDateTime(at()) })}</>}</Show>
                  <Show when={v.status === "approved" && nameOf(v.approvedBy)}>
                    {(name) => <> {mt("by", { name: name() })}</>}
                  </Show>
                </p>
                <Show when={props.canApprove && !approved() && v.version === latest()?.version}>
                  <button
                    type="button"
                    class="btn btn-primary"
                    disabled={props.busy}
                    onClick={() => props.onApprove(v.version)}
                  >
                    {mt("approve", { n: v.version })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={approved()}>
        <p class="notice">{mt("final")}</p>
      </Show>
      <Show when={props.canWrite && !approved()}>
        <Show
          when={editing()}
          fallback={
            <button type="button" class="btn" onClick={startEditing}>
              {latest() ? mt("newVersion", { n: latest()!.version }) : mt("firstVersion")}
            </button>
          }
        >
          <form class="card" onSubmit={(e) => void save(e)}>
            <TextAreaField label={mt("body")} required rows={16} maxLength={500_000} value={body()} onValue={setBody} />
            <div class="actions">
              <button type="submit" class="btn btn-primary" disabled={props.busy || !body().trim()}>
                {mt("saveAs", { n: nextVersion() })}
              </button>
              <button type="button" class="btn" onClick={() => setEditing(false)}>
                {mt("cancel")}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}

/**
 * The section on a closed meeting's page: loads the versions and makes the two writes. `onApproved` lets the page
 * refresh what else shows the approval (the record's link to the approved minutes).
 */
export function MinutesVersionsSection(props: { tenantId: string; meeting: Meeting; onApproved?: () => void }) {
  const [minutes, { refetch, mutate }] = createResource(
    () => ({ t: props.tenantId, m: props.meeting.id }),
    (q) => meetingsApi.minutes(q.t, q.m),
  );
  const action = createAction();
  const rights = () => minutesRights(props.meeting, me()?.person.id, tenantOf(props.tenantId)?.role);
  const write = async (call: () => Promise<MeetingMinutes>, toast: (m: MeetingMinutes) => string) => {
    let ok = false;
    await action.run(async () => {
      const next = await call();
      mutate(next);
      showToast(toast(next));
      ok = true;
    });
    // Someone else may have saved or approved meanwhile (409): show what is there now.
    if (!ok) void refetch();
    return ok;
  };
  const approve = async (version: number) => {
    const ok = await write(
      () => meetingsApi.approveMinutes(props.tenantId, props.meeting.id, version),
      () => mt("approvedToast", { n: version }),
    );
    if (ok) props.onApproved?.();
  };
  const addVersion = (body: string) =>
    write(
      () => meetingsApi.addMinutesVersion(props.tenantId, props.meeting.id, { body }),
      (m) => mt("savedToast", { n: m.latest?.version ?? 0 }),
    );
  // Kept mounted across a reload (not re-created as ResourceView would), so a refused save keeps its text.
  const loaded = () => (minutes.state === "ready" || minutes.state === "refreshing" ? minutes() : undefined);
  return (
    <>
      <Show when={minutes.error}>
        <ErrorNotice error={minutes.error} onRetry={() => void refetch()} />
      </Show>
      <Show
        when={loaded()}
        fallback={
          <Show when={!minutes.error}>
            <p class="loading" aria-busy="true">
              {common("loading")}
            </p>
          </Show>
        }
      >
        {(data) => (
          <MinutesVersions
            minutes={data()}
            meeting={props.meeting}
            canApprove={rights().approve}
            canWrite={rights().write}
            busy={action.busy()}
            onApprove={(n) => void approve(n)}
            onNewVersion={addVersion}
          />
        )}
      </Show>
      <Show when={action.error()}>
        <MinutesRefusal error={action.error()} />
      </Show>
    </>
  );
}
