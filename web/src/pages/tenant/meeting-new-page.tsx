/** Create a meeting for a branch from the template of the usual order, with chair and minutes-taker. */
import { useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, on, Show } from "solid-js";
import type { MeetingFormat, MeetingKind, MeetingMediaMode } from "../../../../schema/api/meetings";
import { vnThisMonth } from "../../../../schema/calendar";
import { defaultMeetingTopic } from "../../../../schema/meeting-template";
import { branchesOf, meetingsApi, organizationsApi } from "../../api";
import { fromLocalInput } from "../../i18n/format";
import { plannableBranches } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { type AgendaDraft, AgendaEditor, templateFor } from "./agenda-editor";
import { CombinedField, combinedFor } from "./combined-field";
import { MediaField, mediaFor } from "./media-field";
import { gt } from "./meeting-messages";
import { createBranchMembers, memberOptions } from "./member-picker";
import "../../styles/console.css";

const FORMATS: readonly MeetingFormat[] = ["in_person", "hybrid", "online"];

/** A sensible default start: the 25th of the month at 19:30, when residential branches usually meet. */
export function defaultStart(month: string): string {
  return `${month}-25T19:30`;
}

const defaultTopic = (kind: MeetingKind, month: string) =>
  defaultMeetingTopic(kind, Number(month.slice(0, 4)), Number(month.slice(5, 7)));

export default function MeetingNewPage() {
  const params = useParams<{ tenantId: string }>();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ org?: string; kind?: string; month?: string }>();
  const month = /^\d{4}-\d{2}$/.test(search.month ?? "") ? search.month! : vnThisMonth();

  const [tree] = createResource(
    () => params.tenantId,
    (id) => organizationsApi.tree(id),
  );
  const branches = createMemo(() => (tree() ? plannableBranches(params.tenantId, branchesOf(tree()!)) : []));
  const [orgId, setOrgId] = createSignal(search.org ?? "");
  createEffect(() => {
    if (!orgId() && branches()[0]) setOrgId(branches()[0]!.id);
  });
  const [kind, setKind] = createSignal<MeetingKind>(search.kind === "thematic" ? "thematic" : "regular");
  const [topic, setTopic] = createSignal(defaultTopic(kind(), month));
  const [start, setStart] = createSignal(defaultStart(month));
  const [place, setPlace] = createSignal("");
  const [format, setFormat] = createSignal<MeetingFormat>("hybrid");
  const [onlineBasis, setOnlineBasis] = createSignal("");
  const [combined, setCombined] = createSignal(false);
  // Hall only until the planner chooses a call: that is how meetings ran before chibo carried sound.
  const [mediaMode, setMediaMode] = createSignal<MeetingMediaMode>("hall_only");
  const [mediaLink, setMediaLink] = createSignal("");
  const [chair, setChair] = createSignal("");
  const [taker, setTaker] = createSignal("");
  const [agenda, setAgenda] = createSignal<AgendaDraft[]>(templateFor(kind()));
  const action = createAction();
  const fieldErr = () => issuesByField(action.error());

  // Changing the kind brings that kind's template and topic, as long as the person has not started editing.
  createEffect(
    on(
      kind,
      (k) => {
        setAgenda(templateFor(k));
        setTopic(defaultTopic(k, month));
      },
      { defer: true },
    ),
  );

  const members = createBranchMembers(() => params.tenantId, orgId);
  // The branch secretary chairs by default.
  createEffect(() => {
    const secretary = members()?.find((m) => m.branchRole === "secretary");
    if (secretary && !chair()) setChair(secretary.personId);
  });

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const created = await meetingsApi.create(params.tenantId, {
        organizationId: orgId(),
        kind: kind(),
        topic: topic().trim(),
        scheduledAt: fromLocalInput(start()),
        place: place().trim(),
        format: format(),
        onlineBasis: format() === "online" ? onlineBasis().trim() : null,
        chairPersonId: chair() || null,
        minutesTakerPersonId: taker() || null,
        combined: combinedFor(kind(), combined()),
        ...mediaFor(mediaMode(), mediaLink()),
        agenda: agenda().map((a) => ({
          title: a.title.trim(),
          minutesBudget: a.minutesBudget,
          presenterPersonId: a.presenterPersonId ?? null,
        })),
      });
      showToast(gt("created"));
      navigate(`/t/${params.tenantId}/meetings/${created.id}`);
    });
  };

  return (
    <>
      <h1>{gt("newTitle")}</h1>
      <form onSubmit={submit}>
        <div class="form-row">
          <SelectField
            label={gt("branch")}
            required
            value={orgId()}
            onValue={setOrgId}
            options={branches().map((b) => ({ value: b.id, label: b.name }))}
            error={fieldErr().organizationId}
          />
          <SelectField
            label={gt("kind")}
            value={kind()}
            onValue={(v) => setKind(v as MeetingKind)}
            options={(["regular", "thematic"] as const).map((k) => ({ value: k, label: gt(`kind_${k}`) }))}
          />
        </div>
        <CombinedField kind={kind()} checked={combined()} onChecked={setCombined} />
        <TextField
          label={gt("topic")}
          required
          maxLength={300}
          value={topic()}
          onValue={setTopic}
          error={fieldErr().topic}
        />
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
        <fieldset>
          <legend>{gt("agenda")}</legend>
          <p class="hint">{gt("agendaHint")}</p>
          <AgendaEditor items={agenda()} onChange={setAgenda} presenters={memberOptions(members())} />
        </fieldset>
        <Show when={action.error()}>
          <ErrorNotice error={action.error()} />
        </Show>
        <button type="submit" class="btn btn-primary btn-big" disabled={action.busy() || !orgId()}>
          {gt("create")}
        </button>
      </form>
    </>
  );
}
