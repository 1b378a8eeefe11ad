/** Labelled form fields: the label is tied to the input, the error is announced and linked with aria-describedby. */
import { createUniqueId, For, type JSX, Show, splitProps } from "solid-js";

interface FieldShell {
  label: string;
  hint?: string;
  error?: string;
}

function Described(props: FieldShell & { id: string; children: JSX.Element }) {
  return (
    <div class="field" classList={{ "field-invalid": !!props.error }}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint}>
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      </Show>
      <Show when={props.error}>
        <small id={`${props.id}-err`} class="field-error" role="alert">
          {props.error}
        </small>
      </Show>
    </div>
  );
}

function describedBy(id: string, p: FieldShell): string | undefined {
  const ids = [p.hint ? `${id}-hint` : "", p.error ? `${id}-err` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export type TextFieldProps = FieldShell &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "onInput" | "value"> & {
    value: string;
    onValue: (v: string) => void;
  };

export function TextField(props: TextFieldProps) {
  const [shell, rest] = splitProps(props, ["label", "hint", "error", "value", "onValue", "id"]);
  const id = shell.id ?? createUniqueId();
  return (
    <Described id={id} label={shell.label} hint={shell.hint} error={shell.error}>
      <input
        {...rest}
        id={id}
        value={shell.value}
        aria-invalid={shell.error ? true : undefined}
        aria-describedby={describedBy(id, shell)}
        onInput={(e) => shell.onValue(e.currentTarget.value)}
      />
    </Described>
  );
}

export function TextAreaField(
  props: FieldShell & {
    value: string;
    onValue: (v: string) => void;
    rows?: number;
    maxLength?: number;
    required?: boolean;
  },
) {
  const id = createUniqueId();
  return (
    <Described id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Described>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldShell & {
    value: string;
    onValue: (v: string) => void;
    options: Option[];
    required?: boolean;
    placeholder?: string;
  },
) {
  const id = createUniqueId();
  return (
    <Described id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        <Show when={props.placeholder !== undefined}>
          <option value="" selected={props.value === ""}>
            {props.placeholder}
          </option>
        </Show>
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </Described>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChecked: (v: boolean) => void; hint?: string }) {
  const id = createUniqueId();
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChecked(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <small class="hint">{props.hint}</small>
      </Show>
    </div>
  );
}
