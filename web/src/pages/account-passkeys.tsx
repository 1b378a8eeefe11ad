/**
 * The account page's passkeys: each with its name, when it was added and last used; add one (the device asks for a
 * fingerprint, face or screen lock), rename one, remove one behind a confirmation. Hidden behind a notice where the
 * browser has no WebAuthn.
 */
import { createSignal, For, Show } from "solid-js";
import type { Passkey } from "../../../schema/api/passkeys";
import { defineMessages } from "../i18n";
import { t as common } from "../i18n/common";
import { formatDateTime } from "../i18n/format";
import { createAction } from "../ui/action";
import { TextField } from "../ui/fields";
import { PasskeyError } from "./passkey-error";

const pk = defineMessages(
  {
    title: "Khóa truy cập (passkey)",
    intro:
      "Passkey cho bạn đăng nhập bằng vân tay, khuôn mặt hoặc khóa màn hình của thiết bị, không cần nhớ mật khẩu. Mỗi thiết bị có passkey riêng.",
    none: "Bạn chưa có passkey nào.",
    add: "Thêm passkey — đăng nhập bằng vân tay hoặc khóa màn hình",
    adding: "Đang chờ thiết bị…",
    unsupported: "Trình duyệt này không hỗ trợ passkey. Hãy dùng trình duyệt mới trên điện thoại hoặc máy tính.",
    added: "Thêm lúc {at}",
    lastUsed: "Dùng lần cuối {at}",
    neverUsed: "Chưa dùng để đăng nhập",
    rename: "Đổi tên",
    name: "Tên passkey",
    remove: "Xóa",
    confirmRemove: "Xóa passkey “{name}”? Bạn sẽ không đăng nhập bằng nó được nữa.",
    confirm: "Đồng ý, xóa",
  },
  {
    title: "Passkeys",
    intro:
      "A passkey lets you log in with your device's fingerprint, face or screen lock, with no password to remember. Each device has its own.",
    none: "You have no passkey yet.",
    add: "Add a passkey — log in with fingerprint or screen lock",
    adding: "Waiting for the device…",
    unsupported: "This browser does not support passkeys. Use a recent browser on your phone or computer.",
    added: "Added {at}",
    lastUsed: "Last used {at}",
    neverUsed: "Not used to log in yet",
    rename: "Rename",
    name: "Passkey name",
    remove: "Remove",
    confirmRemove: "Remove the passkey “{name}”? You will no longer be able to log in with it.",
    confirm: "Yes, remove it",
  },
);

export interface PasskeysPanelProps {
  passkeys: Passkey[];
  /** Whether this browser can make passkeys at all. */
  supported: boolean;
  /** Runs the device's prompt and stores the passkey; the list reloads after. */
  onAdd: () => Promise<void>;
  onRename: (id: string, name: string) => Promise<void>;
  onRemove: (id: string) => Promise<void>;
}

function PasskeyCard(props: { passkey: Passkey } & Pick<PasskeysPanelProps, "onRename" | "onRemove">) {
  const [renaming, setRenaming] = createSignal(false);
  const [removing, setRemoving] = createSignal(false);
  const [name, setName] = createSignal("");
  const { error, busy, run } = createAction();
  const p = () => props.passkey;

  return (
    <li class="card" data-passkey={p().id}>
      <Show when={renaming()} fallback={<h3>{p().name}</h3>}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await props.onRename(p().id, name().trim());
              setRenaming(false);
            });
          }}
        >
          <TextField label={pk("name")} required maxLength={60} value={name()} onValue={setName} />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy() || !name().trim()}>
              {common("save")}
            </button>
            <button type="button" class="btn" onClick={() => setRenaming(false)}>
              {common("cancel")}
            </button>
          </div>
        </form>
      </Show>
      <p>{pk("added", { at: formatDateTime(p().createdAt) })}</p>
      <p class="muted">
        {p().lastUsedAt ? pk("lastUsed", { at: formatDateTime(p().lastUsedAt ?? "") }) : pk("neverUsed")}
      </p>
      <Show when={error()}>
        <PasskeyError error={error()} />
      </Show>
      <Show
        when={removing()}
        fallback={
          <Show when={!renaming()}>
            <div class="actions">
              <button
                type="button"
                class="btn"
                onClick={() => {
                  setName(p().name);
                  setRenaming(true);
                }}
              >
                {pk("rename")}
              </button>
              <button type="button" class="btn btn-danger" onClick={() => setRemoving(true)}>
                {pk("remove")}
              </button>
            </div>
          </Show>
        }
      >
        <p class="notice notice-warn" role="alert">
          {pk("confirmRemove", { name: p().name })}
        </p>
        <div class="actions">
          <button
            type="button"
            class="btn btn-danger"
            disabled={busy()}
            onClick={() => void run(() => props.onRemove(p().id))}
          >
            {pk("confirm")}
          </button>
          <button type="button" class="btn" onClick={() => setRemoving(false)}>
            {common("cancel")}
          </button>
        </div>
      </Show>
    </li>
  );
}

export function PasskeysPanel(props: PasskeysPanelProps) {
  const { error, busy, run } = createAction();
  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{pk("title")}</h2>
      <p class="muted">{pk("intro")}</p>
      <Show when={props.passkeys.length > 0} fallback={<p>{pk("none")}</p>}>
        <ul class="card-list" aria-label={pk("title")}>
          <For each={props.passkeys}>
            {(p) => <PasskeyCard passkey={p} onRename={props.onRename} onRemove={props.onRemove} />}
          </For>
        </ul>
      </Show>
      <Show when={props.supported} fallback={<p class="notice notice-warn">{pk("unsupported")}</p>}>
        <Show when={error()}>
          <PasskeyError error={error()} />
        </Show>
        <button type="button" class="btn btn-primary btn-block" disabled={busy()} onClick={() => void run(props.onAdd)}>
          {busy() ? pk("adding") : pk("add")}
        </button>
      </Show>
    </section>
  );
}
