/**
 * Edit one member: details, status, role and standing, exemption from meetings; whether an account has taken the
 * record, and its invitation (or, once linked, a reset code). Nobody here sets another person's password.
 */
import { createSignal, onMount, Show } from "solid-js";
import type { BranchRole, Member, MembershipStanding, MembershipStatus } from "../../../../schema/api/members";
import { vnToday } from "../../../../schema/calendar";
import { membersApi } from "../../api";
import { t as common } from "../../i18n/common";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { BRANCH_ROLES, roleLabel, STANDINGS, STATUSES, standingLabel, statusLabel } from "./labels";
import { AccountBadge, InviteButton, type Issued, IssuedPanel } from "./member-invite";
import { mt } from "./members-messages";

export function MemberEditor(props: {
  tenantId: string;
  member: Member;
  onSaved: (m: Member) => void;
  onClose: () => void;
}) {
  const m = props.member;
  const [fullName, setFullName] = createSignal(m.fullName);
  const [email, setEmail] = createSignal(m.email ?? "");
  const [phone, setPhone] = createSignal(m.phone ?? "");
  const [birthYear, setBirthYear] = createSignal(m.birthYear ? String(m.birthYear) : "");
  const [status, setStatus] = createSignal<MembershipStatus>(m.status);
  const [probationStart, setProbationStart] = createSignal(m.probationStart ?? "");
  const [branchRole, setBranchRole] = createSignal<BranchRole>(m.branchRole);
  const [standing, setStanding] = createSignal<MembershipStanding>(m.standing);
  const [reason, setReason] = createSignal(m.exemption?.reason ?? "");
  const [from, setFrom] = createSignal(m.exemption?.from ?? vnToday());
  const [to, setTo] = createSignal(m.exemption?.to ?? "");
  const [issued, setIssued] = createSignal<Issued | null>(null);
  const { error, busy, run } = createAction();
  const fieldErr = () => issuesByField(error());
  let section!: HTMLElement;
  // The editor opens above the list: bring it into view and move focus there (keyboard and screen readers).
  onMount(() => {
    section.scrollIntoView?.({ block: "start" });
    section.focus();
  });

  const saveDetails = (e: SubmitEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = await membersApi.update(props.tenantId, m.membershipId, {
        fullName: fullName().trim(),
        email: email().trim() ? email().trim() : null,
        phone: phone().trim() ? phone().trim() : null,
        birthYear: birthYear().trim() ? Number(birthYear()) : null,
        status: status(),
        ...(status() === "probationary" ? { probationStart: probationStart() } : {}),
        branchRole: branchRole(),
        standing: standing(),
      });
      showToast(mt("saved", { name: saved.fullName }));
      props.onSaved(saved);
    });
  };

  const saveExemption = (e: SubmitEvent) => {
    e.preventDefault();
    void run(async () => {
      const saved = await membersApi.setExemption(props.tenantId, m.membershipId, {
        reason: reason().trim(),
        from: from(),
        to: to() || null,
      });
      showToast(mt("exemptSaved"));
      props.onSaved(saved);
    });
  };

  const clearExemption = () =>
    void run(async () => {
      const saved = await membersApi.clearExemption(props.tenantId, m.membershipId);
      showToast(mt("exemptSaved"));
      props.onSaved(saved);
    });

  return (
    <section ref={section} tabindex="-1" class="card section" aria-labelledby="member-editor-title">
      <h2 id="member-editor-title">{mt("editTitle", { name: m.fullName })}</h2>
      <form onSubmit={saveDetails}>
        <div class="form-row">
          <TextField
            label={mt("name")}
            required
            maxLength={200}
            value={fullName()}
            onValue={setFullName}
            error={fieldErr().fullName}
          />
          <TextField
            label={mt("email")}
            type="email"
            maxLength={254}
            hint={mt("emailHint")}
            value={email()}
            onValue={setEmail}
            error={fieldErr().email}
          />
        </div>
        <div class="form-row">
          <TextField
            label={mt("phone")}
            type="tel"
            maxLength={30}
            value={phone()}
            onValue={setPhone}
            error={fieldErr().phone}
          />
          <TextField
            label={mt("birthYear")}
            inputmode="numeric"
            maxLength={4}
            value={birthYear()}
            onValue={setBirthYear}
            error={fieldErr().birthYear}
          />
        </div>
        <div class="form-row">
          <SelectField
            label={mt("status")}
            value={status()}
            onValue={(v) => setStatus(v as MembershipStatus)}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          />
          <Show when={status() === "probationary"}>
            <TextField
              label={mt("probationStart")}
              type="date"
              required
              value={probationStart()}
              onValue={setProbationStart}
              error={fieldErr().probationStart}
            />
          </Show>
          <SelectField
            label={mt("role")}
            value={branchRole()}
            onValue={(v) => setBranchRole(v as BranchRole)}
            options={BRANCH_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          />
        </div>
        <div class="form-row">
          <SelectField
            label={mt("standing")}
            hint={mt("standingHint")}
            value={standing()}
            onValue={(v) => setStanding(v as MembershipStanding)}
            error={fieldErr().standing}
            options={STANDINGS.map((s) => ({ value: s, label: standingLabel(s) }))}
          />
        </div>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            {common("save")}
          </button>
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {common("close")}
          </button>
        </div>
      </form>

      <form onSubmit={saveExemption}>
        <fieldset>
          <legend>{mt("exemptTitle")}</legend>
          <TextField
            label={mt("exemptReason")}
            required
            maxLength={500}
            value={reason()}
            onValue={setReason}
            error={fieldErr().reason}
          />
          <div class="form-row">
            <TextField
              label={mt("exemptFrom")}
              type="date"
              required
              value={from()}
              onValue={setFrom}
              error={fieldErr().from}
            />
            <TextField label={mt("exemptTo")} type="date" value={to()} onValue={setTo} error={fieldErr().to} />
          </div>
          <div class="actions">
            <button type="submit" class="btn" disabled={busy()}>
              {mt("setExempt")}
            </button>
            <Show when={m.exemption}>
              <button type="button" class="btn btn-danger" disabled={busy()} onClick={clearExemption}>
                {mt("clearExempt")}
              </button>
            </Show>
          </div>
        </fieldset>
      </form>

      <fieldset>
        <legend>{mt("accountTitle")}</legend>
        <p>
          <AccountBadge member={m} />
        </p>
        <InviteButton tenantId={props.tenantId} member={m} onIssued={setIssued} />
        <Show when={issued()} keyed>
          {(x) => <IssuedPanel tenantId={props.tenantId} value={x} onClose={() => setIssued(null)} />}
        </Show>
      </fieldset>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
    </section>
  );
}
