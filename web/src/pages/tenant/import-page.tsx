/**
 * CSV import of members: paste or choose a file, check it (dry run: nothing is written) to see what will
 * happen or each bad row explained, then import. Import is offered only for the text that was checked.
 */
import { A, useParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { ImportResult } from "../../../../schema/api/members";
import { ApiFailure, membersApi } from "../../api";
import { defineMessages, pickLang } from "../../i18n";
import { invitesAny } from "../../session";
import { createAction } from "../../ui/action";
import { ErrorNotice } from "../../ui/error-notice";
import { DataTable } from "../../ui/table";
import { showToast } from "../../ui/toast";
import { type BadLine, CSV_TEMPLATE, explainIssues } from "./import-logic";
import { inviteAndPrint } from "./invite-print";
import { roleLabel, statusLabel } from "./labels";
import "../../styles/console.css";

const t = defineMessages(
  {
    title: "Nhập đảng viên từ tệp CSV",
    intro:
      "Dòng đầu là tên cột (tiếng Việt hoặc tiếng Anh): Họ và tên, Chi bộ, Trạng thái là bắt buộc; E-mail, Điện thoại, Năm sinh, Ngày vào dự bị (bắt buộc với đảng viên dự bị), Chức vụ là tùy chọn. Lưu từ Excel bằng “CSV UTF-8”.",
    template: "Tải tệp mẫu",
    file: "Chọn tệp CSV",
    paste: "Hoặc dán nội dung tệp vào đây",
    check: "Kiểm tra (chưa lưu gì)",
    doImport: "Nhập {n} đảng viên",
    checking: "Đang kiểm tra…",
    importing: "Đang nhập…",
    okSummary: "Tệp hợp lệ: {rows} dòng. Mỗi người nhận lời mời để tự tạo tài khoản.",
    perOrg: "{name}: {n} đảng viên",
    previewNote: "Xem trước {shown}/{rows} dòng đầu.",
    badTitle: "Tệp có {n} dòng chưa đúng. Chưa nhập gì: sửa các dòng dưới đây rồi kiểm tra lại.",
    wholeFile: "Cả tệp",
    lineN: "Dòng {n}",
    done: "Đã nhập {rows} đảng viên.",
    inviteImported: "Mời và in phiếu cho {n} đảng viên vừa nhập",
    inviteImportedHint: "Mỗi người một phiếu có mã QR và mã mời, để phát trong buổi sinh hoạt.",
    printing: "Đang tạo phiếu…",
    printed: "Đã tạo {n} phiếu mời.",
    line: "Dòng",
    name: "Họ và tên",
    branch: "Chi bộ",
    status: "Trạng thái",
    role: "Chức vụ",
    account: "Tài khoản",
    back: "Về danh sách đảng viên",
    changed: "Nội dung đã thay đổi sau lần kiểm tra: hãy kiểm tra lại.",
    content: "Nội dung dòng",
    reasons: "Lý do",
  },
  {
    title: "Import members from a CSV file",
    intro:
      "The first line names the columns (Vietnamese or English): Full name, Branch and Status are required; Email, Phone, Birth year, Probation start (required for probationary members) and Role are optional. From Excel, save as “CSV UTF-8”.",
    template: "Download a template",
    file: "Choose a CSV file",
    paste: "Or paste the file's content here",
    check: "Check (saves nothing)",
    doImport: "Import {n} members",
    checking: "Checking…",
    importing: "Importing…",
    okSummary: "The file is valid: {rows} rows. Each person gets an invitation to make their own account.",
    perOrg: "{name}: {n} members",
    previewNote: "Preview of the first {shown} of {rows} rows.",
    badTitle: "{n} line(s) of the file are wrong. Nothing was imported: fix the lines below and check again.",
    wholeFile: "Whole file",
    lineN: "Line {n}",
    done: "{rows} members imported.",
    inviteImported: "Invite and print slips for the {n} imported members",
    inviteImportedHint: "One slip each with a QR code and an invitation code, to hand out at the meeting.",
    printing: "Making the slips…",
    printed: "{n} invitation slips made.",
    line: "Line",
    name: "Full name",
    branch: "Branch",
    status: "Status",
    role: "Role",
    account: "Account",
    back: "Back to the members",
    changed: "The content changed since the check: check again.",
    content: "Line content",
    reasons: "Reasons",
  },
);

type Preview = ImportResult["preview"][number];

export function BadLines(props: { lines: BadLine[] }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{t("badTitle", { n: props.lines.filter((l) => l.line !== null).length || props.lines.length })}</strong>
      </p>
      <DataTable
        rows={props.lines}
        columns={[
          { header: t("line"), cell: (l: BadLine) => (l.line === null ? t("wholeFile") : t("lineN", { n: l.line })) },
          { header: t("content"), cell: (l: BadLine) => <code>{l.text}</code> },
          {
            header: t("reasons"),
            cell: (l: BadLine) => (
              <ul class="row-problems">
                <For each={l.problems}>{(p) => <li>{p}</li>}</For>
              </ul>
            ),
          },
        ]}
      />
    </div>
  );
}

export function ImportSummary(props: { result: ImportResult }) {
  return (
    <div class="notice notice-ok" role="status">
      <p>
        <strong>
          {t("okSummary", {
            rows: props.result.rows,
          })}
        </strong>
      </p>
      <ul>
        <For each={props.result.byOrganization}>
          {(o) => <li>{t("perOrg", { name: o.organizationName, n: o.rows })}</li>}
        </For>
      </ul>
    </div>
  );
}

export default function ImportPage() {
  const params = useParams<{ tenantId: string }>();
  const [csv, setCsv] = createSignal("");
  const [checkedCsv, setCheckedCsv] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<ImportResult | null>(null);
  const [bad, setBad] = createSignal<BadLine[] | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal<"check" | "import" | null>(null);
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${CSV_TEMPLATE}`)}`;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setResult(null);
    setBad(null);
  };

  const send = async (dryRun: boolean) => {
    const text = csv();
    setBusy(dryRun ? "check" : "import");
    setError(null);
    setBad(null);
    try {
      const res = await membersApi.importCsv(params.tenantId, text, dryRun);
      setResult(res);
      setCheckedCsv(dryRun ? text : null);
      if (!dryRun) {
        showToast(t("done", { rows: res.rows }));
        setCsv("");
      }
    } catch (err) {
      setResult(null);
      setCheckedCsv(null);
      if (err instanceof ApiFailure && err.code === "bad_request" && err.issues.length > 0)
        setBad(explainIssues(err.issues, text, pickLang));
      else setError(err);
    } finally {
      setBusy(null);
    }
  };

  const ready = () => result()?.dryRun === true && checkedCsv() === csv();
  const imported = () => (result()?.dryRun === false ? (result()?.membershipIds ?? []) : []);
  const printing = createAction();
  const inviteImported = () =>
    void printing.run(async () => {
      const { printed } = await inviteAndPrint(params.tenantId, imported());
      showToast(t("printed", { n: printed }));
    });

  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        <a class="btn" href={templateHref} download="mau-nhap-dang-vien.csv">
          {t("template")}
        </a>
      </p>
      <div class="field">
        <label for="csv-file">{t("file")}</label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
      </div>
      <div class="field">
        <label for="csv-text">{t("paste")}</label>
        <textarea
          id="csv-text"
          class="csv-input"
          rows={8}
          spellcheck={false}
          value={csv()}
          onInput={(e) => setCsv(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button
          type="button"
          class="btn btn-primary"
          disabled={!csv().trim() || busy() !== null}
          onClick={() => void send(true)}
        >
          {busy() === "check" ? t("checking") : t("check")}
        </button>
        <Show when={ready()}>
          <button type="button" class="btn btn-primary" disabled={busy() !== null} onClick={() => void send(false)}>
            {busy() === "import" ? t("importing") : t("doImport", { n: result()?.rows ?? 0 })}
          </button>
        </Show>
        <A href={`/t/${params.tenantId}/members`}>{t("back")}</A>
      </div>
      <Show when={imported().length > 0 && invitesAny(params.tenantId)}>
        <div class="notice notice-ok">
          <p>{t("inviteImportedHint")}</p>
          <button type="button" class="btn btn-primary btn-big" disabled={printing.busy()} onClick={inviteImported}>
            {printing.busy() ? t("printing") : t("inviteImported", { n: imported().length })}
          </button>
          <Show when={printing.error()}>
            <ErrorNotice error={printing.error()} />
          </Show>
        </div>
      </Show>
      <Show when={result()?.dryRun && checkedCsv() !== null && checkedCsv() !== csv()}>
        <p class="notice notice-warn">{t("changed")}</p>
      </Show>
      <Show when={error()}>
        <ErrorNotice error={error()} />
      </Show>
      <Show when={bad()}>{(lines) => <BadLines lines={lines()} />}</Show>
      <Show when={result()}>
        {(r) => (
          <>
            <ImportSummary result={r()} />
            <Show when={r().dryRun}>
              <p class="muted">{t("previewNote", { shown: r().preview.length, rows: r().rows })}</p>
              <DataTable
                rows={r().preview}
                columns={[
                  { header: t("line"), cell: (p: Preview) => p.line, numeric: true },
                  { header: t("name"), cell: (p: Preview) => p.fullName },
                  { header: t("branch"), cell: (p: Preview) => p.organizationName },
                  { header: t("status"), cell: (p: Preview) => statusLabel(p.status) },
                  { header: t("role"), cell: (p: Preview) => roleLabel(p.branchRole) },
                ]}
              />
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
