// Names on the wire between the page and the runner that need no schema: the token's WebSocket
// subprotocols. Kept apart from protocol.ts (zod) so that the page's small loader can use them.

/** The WebSocket subprotocol the runner answers with; the token travels as a second one. */
export const TERM_PROTOCOL = 'runguide';
export const TOKEN_PROTOCOL_PREFIX = 'runguide-token.';
