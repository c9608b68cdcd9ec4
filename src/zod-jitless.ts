// zod's fast path compiles validators with Function(), which the runner's Content-Security-Policy
// does not allow ('unsafe-eval'). zod would fall back by itself, but only after the browser has
// reported a violation; the browser code imports this first, so zod never tries.
import { z } from '../core/zod.ts';

z.config({ jitless: true });
