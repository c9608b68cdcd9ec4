// The zod of the project's schemas: zod/mini, whose functions the bundler can leave out when unused
// (the page's terminal panel carries the part of zod it needs, not all of it), with zod's English
// messages, which zod classic loads on import and zod/mini does not: a refused runbook, message or
// export option reads as it did.
import { z } from 'zod/mini';

z.config(z.locales.en());

export { z };
