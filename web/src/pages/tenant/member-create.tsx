/**
 * Add one member record to an organization; then invite them right here (link and code, or a printed slip): the
 * record has no login until its holder accepts.
 */
import { createSignal, Show } from "solid-js";
import type { BranchRole, Member, MembershipStatus } from "../../../../schema/api/members";
import type { OrganizationNode } from "../../../../schema/api/organizations";
import { membersApi } from "../../api";
import { t as common } from "../../i18n/common";
import { canInviteIn } from "../../session";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { showToast } from "../../ui/toast";
import { BRANCH_ROLES, roleLabel, STATUSES, statusLabel } from "./labels";
import { InviteButton, type Issued, IssuedPanel } from "./member-invite";
import { mt } from "./members-messages";

export function MemberCreate(props: {
  tenantId: string;
  organizations: OrganizationNode[];
  defaultOrgId: string;
  onAdded: (m: Member) => void;
  onClose: () => void;
}) {
  const [fullName, setFullName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [organizationId, setOrganizationId] = createSignal(props.defaultOrgId);
  const [status, setStatus] = createSignal<MembershipStatus>("official");
  const [probationStart, setProbationStart] = createSignal("");
  const [branchRole, setBranchRole] = createSignal<BranchRole>("member");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const fieldErr = () => issuesByField(error());
  const [added, setAdded] = createSignal<Member | null>(null);
  const [issued, setIssued] = createSignal<Issued | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const added = await membersApi.create(props.tenantId, {
        fullName: fullName().trim(),
        email: email().trim() || null,
        organizationId: organizationId(),
        status: status(),
        probationStart: status() === "probationary" ? probationStart() : null,
        branchRole: branchRole(),
      });
      showToast(mt("added", { name: added.fullName }));
      setFullName("");
      setEmail("");
      setIssued(null);
      setAdded(added);
      props.onAdded(added);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card section" onSubmit={(e) => void submit(e)}>
      <h2>{mt("add")}</h2>
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
        <SelectField
          label={mt("organization")}
          required
          placeholder="—"
          value={organizationId()}
          onValue={setOrganizationId}
          options={props.organizations.map((o) => ({ value: o.id, label: o.name }))}
          error={fieldErr().organizationId}
        />
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
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <Show when={added()} keyed>
        {(m) => (
          <Show when={canInviteIn(props.tenantId, m.organizationId)}>
            <div class="notice notice-ok">
              <p>{mt("addedInvite", { name: m.fullName })}</p>
              <InviteButton tenantId={props.tenantId} member={m} onIssued={setIssued} />
            </div>
          </Show>
        )}
      </Show>
      <Show when={issued()} keyed>
        {(x) => <IssuedPanel tenantId={props.tenantId} value={x} onClose={() => setIssued(null)} />}
      </Show>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {common("add")}
        </button>
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {common("close")}
        </button>
      </div>
    </form>
  );
}
