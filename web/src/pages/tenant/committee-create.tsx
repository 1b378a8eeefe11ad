/**
 * Creating a committee under the province, and the first admin's link and code, shown once (nothing can fetch them
 * again): copied with a button, or selected by hand where the browser gives no clipboard.
 */
import { createSignal, Show } from "solid-js";
import type { CreatedCommittee } from "../../../../schema/api/committees";
import { committeesApi } from "../../api";
import { t as common } from "../../i18n/common";
import { formatDateTime } from "../../i18n/format";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { ct as t } from "./committees-messages";

async function copy(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    showToast(t("copied"));
  } catch {
    // No clipboard (an http:// address other than localhost, an old browser): the field stays there to select.
    showToast(t("copyFailed"), "error");
  }
}

/** The first admin's link and code, once. */
export function CreatedNotice(props: { created: CreatedCommittee; adminName: string; onDismiss: () => void }) {
  return (
    <section class="card section" aria-labelledby="created-title">
      <h2 id="created-title">{t("done", { name: props.created.committee.name })}</h2>
      <p>{t("handOver", { name: props.adminName })}</p>
      <p class="notice notice-warn">{t("onlyOnce")}</p>
      <div class="form-row">
        <TextField label={t("link")} readOnly value={props.created.link} onValue={() => undefined} />
        <button type="button" class="btn" onClick={() => void copy(props.created.link)}>
          {t("copy")} — {t("link")}
        </button>
      </div>
      <div class="form-row">
        <TextField label={t("code")} readOnly value={props.created.code} onValue={() => undefined} />
        <button type="button" class="btn" onClick={() => void copy(props.created.code)}>
          {t("copy")} — {t("code")}
        </button>
      </div>
      <p class="muted">{t("expires", { when: formatDateTime(props.created.expiresAt) })}</p>
      <button type="button" class="btn btn-primary" onClick={() => props.onDismiss()}>
        {t("dismiss")}
      </button>
    </section>
  );
}

export function CreateForm(props: { tenantId: string; onCreated: (c: CreatedCommittee, adminName: string) => void }) {
  const [name, setName] = createSignal("");
  const [adminName, setAdminName] = createSignal("");
  const [adminEmail, setAdminEmail] = createSignal("");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldErr = () => issuesByField(error());
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await committeesApi.create(props.tenantId, {
        name: name().trim(),
        adminName: adminName().trim(),
        ...(adminEmail().trim() ? { adminEmail: adminEmail().trim() } : {}),
      });
      props.onCreated(created, adminName().trim());
      setName("");
      setAdminName("");
      setAdminEmail("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card section" onSubmit={(e) => void submit(e)}>
      <h2>{t("add")}</h2>
      <TextField label={t("name")} required maxLength={200} value={name()} onValue={setName} error={fieldErr().name} />
      <div class="form-row">
        <TextField
          label={t("adminName")}
          required
          maxLength={200}
          value={adminName()}
          onValue={setAdminName}
          error={fieldErr().adminName}
        />
        <TextField
          label={t("adminEmail")}
          type="email"
          maxLength={254}
          hint={t("adminEmailHint")}
          value={adminEmail()}
          onValue={setAdminEmail}
          error={fieldErr().adminEmail}
        />
      </div>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? common("saving") : t("create")}
        </button>
      </div>
    </form>
  );
}
