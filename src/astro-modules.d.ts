// Plain `tsc` (the typecheck test) has no Astro language plugin: give `.astro` imports from
// TypeScript files (tests render components with Astro's container API) their component type.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
