/** The tenant's organization tree with member counts; staff add committees and branches. */
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import type { BranchType, OrganizationKind, OrganizationNode } from "../../../../schema/api/organizations";
import { flattenTree, organizationsApi } from "../../api";
import { defineMessages } from "../../i18n";
import { t as common } from "../../i18n/common";
import { canManageTenant } from "../../session";
import { ErrorNotice } from "../../ui/error-notice";
import { issuesByField } from "../../ui/errors";
import { SelectField, TextField } from "../../ui/fields";
import { ResourceView } from "../../ui/resource-view";
import { showToast } from "../../ui/toast";
import { BRANCH_TYPES, kindLabel, ORG_KINDS, typeLabel } from "./labels";
import "../../styles/console.css";

const t = defineMessages(
  {
    title: "Tổ chức đảng",
    totals: "Toàn đảng bộ: {total} đảng viên ({official} chính thức, {probationary} dự bị), {exempt} miễn sinh hoạt",
    counts: "{total} đảng viên · {probationary} dự bị · {exempt} miễn SH",
    members: "Đảng viên",
    plan: "Kế hoạch",
    add: "Thêm tổ chức",
    kind: "Loại tổ chức",
    name: "Tên",
    parent: "Trực thuộc",
    branchType: "Loại hình chi bộ",
    created: "Đã thêm {name}.",
    empty: "Chưa có tổ chức nào. Hãy thêm đảng bộ cơ sở hoặc chi bộ cơ sở đầu tiên.",
  },
  {
    title: "Party organizations",
    totals: "Whole committee: {total} members ({official} official, {probationary} probationary), {exempt} exempt",
    counts: "{total} members · {probationary} probationary · {exempt} exempt",
    members: "Members",
    plan: "Plan",
    add: "Add an organization",
    kind: "Kind",
    name: "Name",
    parent: "Under",
    branchType: "Branch type",
    created: "{name} added.",
    empty: "No organizations yet. Add the first grassroots committee or branch.",
  },
);

function Tree(props: { nodes: OrganizationNode[]; base: string }) {
  return (
    <ul class="org-tree">
      <For each={props.nodes}>
        {(node) => (
          <li>
            <div class="org-node">
              <span class="org-name">{node.name}</span>
              <span class="badge badge-muted">{kindLabel(node.kind)}</span>
              <Show when={node.branchType}>{(bt) => <span class="muted">{typeLabel(bt())}</span>}</Show>
              <span class="muted">{t("counts", { ...node.counts })}</span>
              <A href={`${props.base}/members?org=${encodeURIComponent(node.id)}`}>{t("members")}</A>
              <Show when={node.kind !== "grassroots_committee"}>
                <A href={`${props.base}/planning?org=${encodeURIComponent(node.id)}`}>{t("plan")}</A>
              </Show>
            </div>
            <Show when={node.children.length > 0}>
              <Tree nodes={node.children} base={props.base} />
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

function AddOrganization(props: { tenantId: string; nodes: OrganizationNode[]; onDone: () => void }) {
  const [kind, setKind] = createSignal<OrganizationKind>("branch");
  const [name, setName] = createSignal("");
  const [parentId, setParentId] = createSignal("");
  const [branchType, setBranchType] = createSignal<BranchType>("residential");
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const committees = () => flattenTree(props.nodes).filter((x) => x.node.kind === "grassroots_committee");
  const fieldErr = () => issuesByField(error());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const k = kind();
      await organizationsApi.create(props.tenantId, {
        kind: k,
        name: name().trim(),
        ...(k === "branch" ? { parentId: parentId() } : {}),
        ...(k !== "grassroots_committee" ? { branchType: branchType() } : {}),
      });
      showToast(t("created", { name: name().trim() }));
      setName("");
      props.onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card section" onSubmit={(e) => void submit(e)}>
      <h2>{t("add")}</h2>
      <div class="form-row">
        <SelectField
          label={t("kind")}
          value={kind()}
          onValue={(v) => setKind(v as OrganizationKind)}
          options={ORG_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        <TextField
          label={t("name")}
          required
          maxLength={200}
          value={name()}
          onValue={setName}
          error={fieldErr().name}
        />
      </div>
      <div class="form-row">
        <Show when={kind() === "branch"}>
          <SelectField
            label={t("parent")}
            required
            placeholder="—"
            value={parentId()}
            onValue={setParentId}
            options={committees().map((x) => ({ value: x.node.id, label: x.node.name }))}
            error={fieldErr().parentId}
          />
        </Show>
        <Show when={kind() !== "grassroots_committee"}>
          <SelectField
            label={t("branchType")}
            value={branchType()}
            onValue={(v) => setBranchType(v as BranchType)}
            options={BRANCH_TYPES.map((b) => ({ value: b, label: typeLabel(b) }))}
            error={fieldErr().branchType}
          />
        </Show>
      </div>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        {common("add")}
      </button>
    </form>
  );
}

export default function OrganizationsPage() {
  const params = useParams<{ tenantId: string }>();
  const [tree, { refetch }] = createResource(
    () => params.tenantId,
    (id) => organizationsApi.tree(id),
  );
  const base = () => `/t/${params.tenantId}`;
  return (
    <>
      <h1>{t("title")}</h1>
      <ResourceView resource={tree} onRetry={() => void refetch()}>
        {(data) => (
          <>
            <p class="notice">{t("totals", { ...data.counts })}</p>
            <Show when={data.items.length > 0} fallback={<p>{t("empty")}</p>}>
              <Tree nodes={data.items} base={base()} />
            </Show>
            <Show when={canManageTenant(params.tenantId)}>
              <AddOrganization tenantId={params.tenantId} nodes={data.items} onDone={() => void refetch()} />
            </Show>
          </>
        )}
      </ResourceView>
    </>
  );
}
