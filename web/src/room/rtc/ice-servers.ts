/**
 * The STUN/TURN servers every peer connection uses. None: on one network (a hall's Wi-Fi, the tests) host
 * candidates connect. A list from configuration (a TURN service's short-lived credentials) comes later; this
 * is the one place that will read it.
 */
export function iceServers(): RTCIceServer[] {
  return [];
}
