/** The editable parts of a meeting page: documents and guests (visiting leaders). */
import { createResource, createSignal, For, Show } from "solid-js";
import type { DocumentInput, MeetingDocument, MeetingGuest } from "../../../../schema/api/meetings";
import { meetingsApi } from "../../api";
import { t as common } from "../../i18n/common";
import { visitsApi } from "../../reports/reports-api";
import { canPlanVisits } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextAreaField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { gt } from "./meeting-messages";

interface SectionProps<T> {
  tenantId: string;
  meetingId: string;
  items: T[];
  editable: boolean;
  onChange: () => void;
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

/** The API takes a link or a text, exactly one: an empty field is left out rather than sent empty. */
export function documentInput(title: string, url: string, body: string): DocumentInput {
  const link = url.trim();
  const text = body.trim();
  return { title: title.trim(), ...(link ? { url: link } : {}), ...(text || !link ? { body: text } : {}) };
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
      await meetingsApi.addDocument(props.tenantId, props.meetingId, documentInput(title(), url(), body()));
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
                <Show when={doc.late}>
                  {" "}
                  <span class="badge badge-warn">{gt("lateDoc")}</span>
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
          <TextField
            label={gt("docTitle")}
            required
            maxLength={300}
            value={title()}
            onValue={setTitle}
            error={fieldErr().title}
          />
          <TextField
            label={gt("docUrl")}
            type="url"
            maxLength={2000}
            value={url()}
            onValue={setUrl}
            error={fieldErr().url}
          />
          <TextAreaField
            label={gt("docBody")}
            rows={4}
            maxLength={200_000}
            value={body()}
            onValue={setBody}
            error={fieldErr().body}
          />
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
  const [fullName, setFullName] = createSignal("");
  const [title, setTitle] = createSignal("");
  // A leader picked from those the committee knows is admitted by id; a name typed here gets an invitation.
  const [pickedId, setPickedId] = createSignal<string | null>(null);
  const [issued, setIssued] = createSignal<{ name: string; link: string; code: string } | null>(null);
  const action = createAction();
  const fieldErr = () => issuesByField(action.error());
  // Leaders the committee already knows (its officers, the province's leaders, earlier guests, visit plans).
  const [leaders] = createResource(
    // Only those who plan visits may list them (a branch secretary adds a guest by name instead).
    () => (props.editable && canPlanVisits(props.tenantId) ? props.tenantId : false),
    (id) =>
      visitsApi.leaders(id).then(
        (r) => r.items,
        () => [],
      ),
  );
  const pick = (personId: string) => {
    const leader = leaders()?.find((l) => l.personId === personId);
    if (!leader) return;
    setPickedId(leader.personId);
    setEmail("");
    setFullName(leader.fullName);
  };
  const typeName = (name: string) => {
    setPickedId(null);
    setFullName(name);
  };

  const invite = (e: SubmitEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const picked = pickedId();
      const typedEmail = email().trim().toLowerCase();
      const guest = await meetingsApi.addGuest(
        props.tenantId,
        props.meetingId,
        picked
          ? { personId: picked, title: title().trim() }
          : { fullName: fullName().trim(), title: title().trim(), ...(typedEmail ? { email: typedEmail } : {}) },
      );
      showToast(gt("invited", { name: guest.fullName }));
      setIssued(guest.invitation ? { name: guest.fullName, ...guest.invitation } : null);
      setPickedId(null);
      setEmail("");
      setFullName("");
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
                <Show when={!g.canLogIn}>
                  <span class="muted"> · {gt("guestNoLogin")}</span>
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
          <Show when={(leaders() ?? []).length > 0}>
            <SelectField
              label={gt("guestPick")}
              hint={gt("guestPickHint")}
              value=""
              onValue={pick}
              placeholder="—"
              options={(leaders() ?? []).map((l) => ({
                value: l.personId,
                label: l.email ? `${l.fullName} (${l.email})` : l.fullName,
              }))}
            />
          </Show>
          <div class="form-row">
            <TextField
              label={gt("guestName")}
              required
              maxLength={200}
              value={fullName()}
              onValue={typeName}
              error={fieldErr().fullName}
            />
            <Show when={!pickedId()}>
              <TextField
                label={gt("guestEmail")}
                hint={gt("guestEmailHint")}
                type="email"
                maxLength={254}
                value={email()}
                onValue={setEmail}
                error={fieldErr().email}
              />
            </Show>
          </div>
          <TextField
            label={gt("guestTitle")}
            hint={gt("guestTitleHint")}
            maxLength={200}
            value={title()}
            onValue={setTitle}
            error={fieldErr().title}
          />
          <Show when={action.error()}>
            <ErrorNotice error={action.error()} />
          </Show>
          <Show when={issued()} keyed>
            {(x) => (
              <div class="notice notice-ok" role="status">
                <p>{gt("guestInvitation", { name: x.name })}</p>
                <p>
                  <a href={x.link}>{x.link}</a>
                </p>
                <p class="issued-code">{x.code}</p>
              </div>
            )}
          </Show>
          <button type="submit" class="btn btn-primary" disabled={action.busy()}>
            {gt("invite")}
          </button>
        </form>
      </Show>
    </section>
  );
}
