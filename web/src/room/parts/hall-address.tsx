/**
 * The address members open on their phones, shown on the hall screen as a QR code and in large text: this page's own
 * origin (the address the projector opened, e.g. `http://192.168.1.23:8787` from `HOST=0.0.0.0 npm start`) and the
 * meeting's room path. A toggle in the bottom-left corner, closed at first, so it never pushes the vote off screen.
 */
import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import { createMemo, createSignal, Show } from "solid-js";
import { parseRoomPagePath, roomPagePath } from "../../../../schema/room-page";
import { defineMessages } from "../../i18n";

const t = defineMessages(
  {
    show: "Mã QR để vào phòng họp",
    hide: "Ẩn mã QR",
    label: "Mở trên điện thoại:",
    qr: "Mã QR của địa chỉ phòng họp",
  },
  {
    show: "QR code to join the meeting",
    hide: "Hide the QR code",
    label: "Open on your phone:",
    qr: "QR code of the meeting room's address",
  },
);

/**
 * The room page of the meeting whose hall page is at `href`, on the same origin. Read from the address itself, not
 * the router's params (which keep their percent-escapes), so an id with any character comes out escaped once.
 */
export function hallRoomUrl(href: string): string {
  const url = new URL(href);
  const at = parseRoomPagePath(url.pathname);
  return at ? new URL(roomPagePath(at.tenantId, at.meetingId, "room"), url.origin).href : url.origin;
}

export function HallAddress() {
  const [open, setOpen] = createSignal(false);
  const url = () => hallRoomUrl(window.location.href);
  const code = createMemo(() => {
    const qr = generate(url());
    return { size: qr.size, path: toSvgPath(qr) };
  });
  return (
    <aside class="hall-address">
      <Show when={open()}>
        <div class="hall-address-panel" data-testid="hall-address">
          <svg
            class="hall-address-qr"
            role="img"
            aria-label={t("qr")}
            viewBox={`-2 -2 ${code().size + 4} ${code().size + 4}`}
            shape-rendering="crispEdges"
          >
            <rect x="-2" y="-2" width={code().size + 4} height={code().size + 4} fill="#fff" />
            <path d={code().path} fill="#000" />
          </svg>
          <p class="hall-address-label">{t("label")}</p>
          <p class="hall-address-url">{url()}</p>
        </div>
      </Show>
      <button type="button" class="btn hall-address-toggle" aria-expanded={open()} onClick={() => setOpen(!open())}>
        {open() ? t("hide") : t("show")}
      </button>
    </aside>
  );
}
