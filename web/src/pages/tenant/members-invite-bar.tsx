/**
 * The members page's bulk invitations: the selected records, or everyone under the current filter whom no account
 * has taken yet. Asked first (a fresh invitation replaces any slip printed before), then the slips are downloaded.
 */
import { createSignal, Show } from "solid-js";
import type { MemberListParams } from "../../api";
import { canInviteIn } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { showToast } from "../../ui/toast";
import { inviteAndPrint, uninvitedMembers } from "./invite-print";
import { mt } from "./members-messages";

export function MembersInviteBar(props: {
  tenantId: string;
  filter: Omit<MemberListParams, "page" | "pageSize">;
  selected: string[];
  onDone: () => void;
}) {
  const { busy, error, run } = createAction();
  /** The ids about to be invited, while the question is on screen. */
  const [asking, setAsking] = createSignal<{ ids: string[]; all: boolean } | null>(null);

  const askAll = () =>
    void run(async () => {
      const ids = await uninvitedMembers(props.tenantId, props.filter, (org) => canInviteIn(props.tenantId, org));
      if (ids.length === 0) showToast(mt("nobodyToInvite"), "info");
      else setAsking({ ids, all: true });
    });

  const confirm = () =>
    void run(async () => {
      const ids = asking()?.ids ?? [];
      setAsking(null);
      const { printed, skipped } = await inviteAndPrint(props.tenantId, ids);
      showToast(mt("printed", { n: printed }));
      if (skipped > 0) showToast(mt("skipped", { n: skipped }), "info");
      props.onDone();
    });

  return (
    <>
      <div class="actions">
        <button type="button" class="btn" disabled={busy()} onClick={askAll}>
          {busy() && !asking() ? mt("printing") : mt("inviteAll")}
        </button>
        <Show when={props.selected.length > 0}>
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy()}
            onClick={() => setAsking({ ids: props.selected, all: false })}
          >
            {mt("inviteSelected", { n: props.selected.length })}
          </button>
        </Show>
      </div>
      <Show when={asking()}>
        {(q) => (
          <div class="notice notice-warn" role="alert">
            <p>{mt(q().all ? "inviteAllConfirm" : "inviteSelectedConfirm", { n: q().ids.length })}</p>
            <div class="actions">
              <button type="button" class="btn btn-primary" disabled={busy()} onClick={confirm}>
                {mt("confirmInvite")}
              </button>
              <button type="button" class="btn" onClick={() => setAsking(null)}>
                {mt("cancel")}
              </button>
            </div>
          </div>
        )}
      </Show>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
    </>
  );
}
