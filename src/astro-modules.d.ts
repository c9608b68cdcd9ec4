// Plain `tsc` (the typecheck test) has no Astro language plugin: give `.astro` imports from
// TypeScript files (tests render components with Astro's container API) their component type.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}

// The runbook pages as the build read them once (src/build/runbook-integration.ts).
declare module 'virtual:runguide/runbook-pages' {
  const pages: import('./build/runbook-pages.ts').RunbookPages;
  export default pages;
}
