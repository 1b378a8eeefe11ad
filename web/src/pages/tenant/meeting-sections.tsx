/** The editable parts of a meeting page: documents and guests (visiting leaders). */
import { createSignal, For, Show } from "solid-js";
import { meetingsApi } from "../../api";
import type { MeetingDocument, MeetingGuest } from "../../api/meeting-types";
import { t as common } from "../../i18n/common";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { TextAreaField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { gt } from "./meeting-messages";

interface SectionProps<T> {
  tenantId: string;
  meetingId: string;
  items: T[];
  editable: boolean;
  onChange: () => void;
}

/** Runs one write and keeps its error for the form. */
function createAction() {
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** Only http(s) links are shown as links: a stored `javascript:` URL must never become clickable. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

export function DocumentsSection(props: SectionProps<MeetingDocument>) {
  const [title, setTitle] = createSignal("");
  const [url, setUrl] = createSignal("");
  const [body, setBody] = createSignal("");
  const action = createAction();
  const fieldErr = () => issuesByField(action.error());

  const add = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await meetingsApi.addDocument(props.tenantId, props.meetingId, { title: title().trim(), url: url().trim() || null, body: body().trim() || null });
      setTitle("");
      setUrl("");
      setBody("");
      props.onChange();
    });
  };

  return (
    <section class="section" aria-labelledby="docs-title">
      <h2 id="docs-title">{gt("documents")}</h2>
      <p class="hint">{gt("documentsHint")}</p>
      <Show when={props.items.length > 0} fallback={<p class="muted">{gt("noDocuments")}</p>}>
        <ul class="doc-list">
          <For each={props.items}>
            {(doc) => (
              <li class="card">
                <Show when={safeHref(doc.url)} fallback={<strong>{doc.title}</strong>}>
                  {(href) => (
                    <a href={href()} target="_blank" rel="noopener noreferrer">
                      <strong>{doc.title}</strong>
                    </a>
                  )}
                </Show>
                <Show when={doc.body}>
                  <p class="doc-body">{doc.body}</p>
                </Show>
                <Show when={props.editable}>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    aria-label={gt("removeDoc", { name: doc.title })}
                    disabled={action.busy()}
                    onClick={() =>
                      void action.run(async () => {
                        await meetingsApi.removeDocument(props.tenantId, props.meetingId, doc.id);
                        props.onChange();
                      })
                    }
                  >
                    {common("remove")}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.editable}>
        <form class="card" onSubmit={add}>
          <TextField label={gt("docTitle")} required maxLength={300} value={title()} onValue={setTitle} error={fieldErr().title} />
          <TextField label={gt("docUrl")} type="url" maxLength={2000} value={url()} onValue={setUrl} error={fieldErr().url} />
          <TextAreaField label={gt("docBody")} rows={4} maxLength={100_000} value={body()} onValue={setBody} error={fieldErr().body} />
          <Show when={action.error()}>
            <ErrorNotice error={action.error()} />
          </Show>
          <button type="submit" class="btn btn-primary" disabled={action.busy()}>
            {gt("addDocument")}
          </button>
        </form>
      </Show>
    </section>
  );
}

export function GuestsSection(props: SectionProps<MeetingGuest>) {
  const [email, setEmail] = createSignal("");
  const [title, setTitle] = createSignal("");
  const action = createAction();
  const fieldErr = () => issuesByField(action.error());

  const invite = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const guest = await meetingsApi.addGuest(props.tenantId, props.meetingId, { email: email().trim().toLowerCase(), title: title().trim() });
      showToast(gt("invited", { name: guest.fullName }));
      setEmail("");
      setTitle("");
      props.onChange();
    });
  };

  return (
    <section class="section" aria-labelledby="guests-title">
      <h2 id="guests-title">{gt("guests")}</h2>
      <Show when={props.items.length > 0} fallback={<p class="muted">{gt("noGuests")}</p>}>
        <ul class="tag-list">
          <For each={props.items}>
            {(g) => (
              <li class="card">
                <strong>{g.fullName}</strong>
                <Show when={g.title}>
                  <span class="muted"> · {g.title}</span>
                </Show>
                <Show when={props.editable}>
                  {" "}
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    aria-label={gt("removeGuest", { name: g.fullName })}
                    disabled={action.busy()}
                    onClick={() =>
                      void action.run(async () => {
                        await meetingsApi.removeGuest(props.tenantId, props.meetingId, g.personId);
                        props.onChange();
                      })
                    }
                  >
                    ×
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.editable}>
        <form class="card" onSubmit={invite}>
          <p class="hint">{gt("guestsHint")}</p>
          <div class="form-row">
            <TextField label={gt("guestEmail")} type="email" required maxLength={254} value={email()} onValue={setEmail} error={fieldErr().email} />
            <TextField label={gt("guestTitle")} hint={gt("guestTitleHint")} maxLength={200} value={title()} onValue={setTitle} error={fieldErr().title} />
          </div>
          <Show when={action.error()}>
            <ErrorNotice error={action.error()} />
          </Show>
          <button type="submit" class="btn btn-primary" disabled={action.busy()}>
            {gt("invite")}
          </button>
        </form>
      </Show>
    </section>
  );
}
