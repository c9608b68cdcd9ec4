// Names on the wire between the page and the runner that need no schema: the token's WebSocket
// subprotocols. Kept apart from protocol.ts (zod) so that the page's small loader can use them.

/** The WebSocket subprotocol the runner answers with; the token travels as a second one. */
export const TERM_PROTOCOL = 'runguide';
export const TOKEN_PROTOCOL_PREFIX = 'runguide-token.';

/**
 * Encodings the build precompresses the site's files into (a file `x.js` gets `x.js.br` and
 * `x.js.gz` beside it) and the runner serves by the browser's Accept-Encoding, best first.
 */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
