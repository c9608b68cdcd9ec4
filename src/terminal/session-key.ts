// Where a tab keeps the id of its terminal session, to reattach after a reload. Its own module: the
// page's small loader reads it without loading the panel.
export const SESSION_KEY = 'runguide:terminal-session';
