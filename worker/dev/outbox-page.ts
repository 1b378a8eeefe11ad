/**
 * The outbox as one plain HTML page: each message with its recipient, time and subject, the body as written with
 * its links clickable. Server-rendered with Hono's `html` (every value escaped), no script, and its styles in a file
 * of their own (/dev/outbox.css) since the Content-Security-Policy allows no inline style.
 */
import { html } from "hono/html";
import type { OutboxMessage } from "../../schema/api/mail";
import { vnLocal } from "../../schema/calendar";

const LINK = /(https?:\/\/[^\s<>"]+)/;

/** The body's text with every http(s) address made a link; the rest stays text. */
function withLinks(text: string) {
  return text.split(LINK).map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part));
}

function message(m: OutboxMessage) {
  return html`<article class="message">
  <dl>
    <dt>Đến / To</dt>
    <dd><a href="?to=${encodeURIComponent(m.to)}">${m.to}</a></dd>
    <dt>Lúc / Sent</dt>
    <dd><time datetime="${m.createdAt}">${vnLocal(m.createdAt).replace("T", " ")}</time> (giờ Việt Nam)</dd>
    <dt>Tiêu đề / Subject</dt>
    <dd class="subject">${m.subject}</dd>
  </dl>
  <pre>${withLinks(m.text)}</pre>
</article>`;
}

export function outboxPage(messages: OutboxMessage[], to?: string) {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hộp thư gửi đi / Outbox · chibo</title>
<link rel="stylesheet" href="/dev/outbox.css">
</head>
<body>
<main>
<h1>Hộp thư gửi đi / Outbox</h1>
<p class="note">Chỉ có khi phát triển cục bộ: chưa cấu hình máy gửi e-mail, nên chibo giữ thư ở đây.
<br>Local development only: no e-mail sender is configured, so chibo keeps its mail here.</p>
<nav>
  <a href="/dev/outbox">Tải lại / Reload</a>
  ${to ? html`· <a href="/dev/outbox">Mọi người nhận / All recipients</a>` : ""}
  · <a href="/dev/outbox.json${to ? `?to=${encodeURIComponent(to)}` : ""}">JSON</a>
</nav>
${to ? html`<p>Thư gửi đến / Mail to <strong>${to}</strong></p>` : ""}
${
  messages.length === 0
    ? html`<p class="empty">Chưa có thư nào. / No messages yet.</p>`
    : html`<p>${messages.length} thư, mới nhất trước / ${messages.length} message${messages.length === 1 ? "" : "s"}, newest first</p>
${messages.map(message)}`
}
</main>
</body>
</html>`;
}

export const OUTBOX_CSS = `
:root { color-scheme: light dark; font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
body { margin: 0; font-size: 1.125rem; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.75rem; margin: 0.5rem 0; }
.note { opacity: 0.8; }
nav { margin: 0.75rem 0; }
a { color: LinkText; }
.message { border: 1px solid GrayText; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 1rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.75rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.subject { font-weight: 600; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; margin: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
`;
