/**
 * The room's open sockets for a broadcast, listed once and kept until a socket connects or closes.
 * partyserver's `broadcast` lists the hibernatable sockets again for every frame and deserialises each one's
 * attachment to check it is one of its own (`tryGetPartyServerMeta`): at 2,000 members that was more CPU than
 * the sends themselves. Every socket this room accepts is partyserver's, so the list needs no check; a socket
 * closing between two refreshes is skipped by its `readyState`.
 */
export class OpenSockets {
  #list: WebSocket[] | undefined;

  constructor(private readonly ctx: DurableObjectState) {}

  /** A socket connected or closed: the next broadcast lists them again. */
  changed() {
    this.#list = undefined;
  }

  /** The frame to every open socket; a socket that fails to take it is closed, as partyserver does. */
  send(msg: string) {
    this.#list ??= this.ctx.getWebSockets();
    for (const ws of this.#list) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      try {
        ws.send(msg);
      } catch {
        ws.close(1011, "Unexpected error");
      }
    }
  }
}
