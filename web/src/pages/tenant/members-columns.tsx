/** The members table's columns: who, where, standing, account, and what the caller may do with each record. */
import { Show } from "solid-js";
import type { Member } from "../../../../schema/api/members";
import { formatDate } from "../../i18n/format";
import { canInviteIn } from "../../session";
import type { Column } from "../../ui/table";
import { lt, roleLabel, standingLabel, statusLabel } from "./labels";
import { AccountBadge, InviteButton, type Issued } from "./member-invite";
import { mt } from "./members-messages";

export function memberColumns(o: {
  tenantId: string;
  items: readonly Member[];
  /** Admins and organizers edit records. */
  staff: boolean;
  /** An admin or a branch secretary: a selection box on each record they may invite and nobody has taken. */
  inviter: boolean;
  selected: readonly string[];
  toggle: (membershipId: string, on: boolean) => void;
  onEdit: (m: Member) => void;
  onIssued: (x: Issued) => void;
}): Column<Member>[] {
  return [
    ...(o.inviter
      ? [
          {
            header: mt("selectColumn"),
            cell: (m: Member) => (
              <Show when={m.linkedAt === null && canInviteIn(o.tenantId, m.organizationId)}>
                <input
                  type="checkbox"
                  class="row-select"
                  checked={o.selected.includes(m.membershipId)}
                  onChange={(e) => o.toggle(m.membershipId, e.currentTarget.checked)}
                  aria-label={mt("select", { name: m.fullName })}
                />
              </Show>
            ),
          },
        ]
      : []),
    { header: mt("name"), cell: (m: Member) => <strong>{m.fullName}</strong> },
    { header: mt("organization"), cell: (m: Member) => m.organizationName },
    {
      header: mt("status"),
      cell: (m: Member) => (
        <span class={`badge ${m.status === "official" ? "badge-ok" : "badge-warn"}`}>
          {statusLabel(m.status)}
          {m.status === "probationary" && m.probationStart ? ` · ${formatDate(m.probationStart)}` : ""}
        </span>
      ),
    },
    {
      header: mt("standing"),
      // Off the roster and the vote base while not active (DOMAIN.md): worth a glance, so a badge.
      cell: (m: Member) => (
        <span class={`badge ${m.standing === "active" ? "badge-muted" : "badge-warn"}`}>
          {standingLabel(m.standing)}
        </span>
      ),
      secondary: o.items.every((m) => m.standing === "active"),
    },
    { header: mt("role"), cell: (m: Member) => roleLabel(m.branchRole) },
    {
      header: mt("exemption"),
      secondary: !o.items.some((m) => m.exemption),
      cell: (m: Member) =>
        m.exemption ? (
          <span>
            <span class="badge badge-muted">{lt("exempt")}</span>{" "}
            {mt("exemptSince", { reason: m.exemption.reason, from: formatDate(m.exemption.from) })}
          </span>
        ) : (
          "—"
        ),
    },
    { header: mt("account"), cell: (m: Member) => <AccountBadge member={m} /> },
    {
      header: mt("contact"),
      cell: (m: Member) => [m.email, m.phone].filter(Boolean).join(" · ") || "—",
      secondary: true,
    },
    ...(o.staff || o.inviter
      ? [
          {
            header: mt("actions"),
            cell: (m: Member) => (
              <div class="row-actions">
                <Show when={o.staff}>
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => o.onEdit(m)}
                    aria-label={`${mt("edit")}: ${m.fullName}`}
                  >
                    {mt("edit")}
                  </button>
                </Show>
                <InviteButton tenantId={o.tenantId} member={m} onIssued={o.onIssued} />
              </div>
            ),
          },
        ]
      : []),
  ];
}
