/**
 * A meeting's resolution: the review of last month's tasks, the draft editor (for those who write it, until it is
 * issued) and the A4 sheet with its PDF. Read by everyone who may see the meeting, as the minutes are.
 */
import { A, useParams } from "@solidjs/router";
import { createResource, Show } from "solid-js";
import type { Resolution } from "../../../../schema/api/resolutions";
import { meetingsApi, resolutionsApi } from "../../api";
import { tenantOf } from "../../session";
import { Layout } from "../../ui/layout";
import { ResourceView } from "../../ui/resource-view";
import { pdfFileName } from "../minutes/minutes-doc";
import { createPdfDownload } from "../minutes/pdf-download";
import { buildResolutionDoc, type ResolutionDoc, resolutionFileName } from "./resolution-doc";
import { ResolutionEditor } from "./resolution-editor";
import { rt } from "./resolution-messages";
import { ResolutionSheet } from "./resolution-sheet";
import { TaskReviewPanel } from "./task-review-panel";
import "../minutes/minutes.css";
import "./resolution.css";

export default function ResolutionPage() {
  const params = useParams<{ tenantId: string; meetingId: string }>();
  const [data, { mutate, refetch }] = createResource(
    () => ({ t: params.tenantId, m: params.meetingId }),
    async (q) => {
      const [meeting, resolution] = await Promise.all([meetingsApi.get(q.t, q.m), resolutionsApi.get(q.t, q.m)]);
      return { meeting, resolution };
    },
  );
  const { making, download } = createPdfDownload();
  const downloadPdf = (doc: ResolutionDoc, scheduledAt: string) =>
    download(async () => {
      const { downloadResolutionPdf } = await import("./resolution-pdf");
      await downloadResolutionPdf(doc, resolutionFileName(pdfFileName(doc.branch, scheduledAt)));
    });
  const saved = (resolution: Resolution) => {
    const d = data();
    if (d) mutate({ ...d, resolution });
  };

  return (
    <Layout wide>
      <ResourceView resource={data} onRetry={() => void refetch()}>
        {(d) => {
          const doc = () => buildResolutionDoc(d.resolution, tenantOf(params.tenantId)?.name ?? "");
          return (
            <>
              <div class="actions no-print">
                <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                  {rt("print")}
                </button>
                <button
                  type="button"
                  class="btn"
                  disabled={making()}
                  onClick={() => void downloadPdf(doc(), d.meeting.scheduledAt)}
                >
                  {making() ? rt("making") : rt("pdf")}
                </button>
                <A href={`/t/${params.tenantId}/meetings/${params.meetingId}`}>{rt("back")}</A>
              </div>
              <h1 class="no-print">
                {rt("heading")} — {d.meeting.topic}
              </h1>
              <TaskReviewPanel
                tenantId={params.tenantId}
                meetingId={params.meetingId}
                onChange={() => void refetch()}
              />
              <Show
                when={d.resolution.canWrite}
                fallback={
                  <p class="notice no-print">{d.resolution.status === "issued" ? rt("final") : rt("readOnly")}</p>
                }
              >
                <ResolutionEditor
                  tenantId={params.tenantId}
                  resolution={d.resolution}
                  members={d.meeting.expected}
                  closed={d.meeting.status === "closed"}
                  onSaved={saved}
                />
              </Show>
              <h2 class="no-print">{rt("preview")}</h2>
              <ResolutionSheet doc={doc()} />
            </>
          );
        }}
      </ResourceView>
    </Layout>
  );
}
