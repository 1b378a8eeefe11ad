/**
 * One meeting before, during and after: details (time, place, chair, minutes-taker), agenda, documents
 * and guests for staff to prepare; links into the room, the hall screen and the minutes for everyone.
 */
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { meetingsApi } from "../../api";
import type { MeetingDetail, MeetingFormat } from "../../api/meeting-types";
import { formatDateTime, fromLocalInput, toLocalInput } from "../../i18n/format";
import { canManageTenant } from "../../session";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { showToast } from "../../ui/toast";
import { AgendaEditor, type AgendaDraft } from "./agenda-editor";
import { DocumentsSection, GuestsSection } from "./meeting-sections";
import { createBranchMembers, memberOptions } from "./member-picker";
import { gt } from "./meeting-messages";
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
  const [chair, setChair] = createSignal(m.chairPersonId ?? "");
  const [taker, setTaker] = createSignal(m.minutesTakerPersonId ?? "");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const members = createBranchMembers(() => props.tenantId, () => m.organizationId);
  const fieldErr = () => issuesByField(error());

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.update(props.tenantId, m.id, {
        topic: topic().trim(),
        scheduledAt: fromLocalInput(start()),
        place: place().trim(),
        format: format(),
        onlineBasis: format() === "online" ? onlineBasis().trim() : null,
        chairPersonId: chair() || null,
        minutesTakerPersonId: taker() || null,
      });
      showToast(gt("saved"));
      props.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="section" onSubmit={(e) => void save(e)}>
      <h2>{gt("details")}</h2>
      <TextField label={gt("topic")} required maxLength={300} value={topic()} onValue={setTopic} error={fieldErr().topic} />
      <div class="form-row">
        <TextField label={gt("scheduledAt")} type="datetime-local" required value={start()} onValue={setStart} error={fieldErr().scheduledAt} />
        <TextField label={gt("place")} maxLength={200} value={place()} onValue={setPlace} error={fieldErr().place} />
      </div>
      <div class="form-row">
        <SelectField label={gt("format")} value={format()} onValue={(v) => setFormat(v as MeetingFormat)} options={FORMATS.map((f) => ({ value: f, label: gt(`format_${f}`) }))} />
        <Show when={format() === "online"}>
          <TextField label={gt("onlineBasis")} hint={gt("onlineBasisHint")} required maxLength={500} value={onlineBasis()} onValue={setOnlineBasis} error={fieldErr().onlineBasis} />
        </Show>
      </div>
      <div class="form-row">
        <SelectField label={gt("chair")} value={chair()} onValue={setChair} placeholder={gt("nobody")} options={memberOptions(members())} error={fieldErr().chairPersonId} />
        <SelectField label={gt("minutesTaker")} value={taker()} onValue={setTaker} placeholder={gt("nobody")} options={memberOptions(members())} error={fieldErr().minutesTakerPersonId} />
      </div>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        {gt("saveDetails")}
      </button>
    </form>
  );
}

function AgendaSection(props: { tenantId: string; meeting: MeetingDetail; editable: boolean; onSaved: () => void }) {
  const [items, setItems] = createSignal<AgendaDraft[]>(props.meeting.agenda.map((a) => ({ title: a.title, minutesBudget: a.minutesBudget })));
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.setAgenda(props.tenantId, props.meeting.id, items().map((i) => ({ title: i.title.trim(), minutesBudget: i.minutesBudget })));
      showToast(gt("saved"));
      props.onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="section" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{gt("agenda")}</h2>
      <AgendaEditor items={items()} onChange={setItems} disabled={!props.editable} />
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <Show when={props.editable}>
        <div class="actions">
          <button type="button" class="btn btn-primary" disabled={busy()} onClick={() => void save()}>
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
  const [error, setError] = createSignal<unknown>(null);
  const cancel = async (e: SubmitEvent) => {
    e.preventDefault();
    try {
      await meetingsApi.cancel(props.tenantId, props.meetingId, reason().trim());
      showToast(gt("cancelled"));
      props.onDone();
    } catch (err) {
      setError(err);
    }
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
        <form class="card" onSubmit={(e) => void cancel(e)}>
          <TextField label={gt("cancelReason")} required maxLength={500} value={reason()} onValue={setReason} />
          <Show when={error()}>
            <ErrorNotice error={error()} />
          </Show>
          <button type="submit" class="btn btn-danger">
            {gt("confirmCancel")}
          </button>
        </form>
      </Show>
    </section>
  );
}

export default function MeetingPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const [meeting, { refetch }] = createResource(
    () => ({ t: params.tenantId, m: params.meetingId }),
    (q) => meetingsApi.get(q.t, q.m),
  );
  const base = () => `/t/${params.tenantId}/meetings/${params.meetingId}`;
  const reload = () => void refetch();

  return (
    <ResourceView resource={meeting} onRetry={reload}>
      {(m) => {
        const editable = () => canManageTenant(params.tenantId) && (m.status === "planned" || m.status === "live");
        return (
          <>
            <p class="muted">
              {m.organizationName} · {gt(`kind_${m.kind}`)}
            </p>
            <h1>{m.topic}</h1>
            <p>
              <span class={`badge ${statusBadge[m.status]}`}>{gt(`status_${m.status}`)}</span> {formatDateTime(m.scheduledAt)}
              <Show when={m.place}> · {m.place}</Show> · {gt(`format_${m.format}`)}
            </p>
            <div class="actions">
              <Show when={m.status === "planned" || m.status === "live"}>
                <A class="btn btn-primary btn-big" href={`${base()}/room`}>
                  {gt("openRoom")}
                </A>
                <A class="btn" href={`${base()}/hall`}>
                  {gt("openHall")}
                </A>
              </Show>
              <Show when={m.status !== "cancelled"}>
                <A class="btn" href={`${base()}/minutes`}>
                  {gt("openMinutes")}
                </A>
              </Show>
            </div>
            <Show when={m.status === "closed"}>
              <p class="notice">{gt("readOnlyClosed")}</p>
            </Show>
            <Show when={editable()}>
              <DetailsForm tenantId={params.tenantId} meeting={m} onSaved={reload} />
            </Show>
            <AgendaSection tenantId={params.tenantId} meeting={m} editable={editable()} onSaved={reload} />
            <DocumentsSection tenantId={params.tenantId} meetingId={m.id} items={m.documents} editable={editable()} onChange={reload} />
            <GuestsSection tenantId={params.tenantId} meetingId={m.id} items={m.guests} editable={editable()} onChange={reload} />
            <Show when={editable() && m.status === "planned"}>
              <CancelSection tenantId={params.tenantId} meetingId={m.id} onDone={reload} />
            </Show>
          </>
        );
      }}
    </ResourceView>
  );
}
