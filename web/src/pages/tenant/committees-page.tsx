/**
 * /t/:tenantId/committees — a province's committees (Đảng bộ trực thuộc): the list with links to each one's reports
 * (read-only for the province), and for the province's admins the form that creates one with its first admin.
 */
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import type { CommitteeSummary, CreatedCommittee } from "../../../../schema/api/committees";
import { committeesApi } from "../../api";
import { formatDate } from "../../i18n/format";
import { tenantOf } from "../../session";
import { ResourceView } from "../../ui/resource-view";
import { DataTable } from "../../ui/table";
import { CreatedNotice, CreateForm } from "./committee-create";
import { ct as t } from "./committees-messages";
import "../../styles/console.css";

export default function CommitteesPage() {
  const params = useParams<{ tenantId: string }>();
  const [list, { refetch }] = createResource(
    () => params.tenantId,
    (id) => committeesApi.list(id),
  );
  const [created, setCreated] = createSignal<{ created: CreatedCommittee; adminName: string } | null>(null);
  const admin = () => tenantOf(params.tenantId)?.role === "admin";
  const reportsOf = (c: CommitteeSummary) => `/t/${encodeURIComponent(c.id)}/reports`;
  return (
    <div>
      <h1>{t("title")}</h1>
      <p class="muted">{t("intro")}</p>
      <Show when={created()}>
        {(c) => <CreatedNotice created={c().created} adminName={c().adminName} onDismiss={() => setCreated(null)} />}
      </Show>
      <ResourceView resource={list} onRetry={refetch}>
        {(l) => (
          <DataTable
            caption={t("title")}
            rows={l.items}
            rowKey={(c) => c.id}
            empty={t("empty")}
            columns={[
              { header: t("name"), cell: (c) => <A href={reportsOf(c)}>{c.name}</A> },
              { header: t("members"), cell: (c) => c.members, numeric: true },
              { header: t("branches"), cell: (c) => c.branches, numeric: true },
              { header: t("created"), cell: (c) => formatDate(c.createdAt), secondary: true },
              {
                header: t("reports"),
                cell: (c) => (
                  <A class="btn btn-small" href={reportsOf(c)}>
                    {t("openReports")}
                  </A>
                ),
              },
            ]}
          />
        )}
      </ResourceView>
      <Show when={admin()}>
        <CreateForm
          tenantId={params.tenantId}
          onCreated={(c, adminName) => {
            setCreated({ created: c, adminName });
            void refetch();
          }}
        />
      </Show>
    </div>
  );
}
