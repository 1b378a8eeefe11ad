/**
 * A data table that stays readable at 360 px: below 640 px each row becomes a card and each cell shows its
 * column name (from data-label) before the value.
 */
import { For, type JSX, Show } from "solid-js";
import { t } from "../i18n/common";

export interface Column<T> {
  header: string;
  cell: (row: T) => JSX.Element;
  /** Right-align numbers. */
  numeric?: boolean;
  /** Left out on a phone, where each row is a card and every line counts. */
  secondary?: boolean;
}

export function DataTable<T>(props: {
  caption?: string;
  columns: Column<T>[];
  rows: readonly T[];
  empty?: string;
  rowKey?: (row: T) => string;
}) {
  return (
    <div class="table-wrap">
      <table class="data-table">
        <Show when={props.caption}>
          <caption>{props.caption}</caption>
        </Show>
        <thead>
          <tr>
            <For each={props.columns}>
              {(c) => (
                <th scope="col" classList={{ num: c.numeric, "col-secondary": c.secondary }}>
                  {c.header}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.rows}
            fallback={
              <tr>
                <td colSpan={props.columns.length} class="empty">
                  {props.empty ?? t("none")}
                </td>
              </tr>
            }
          >
            {(row) => (
              <tr>
                <For each={props.columns}>
                  {(c) => (
                    <td data-label={c.header} classList={{ num: c.numeric, "col-secondary": c.secondary }}>
                      {c.cell(row)}
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next with "page x of y"; pages are 1-based. */
export function Pager(props: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <nav class="pager" aria-label={t("pageOf", { page: props.page, pages: pages() })}>
      <button type="button" class="btn" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        ‹ {t("previous")}
      </button>
      <span>
        {t("pageOf", { page: props.page, pages: pages() })} · {t("total", { n: props.total })}
      </span>
      <button type="button" class="btn" disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>
        {t("next")} ›
      </button>
    </nav>
  );
}
