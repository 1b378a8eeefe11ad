/**
 * One meeting before, during and after: details (time, place, chair, minutes-taker), agenda, documents
 * and guests for staff to prepare; links into the room, the hall screen and the minutes for everyone.
 */
import { A, useParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, on, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { AgendaItem, MeetingDetail, MeetingFormat } from "../../../../schema/api/meetings";
import { roomPagePath } from "../../../../schema/room-page";
import { meetingsApi } from "../../api";
import { formatDateTime, fromLocalInput, toLocalInput } from "../../i18n/format";
import { canPlanBranch } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { showToast } from "../../ui/toast";
import { ResolutionLink } from "../resolution/resolution-link";
import { TaskReviewPanel } from "../resolution/task-review-panel";
import { type AgendaDraft, AgendaEditor } from "./agenda-editor";
import { saveAgenda } from "./agenda-save";
import { AgendaText } from "./agenda-text";
import { CombinedField, combinedFor } from "./combined-field";
import { ExpectedSection } from "./expected-section";
import { MediaField, MediaLine, mediaFor } from "./media-field";
import { gt } from "./meeting-messages";
import { RecordSection } from "./meeting-record";
import { DocumentsSection, GuestsSection } from "./meeting-sections";
import { memberOptions, presenterOptions } from "./member-picker";
import { MinutesVersionsSection } from "./minutes-versions";
import "../../styles/console.css";

const FORMATS: readonly MeetingFormat[] = ["in_person", "hybrid", "online"];
const statusBadge = { planned: "badge-muted", live: "badge-ok", closed: "badge-ok", cancelled: "badge-err" } as const;

function DetailsForm(props: { tenantId: string; meeting: MeetingDetail; onSaved: () => void }) {
  const m = props.meeting;
  const [topic, setTopic] = createSignal(m.topic);
  const [start, setStart] = createSignal(toLocalInput(m.scheduledAt));
  const [place, setPlace] = createSignal(m.place);
  const [format, setFormat] = createSignal<MeetingFormat>(m.format);
  const [onlineBasis, setOnlineBasis] = createSignal(m.onlineBasis ?? "");
  const [combined, setCombined] = createSignal(m.combined);
  const [mediaMode, setMediaMode] = createSignal(m.mediaMode);
  const [mediaLink, setMediaLink] = createSignal(m.mediaLink ?? "");
  const [chair, setChair] = createSignal(m.chairPersonId ?? "");
  const [taker, setTaker] = createSignal(m.minutesTakerPersonId ?? "");
  const action = createAction();
  // The branch's active members come with the meeting: the page asks for nothing a guest may not read.
  const members = () => props.meeting.expected;
  const fieldErr = () => issuesByField(action.error());

  const save = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await meetingsApi.update(props.tenantId, m.id, {
        topic: topic().trim(),
        scheduledAt: fromLocalInput(start()),
        place: place().trim(),
        format: format(),
        onlineBasis: format() === "online" ? onlineBasis().trim() : null,
        chairPersonId: chair() || null,
        minutesTakerPersonId: taker() || null,
        combined: combinedFor(m.kind, combined()),
        ...mediaFor(mediaMode(), mediaLink()),
      });
      showToast(gt("saved"));
      props.onSaved();
    });
  };

  return (
    <form class="section" onSubmit={save}>
      <h2>{gt("details")}</h2>
      <TextField
        label={gt("topic")}
        required
        maxLength={300}
        value={topic()}
        onValue={setTopic}
        error={fieldErr().topic}
      />
      <CombinedField kind={m.kind} checked={combined()} onChecked={setCombined} />
      <div class="form-row">
        <TextField
          label={gt("scheduledAt")}
          type="datetime-local"
          required
          value={start()}
          onValue={setStart}
          error={fieldErr().scheduledAt}
        />
        <TextField label={gt("place")} maxLength={200} value={place()} onValue={setPlace} error={fieldErr().place} />
      </div>
      <div class="form-row">
        <SelectField
          label={gt("format")}
          value={format()}
          onValue={(v) => setFormat(v as MeetingFormat)}
          options={FORMATS.map((f) => ({ value: f, label: gt(`format_${f}`) }))}
        />
        <Show when={format() === "online"}>
          <TextField
            label={gt("onlineBasis")}
            hint={gt("onlineBasisHint")}
            required
            maxLength={500}
            value={onlineBasis()}
            onValue={setOnlineBasis}
            error={fieldErr().onlineBasis}
          />
        </Show>
      </div>
      <MediaField
        mode={mediaMode()}
        link={mediaLink()}
        onMode={setMediaMode}
        onLink={setMediaLink}
        error={fieldErr().mediaLink}
      />
      <div class="form-row">
        <SelectField
          label={gt("chair")}
          value={chair()}
          onValue={setChair}
          placeholder={gt("nobody")}
          options={memberOptions(members())}
          error={fieldErr().chairPersonId}
        />
        <SelectField
          label={gt("minutesTaker")}
          value={taker()}
          onValue={setTaker}
          placeholder={gt("nobody")}
          options={memberOptions(members())}
          error={fieldErr().minutesTakerPersonId}
        />
      </div>
      <Show when={action.error()}>
        <ErrorNotice error={action.error()} />
      </Show>
      <button type="submit" class="btn btn-primary" disabled={action.busy()}>
        {gt("saveDetails")}
      </button>
    </form>
  );
}

function AgendaSection(props: { tenantId: string; meeting: MeetingDetail; editable: boolean; onSaved: () => void }) {
  const drafts = (agenda: readonly AgendaItem[]): AgendaDraft[] =>
    agenda.map((a) => ({
      id: a.id,
      title: a.title,
      minutesBudget: a.minutesBudget,
      presenterPersonId: a.presenterPersonId,
    }));
  const members = () => props.meeting.expected;
  const [items, setItems] = createSignal<AgendaDraft[]>(drafts(props.meeting.agenda));
  // When the server's agenda changes (after a save, even one that failed part-way), the editor shows it.
  createEffect(on(() => drafts(props.meeting.agenda), setItems, { defer: true }));
  const action = createAction();
  const save = () =>
    action.run(async () => {
      try {
        await saveAgenda(props.tenantId, props.meeting.id, props.meeting.agenda, items());
        showToast(gt("saved"));
      } finally {
        props.onSaved();
      }
    });
  return (
    <section class="section" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{gt("agenda")}</h2>
      {/* Those who cannot change it (members, guests, and everyone once it is planned no more) read it as text. */}
      <Show when={props.editable} fallback={<AgendaText items={props.meeting.agenda} />}>
        <AgendaEditor
          items={items()}
          onChange={setItems}
          presenters={presenterOptions(members(), props.meeting.guests, props.meeting.agenda)}
        />
      </Show>
      <Show when={action.error()}>
        <ErrorNotice error={action.error()} />
      </Show>
      <Show when={props.editable}>
        <div class="actions">
          <button type="button" class="btn btn-primary" disabled={action.busy()} onClick={() => void save()}>
            {gt("saveAgenda")}
          </button>
        </div>
      </Show>
    </section>
  );
}

function CancelSection(props: { tenantId: string; meetingId: string; onDone: () => void }) {
  const [open, setOpen] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const action = createAction();
  const cancel = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await meetingsApi.cancel(props.tenantId, props.meetingId, { reason: reason().trim() });
      showToast(gt("cancelled"));
      props.onDone();
    });
  };
  return (
    <section class="section">
      <Show
        when={open()}
        fallback={
          <button type="button" class="btn btn-danger" onClick={() => setOpen(true)}>
            {gt("cancelMeeting")}
          </button>
        }
      >
        <form class="card" onSubmit={cancel}>
          <TextField
            label={gt("cancelReason")}
            required
            maxLength={1000}
            value={reason()}
            onValue={setReason}
            error={issuesByField(action.error()).reason}
          />
          <Show when={action.error()}>
            <ErrorNotice error={action.error()} />
          </Show>
          <button type="submit" class="btn btn-danger" disabled={action.busy()}>
            {gt("confirmCancel")}
          </button>
        </form>
      </Show>
    </section>
  );
}

/** The meeting as it stands; the store keeps each section mounted across reloads, so one section's save
 * never wipes what someone is typing in another. */
function MeetingBody(props: { tenantId: string; m: MeetingDetail; reload: () => void }) {
  const m = props.m;
  const base = () => `/t/${props.tenantId}/meetings/${m.id}`;
  const reload = () => props.reload();
  // What the API lets a planner of this branch (staff, or its secretary/deputy) change: details and agenda
  // while planned; documents and guests until it closes.
  const planner = () => canPlanBranch(props.tenantId, m.organizationId);
  const planned = () => planner() && m.status === "planned";
  const preparing = () => planner() && (m.status === "planned" || m.status === "live");
  // Bumped when the minutes are approved: the record then reads its links again.
  const [recordStamp, setRecordStamp] = createSignal(0);
  return (
    <>
      <p class="muted">
        {m.organizationName} · {gt(`kind_${m.kind}`)}
        <Show when={m.combined}> ({gt("combinedBadge")})</Show>
      </p>
      <h1>{m.topic}</h1>
      <p>
        <span class={`badge ${statusBadge[m.status]}`}>{gt(`status_${m.status}`)}</span> {formatDateTime(m.scheduledAt)}
        <Show when={m.place}> · {m.place}</Show> · {gt(`format_${m.format}`)}
      </p>
      <p class="meeting-media">
        <MediaLine mode={m.mediaMode} link={m.mediaLink} />
      </p>
      <div class="actions">
        <Show when={m.status === "planned" || m.status === "live"}>
          <A class="btn btn-primary btn-big" href={roomPagePath(props.tenantId, m.id)}>
            {gt("openRoom")}
          </A>
          <A class="btn" href={roomPagePath(props.tenantId, m.id, "hall")}>
            {gt("openHall")}
          </A>
        </Show>
        <Show when={m.status !== "cancelled"}>
          <A class="btn" href={`${base()}/minutes`}>
            {gt("openMinutes")}
          </A>
          <ResolutionLink tenantId={props.tenantId} meetingId={m.id} />
        </Show>
      </div>
      <Show when={m.status === "closed"}>
        <p class="notice">{gt("readOnlyClosed")}</p>
      </Show>
      {/* After close the page is the record; a live meeting's room may have closed with D1 still saving. */}
      <Show when={m.status === "closed" || m.status === "live"}>
        <RecordSection tenantId={props.tenantId} meeting={m} onComplete={reload} stamp={recordStamp()} />
      </Show>
      <Show when={m.status === "closed"}>
        <MinutesVersionsSection tenantId={props.tenantId} meeting={m} onApproved={() => setRecordStamp((n) => n + 1)} />
      </Show>
      <Show when={m.status === "live" && preparing()}>
        <p class="notice">{gt("liveReadOnly")}</p>
      </Show>
      <Show when={m.status === "cancelled" && m.cancelReason}>
        <p class="notice">{gt("cancelledBecause", { reason: m.cancelReason ?? "" })}</p>
      </Show>
      <Show when={planned()}>
        <DetailsForm tenantId={props.tenantId} meeting={m} onSaved={reload} />
      </Show>
      <Show when={m.agenda.some((a) => a.kind === "task_review")}>
        <TaskReviewPanel tenantId={props.tenantId} meetingId={m.id} />
      </Show>
      <AgendaSection tenantId={props.tenantId} meeting={m} editable={planned()} onSaved={reload} />
      <ExpectedSection items={m.expected} />
      <DocumentsSection
        tenantId={props.tenantId}
        meetingId={m.id}
        items={m.documents}
        editable={preparing()}
        onChange={reload}
      />
      <GuestsSection
        tenantId={props.tenantId}
        meetingId={m.id}
        items={m.guests}
        editable={preparing()}
        onChange={reload}
      />
      <Show when={planned()}>
        <CancelSection tenantId={props.tenantId} meetingId={m.id} onDone={reload} />
      </Show>
    </>
  );
}

export default function MeetingPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const [meeting, { refetch }] = createResource(
    () => ({ t: params.tenantId, m: params.meetingId }),
    (q) => meetingsApi.get(q.t, q.m),
  );
  const [current, setCurrent] = createStore<{ m?: MeetingDetail }>({});
  createEffect(() => {
    if (meeting.state === "ready") setCurrent("m", reconcile(meeting()));
  });
  const reload = () => void refetch();

  return (
    <Show
      when={current.m?.id === params.meetingId}
      fallback={
        <ResourceView resource={meeting} onRetry={reload}>
          {() => null}
        </ResourceView>
      }
    >
      <Show when={meeting.error}>
        <ErrorNotice error={meeting.error} onRetry={reload} />
      </Show>
      <MeetingBody tenantId={params.tenantId} m={current.m!} reload={reload} />
    </Show>
  );
}
