/**
 * Members of the tenant: search (diacritics optional), filter by organization and status, page, edit; whether each
 * record has an account, and invitations (one at a time with its link and code, or many as printed slips).
 */
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, on, onCleanup, Show } from "solid-js";
import type { Member } from "../../../../schema/api/members";
import { branchesOf, flattenTree, membersApi, organizationsApi } from "../../api";
import { canManageTenant, invitesAny } from "../../session";
import { SelectField, TextField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { DataTable, Pager } from "../../ui/table";
import { statusLabel } from "./labels";
import { MemberCreate } from "./member-create";
import { MemberEditor } from "./member-editor";
import { type Issued, IssuedPanel } from "./member-invite";
import { memberColumns } from "./members-columns";
import { MembersInviteBar } from "./members-invite-bar";
import { mt } from "./members-messages";
import "../../styles/console.css";

const PAGE_SIZE = 25;
type StatusFilter = "" | "official" | "probationary" | "exempt";

export default function MembersPage() {
  const params = useParams<{ tenantId: string }>();
  const [search, setSearch] = useSearchParams<{ q?: string; org?: string; status?: string; page?: string }>();
  const [typed, setTyped] = createSignal(search.q ?? "");
  const [editing, setEditing] = createSignal<Member | null>(null);
  const [adding, setAdding] = createSignal(false);
  const staff = () => canManageTenant(params.tenantId);
  const inviter = () => invitesAny(params.tenantId);
  const [issued, setIssued] = createSignal<Issued | null>(null);
  // Records picked for printed slips (the columns offer a box only where nobody has taken the record).
  const [selected, setSelected] = createSignal<string[]>([]);
  const toggle = (id: string, on: boolean) =>
    setSelected((ids) => (on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id)));

  // Search as the person types, but not on every key: 300 ms after the last one.
  createEffect(
    on(typed, (q) => {
      const timer = setTimeout(() => {
        if ((search.q ?? "") !== q) setSearch({ q: q || undefined, page: undefined });
      }, 300);
      onCleanup(() => clearTimeout(timer));
    }),
  );

  const [orgs] = createResource(
    () => params.tenantId,
    (id) => organizationsApi.tree(id),
  );
  const query = () => ({
    tenantId: params.tenantId,
    q: search.q || undefined,
    organizationId: search.org || undefined,
    status: (search.status || undefined) as Exclude<StatusFilter, ""> | undefined,
    page: Math.max(1, Number(search.page) || 1),
  });
  const [page, { refetch, mutate }] = createResource(query, (q) =>
    membersApi.list(q.tenantId, {
      q: q.q,
      organizationId: q.organizationId,
      status: q.status,
      page: q.page,
      pageSize: PAGE_SIZE,
    }),
  );

  const replaceRow = (m: Member) => {
    const current = page();
    if (current) mutate({ ...current, items: current.items.map((x) => (x.membershipId === m.membershipId ? m : x)) });
    setEditing(m);
  };

  return (
    <>
      <h1>{mt("title")}</h1>
      <div class="toolbar" role="search">
        <TextField
          label={mt("search")}
          hint={mt("searchHint")}
          type="search"
          maxLength={100}
          value={typed()}
          onValue={setTyped}
        />
        <SelectField
          label={mt("organization")}
          value={search.org ?? ""}
          onValue={(v) => setSearch({ org: v || undefined, page: undefined })}
          placeholder={mt("allOrganizations")}
          options={flattenTree(orgs()?.items ?? []).map((x) => ({
            value: x.node.id,
            label: `${"— ".repeat(x.depth)}${x.node.name}`,
          }))}
        />
        <SelectField
          label={mt("status")}
          value={search.status ?? ""}
          onValue={(v) => setSearch({ status: v || undefined, page: undefined })}
          placeholder={mt("allStatuses")}
          options={[
            { value: "official", label: statusLabel("official") },
            { value: "probationary", label: statusLabel("probationary") },
            { value: "exempt", label: mt("exemptFilter") },
          ]}
        />
      </div>
      <Show when={staff()}>
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)} aria-expanded={adding()}>
            + {mt("add")}
          </button>
          <A class="btn" href={`/t/${params.tenantId}/members/import`}>
            {mt("import")}
          </A>
        </div>
      </Show>
      <Show when={inviter()}>
        <MembersInviteBar
          tenantId={params.tenantId}
          filter={{ q: query().q, organizationId: query().organizationId, status: query().status }}
          selected={selected()}
          onDone={() => {
            setSelected([]);
            void refetch();
          }}
        />
      </Show>
      <Show when={issued()} keyed>
        {(x) => <IssuedPanel tenantId={params.tenantId} value={x} onClose={() => setIssued(null)} />}
      </Show>
      <Show when={adding() && orgs()}>
        {(tree) => (
          <MemberCreate
            tenantId={params.tenantId}
            organizations={branchesOf(tree())}
            defaultOrgId={search.org ?? ""}
            onAdded={() => void refetch()}
            onClose={() => setAdding(false)}
          />
        )}
      </Show>
      <Show when={editing()} keyed>
        {(m) => (
          <MemberEditor tenantId={params.tenantId} member={m} onSaved={replaceRow} onClose={() => setEditing(null)} />
        )}
      </Show>
      <ResourceView resource={page} onRetry={() => void refetch()}>
        {(data) => (
          <>
            <DataTable
              caption={mt("title")}
              rows={data.items}
              empty={mt("noResults")}
              columns={memberColumns({
                tenantId: params.tenantId,
                items: data.items,
                staff: staff(),
                inviter: inviter(),
                selected: selected(),
                toggle,
                onEdit: setEditing,
                onIssued: setIssued,
              })}
            />
            <Pager
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPage={(p) => setSearch({ page: p > 1 ? String(p) : undefined })}
            />
          </>
        )}
      </ResourceView>
    </>
  );
}
