/**
 * Drafting a resolution: what the branch resolves, the vote that adopted it, and its tasks (add, remove, reorder;
 * the lead picked from the branch's members or typed). Saves the whole draft; issuing is final.
 */
import { createSignal, Index, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import type { ExpectedMember } from "../../../../schema/api/meetings";
import type { Resolution, ResolutionTaskInput } from "../../../../schema/api/resolutions";
import { addMonths, lastDayOfMonth, vnMonth } from "../../../../schema/calendar";
import { resolutionNumberLabel, tallyText } from "../../../../schema/record/resolution-text";
import { resolutionsApi } from "../../api";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { SelectField, TextAreaField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { rt } from "./resolution-messages";

type DraftTask = Required<Omit<ResolutionTaskInput, "leadPersonId">> & { leadPersonId: string | null; other: boolean };
const OTHER = "__other";

export function ResolutionEditor(props: {
  tenantId: string;
  resolution: Resolution;
  members: ExpectedMember[];
  /** Issued only once the meeting is closed. */
  closed: boolean;
  onSaved: (r: Resolution) => void;
}) {
  const r = props.resolution;
  const nextMonth = addMonths(vnMonth(r.facts.scheduledAt), 1);
  const [body, setBody] = createSignal(r.body);
  const [vote, setVote] = createSignal(r.adoptedVoteId ?? "");
  // Only the fields a draft sends: a saved task also carries its id, position, status and done day, which the
  // API's strict draft contract refuses (a saved draft with tasks could not be saved or issued again).
  const [tasks, setTasks] = createStore<DraftTask[]>(
    r.tasks.map((t) => ({
      title: t.title,
      leadPersonId: t.leadPersonId,
      leadName: t.leadName,
      deadline: t.deadline,
      reportBack: t.reportBack,
      other: !t.leadPersonId,
    })),
  );
  const save = createAction();
  const issue = createAction();

  const blank = (): DraftTask => ({
    title: "",
    leadPersonId: null,
    leadName: "",
    other: false,
    deadline: lastDayOfMonth(nextMonth),
    reportBack: rt("reportBackDefault", { month: `${Number(nextMonth.slice(5))}/${nextMonth.slice(0, 4)}` }),
  });
  const move = (i: number, by: number) =>
    setTasks(
      produce((list) => {
        const [item] = list.splice(i, 1);
        if (item) list.splice(i + by, 0, item);
      }),
    );
  const pickLead = (i: number, value: string) => {
    const member = props.members.find((m) => m.personId === value);
    setTasks(
      i,
      member
        ? { leadPersonId: member.personId, leadName: member.fullName, other: false }
        : { leadPersonId: null, other: true },
    );
  };
  const draft = () => ({
    body: body(),
    adoptedVoteId: vote() || null,
    tasks: tasks.map(({ other: _o, ...t }) => t),
  });
  const doSave = () =>
    save.run(async () => {
      props.onSaved(await resolutionsApi.save(props.tenantId, r.meetingId, draft()));
      showToast(rt("saved"));
    });
  const doIssue = () =>
    issue.run(async () => {
      if (!window.confirm(rt("issueConfirm"))) return;
      await resolutionsApi.save(props.tenantId, r.meetingId, draft());
      const done = await resolutionsApi.issue(props.tenantId, r.meetingId);
      showToast(rt("issued", { number: resolutionNumberLabel(done.number) }));
      props.onSaved(done);
    });
  const memberOptions = [
    ...props.members.map((m) => ({ value: m.personId, label: m.fullName })),
    { value: OTHER, label: rt("leadOther") },
  ];

  return (
    <form
      class="resolution-editor no-print"
      onSubmit={(e) => {
        e.preventDefault();
        void doSave();
      }}
    >
      <TextAreaField label={rt("body")} hint={rt("bodyHint")} value={body()} onValue={setBody} rows={8} />
      <SelectField
        label={rt("vote")}
        value={vote()}
        onValue={setVote}
        placeholder={rt("noVote")}
        options={r.votes.map((v) => ({
          value: v.id,
          label: `${v.motion}${v.agree !== null && v.base !== null ? ` — ${tallyText(v.agree, v.base)}` : ""}`,
        }))}
      />
      <h2>{rt("tasks")}</h2>
      <ol class="resolution-tasks">
        <Index each={tasks}>
          {(task, i) => (
            <li class="resolution-task" aria-label={rt("task", { n: i + 1 })}>
              <TextField
                label={`${i + 1}. ${rt("title")}`}
                value={task().title}
                onValue={(v) => setTasks(i, "title", v)}
                required
                maxLength={1000}
              />
              <SelectField
                label={rt("lead")}
                value={task().other ? OTHER : (task().leadPersonId ?? "")}
                onValue={(v) => pickLead(i, v)}
                placeholder=""
                options={memberOptions}
              />
              <Show when={task().other}>
                <TextField
                  label={rt("leadName")}
                  value={task().leadName}
                  onValue={(v) => setTasks(i, "leadName", v)}
                  maxLength={200}
                />
              </Show>
              <TextField
                label={rt("deadline")}
                type="date"
                value={task().deadline}
                onValue={(v) => setTasks(i, "deadline", v)}
                required
              />
              <TextField
                label={rt("reportBack")}
                value={task().reportBack}
                onValue={(v) => setTasks(i, "reportBack", v)}
                maxLength={200}
              />
              <div class="actions">
                <button type="button" class="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑ {rt("up")}
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={i === tasks.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓ {rt("down")}
                </button>
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  onClick={() => setTasks(produce((l) => l.splice(i, 1)))}
                >
                  {rt("remove")}
                </button>
              </div>
            </li>
          )}
        </Index>
      </ol>
      <button type="button" class="btn" onClick={() => setTasks(tasks.length, blank())}>
        + {rt("addTask")}
      </button>
      <Show when={save.error() ?? issue.error()}>{(err) => <ErrorNotice error={err()} />}</Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={save.busy() || issue.busy()}>
          {rt("save")}
        </button>
        <Show when={props.closed} fallback={<p class="hint">{rt("issueAfterClose")}</p>}>
          <button type="button" class="btn" disabled={save.busy() || issue.busy()} onClick={() => void doIssue()}>
            {rt("issue")}
          </button>
        </Show>
      </div>
    </form>
  );
}
