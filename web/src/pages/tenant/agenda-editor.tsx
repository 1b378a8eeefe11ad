/**
 * An ordered list of agenda items: title, minutes and presenter each, move up/down, add, remove; warns under
 * 90 minutes.
 */
import { For, Index, Show } from "solid-js";
import type { MeetingKind } from "../../../../schema/api/meetings";
import { DURATION_MARK_MINUTES } from "../../../../schema/calendar";
import { meetingTemplate } from "../../../../schema/meeting-template";
import { t as common } from "../../i18n/common";
import { gt } from "./meeting-messages";

export interface AgendaDraft {
  /** The saved item this row edits; none for a row added since. */
  id?: string;
  title: string;
  minutesBudget: number;
  /** Who presents the item: a member of the branch (or a guest of the meeting); none until someone is named. */
  presenterPersonId?: string | null;
}

export interface PresenterOption {
  value: string;
  label: string;
}

/** A fresh copy of the usual order for this kind of meeting (schema/meeting-template.ts), to edit freely. */
export function templateFor(kind: MeetingKind): AgendaDraft[] {
  return meetingTemplate(kind).map((i) => ({ title: i.title, minutesBudget: i.minutesBudget }));
}

export const agendaTotal = (items: readonly AgendaDraft[]) =>
  items.reduce((s, i) => s + (Number.isFinite(i.minutesBudget) ? i.minutesBudget : 0), 0);

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

export function AgendaEditor(props: {
  items: AgendaDraft[];
  onChange: (items: AgendaDraft[]) => void;
  disabled?: boolean;
  /** The people who may present (the branch's members, the meeting's guests); no picker without them. */
  presenters?: readonly PresenterOption[];
}) {
  const set = (i: number, patch: Partial<AgendaDraft>) =>
    props.onChange(props.items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <div>
      <ol class="agenda-editor">
        <Index each={props.items}>
          {(item, i) => (
            <li>
              <div class="agenda-row">
                <input
                  class="input"
                  aria-label={gt("itemTitle", { n: i + 1 })}
                  maxLength={300}
                  required
                  disabled={props.disabled}
                  value={item().title}
                  onInput={(e) => set(i, { title: e.currentTarget.value })}
                />
                <input
                  class="input input-minutes"
                  type="number"
                  min={1}
                  max={240}
                  aria-label={gt("itemMinutes", { n: i + 1 })}
                  disabled={props.disabled}
                  value={item().minutesBudget}
                  onInput={(e) => set(i, { minutesBudget: Number(e.currentTarget.value) })}
                />
                <span class="muted">{gt("minutesShort")}</span>
                <Show when={props.presenters}>
                  {(people) => (
                    <select
                      class="input input-presenter"
                      aria-label={gt("itemPresenter", { n: i + 1 })}
                      disabled={props.disabled}
                      value={item().presenterPersonId ?? ""}
                      onChange={(e) => set(i, { presenterPersonId: e.currentTarget.value || null })}
                    >
                      <option value="" selected={!item().presenterPersonId}>
                        {gt("noPresenter")}
                      </option>
                      <For each={people()}>
                        {(p) => (
                          <option value={p.value} selected={p.value === item().presenterPersonId}>
                            {p.label}
                          </option>
                        )}
                      </For>
                    </select>
                  )}
                </Show>
                <Show when={!props.disabled}>
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={gt("moveUp", { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => props.onChange(moveItem(props.items, i, i - 1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={gt("moveDown", { n: i + 1 })}
                    disabled={i === props.items.length - 1}
                    onClick={() => props.onChange(moveItem(props.items, i, i + 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    aria-label={gt("removeItem", { n: i + 1 })}
                    onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}
                  >
                    {common("remove")}
                  </button>
                </Show>
              </div>
            </li>
          )}
        </Index>
      </ol>
      <p classList={{ "notice notice-warn": agendaTotal(props.items) < DURATION_MARK_MINUTES }} aria-live="polite">
        {gt("agendaTotal", { n: agendaTotal(props.items) })}
        <For each={agendaTotal(props.items) < DURATION_MARK_MINUTES ? [gt("agendaShort")] : []}>
          {(w) => <> · {w}</>}
        </For>
      </p>
      <Show when={!props.disabled}>
        <button
          type="button"
          class="btn"
          onClick={() => props.onChange([...props.items, { title: "", minutesBudget: 10 }])}
        >
          + {gt("addItem")}
        </button>
      </Show>
    </div>
  );
}
