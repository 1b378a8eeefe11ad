/**
 * A member record's account on the members screen: whether someone has taken it, the button that invites them
 * (or, once linked, issues a reset code), and the link and code, shown this once with copy and print.
 */
import { createSignal, onMount, Show } from "solid-js";
import type { IssuedInvitation } from "../../../../schema/api/invitations";
import type { Member } from "../../../../schema/api/members";
import { invitationsApi } from "../../api";
import { t as common } from "../../i18n/common";
import { canInviteIn } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { showToast } from "../../ui/toast";
import { expiryLines, groupCode, invitePageAddress } from "../slips/slip-text";
import { printSlips } from "./invite-print";
import { mt } from "./members-messages";

/** What the API answered once for one member, kept only while the panel is open. */
export interface Issued {
  member: Member;
  purpose: "member" | "reset";
  issued: IssuedInvitation;
}

export function AccountBadge(props: { member: Member }) {
  return (
    <span class={`badge ${props.member.linkedAt ? "badge-ok" : "badge-muted"}`}>
      {props.member.linkedAt ? mt("linked") : mt("notLinked")}
    </span>
  );
}

/** "Mời" for a record nobody has taken, "Cấp mã đặt lại mật khẩu" once linked; nothing for who may not invite. */
export function InviteButton(props: { tenantId: string; member: Member; onIssued: (x: Issued) => void }) {
  const { busy, error, run } = createAction();
  const purpose = () => (props.member.linkedAt ? "reset" : "member");
  const issue = () =>
    void run(async () => {
      const issued = await invitationsApi.issue(props.tenantId, props.member.membershipId, purpose());
      props.onIssued({ member: props.member, purpose: purpose(), issued });
    });
  return (
    <Show when={canInviteIn(props.tenantId, props.member.organizationId)}>
      <button
        type="button"
        class="btn btn-small"
        disabled={busy()}
        onClick={issue}
        aria-label={mt(purpose() === "member" ? "inviteFor" : "issueResetFor", { name: props.member.fullName })}
      >
        {purpose() === "member" ? mt("invite") : mt("issueReset")}
      </button>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
    </Show>
  );
}

/** The link and the code, this once: copied into a message, or printed on a slip. */
export function IssuedPanel(props: { tenantId: string; value: Issued; onClose: () => void }) {
  const copying = createAction();
  const printing = createAction();
  const [copied, setCopied] = createSignal(false);
  const { member, purpose, issued } = props.value;
  const code = groupCode(issued.code);
  const expiry = expiryLines(issued.invitation.expiresAt);
  let section!: HTMLElement;
  onMount(() => {
    section.scrollIntoView?.({ block: "start" });
    section.focus();
  });

  const copy = () =>
    void copying.run(async () => {
      await navigator.clipboard.writeText(`${issued.link}\n${mt("code")}: ${code}\n${expiry.vi}`);
      setCopied(true);
      showToast(mt("copied"));
    });
  const print = () =>
    void printing.run(() =>
      printSlips(props.tenantId, [
        {
          membershipId: member.membershipId,
          fullName: member.fullName,
          organizationName: member.organizationName,
          link: issued.link,
          code: issued.code,
          expiresAt: issued.invitation.expiresAt,
        },
      ]),
    );

  return (
    <section ref={section} tabindex="-1" class="card section issued-invitation" aria-labelledby="issued-title">
      <h2 id="issued-title">{mt(purpose === "member" ? "inviteTitle" : "resetTitle", { name: member.fullName })}</h2>
      <p>
        {purpose === "member"
          ? mt("inviteHow")
          : mt("resetHow", { address: invitePageAddress(window.location.origin) })}
      </p>
      <p class="notice notice-warn">{mt("onceNote")}</p>
      <dl class="issued-details">
        <dt>{mt("code")}</dt>
        <dd class="issued-code" data-code>
          {code}
        </dd>
        <dt>{mt("link")}</dt>
        <dd class="issued-link" data-link>
          {issued.link}
        </dd>
      </dl>
      <p class="muted">{expiry.vi}</p>
      <div class="actions">
        <button type="button" class="btn btn-primary" disabled={copying.busy()} onClick={copy}>
          {copied() ? mt("copied") : mt("copy")}
        </button>
        <Show when={purpose === "member"}>
          <button type="button" class="btn" disabled={printing.busy()} onClick={print}>
            {printing.busy() ? mt("printing") : mt("printSlip")}
          </button>
        </Show>
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {common("close")}
        </button>
      </div>
      <Show when={copying.error() ?? printing.error()}>{(err) => <ErrorNotice error={err()} />}</Show>
    </section>
  );
}
