/** The echo room answers a frame that starts with this to its sender only; every other frame goes to all. */
export const TO_SENDER = '{"to":"sender"';
