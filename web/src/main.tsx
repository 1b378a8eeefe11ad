import { render } from "solid-js/web";
import { App } from "./app";
import { lang } from "./i18n";
import { startRoomEarly } from "./room/room-early";
import { loadSession } from "./session";
import { bindFontSizeToPerson } from "./ui/font-size";
import "./styles/base.css";

document.documentElement.lang = lang();
// Before the session answers, use the size last chosen on this device without a person.
bindFontSizeToPerson(null);
void loadSession();
// On a room or hall address, the room's ticket and socket get a head start (see room/room-early.ts).
startRoomEarly();

const root = document.getElementById("app");
if (root) render(() => <App />, root);
