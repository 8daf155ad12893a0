// The dependency rule (docs/architecture.md), checked by `npm test` and `.ci/run`.
// Layers: cli → server (composition root) → modules → kernel + shared → infrastructure (db, http kit, jobs, config).

// Files whose reads of another module's tables are not yet behind its index.ts: each entry would exempt
// exactly the listed imports (the rest of the file still checked). Empty since issue 16; never to grow.
const notYetThroughIndex = {};
const exactly = (path) => `^${path.replace(/[.]/g, '\\.')}$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...Object.entries(notYetThroughIndex).map(([from, allowed]) => ({
      name: 'modules-through-index',
      severity: 'error',
      comment: 'As below, but for a file with imports not yet moved behind an index.ts (see the TODO above).',
      from: { path: exactly(from) },
      to: { path: '^src/modules/', pathNot: [`^${from.split('/').slice(0, 3).join('/')}/`, '^src/modules/[^/]+/index\\.ts$', ...allowed.map(exactly)] },
    })),
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycles, between modules or inside one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: "A module reaches another only through that module's index.ts (tables and contracts excepted below; tests set up their data as they need).",
      from: { path: '^src/modules/([^/]+)/', pathNot: ['\\.(tables|contract|test)\\.ts$', ...Object.keys(notYetThroughIndex).map(exactly)] },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'tables-only-to-tables',
      severity: 'error',
      comment: "A tables file may import another module's tables file (foreign keys), nothing else of it.",
      from: { path: '^src/modules/([^/]+)/[^/]+\\.tables\\.ts$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/[^/]+\\.tables\\.ts$'] },
    },
    {
      name: 'contracts-only-to-contracts',
      severity: 'error',
      comment: "A contract file (shared with web/) may import another module's contract file, nothing else of it: an index.ts would pull the server into the console.",
      from: { path: '^src/modules/([^/]+)/[^/]+\\.contract\\.ts$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/[^/]+\\.contract\\.ts$'] },
    },
    {
      name: 'solver-stands-alone',
      severity: 'error',
      comment: 'dispatch/solver/ is pure computation: it imports nothing outside itself (not even node: modules).',
      from: { path: '^src/modules/dispatch/solver/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^src/modules/dispatch/solver/' },
    },
    {
      name: 'solver-tests-stand-alone',
      severity: 'error',
      comment: "The solver's tests use test libraries, but no other part of the project.",
      from: { path: '^src/modules/dispatch/solver/.+\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/modules/dispatch/solver/' },
    },
    {
      name: 'infrastructure-imports-no-module',
      severity: 'error',
      comment: 'db, http kit, jobs, config, shared and kernel sit below the modules and the composition root.',
      from: { path: '^src/(http|db|config|shared|kernel|jobs)/' },
      to: { path: '^src/(modules|server|demo)/|^src/(app|main|cli|modules)\\.ts$' },
    },
    {
      name: 'shared-below-kernel',
      severity: 'error',
      comment: 'shared holds domain-free helpers (errors, clock, money, geo): it does not know principals or audit.',
      from: { path: '^src/shared/' },
      to: { path: '^src/kernel/' },
    },
    {
      name: 'sql-lives-in-repos',
      severity: 'error',
      comment: "A module's SQL (drizzle conditions, statements) is written in its x.repo.ts (and tables in x.tables.ts); other files may name its types only, to pass a fragment along.",
      from: { path: '^src/modules/', pathNot: '\\.(repo|tables|test)\\.ts$' },
      to: { path: '(^|/)node_modules/drizzle-orm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-know-no-sql',
      severity: 'error',
      comment: 'A service calls its repo and other modules through their index.ts; it does not import drizzle-orm at all.',
      from: { path: '\\.service\\.ts$' },
      to: { path: '(^|/)node_modules/drizzle-orm/' },
    },
    {
      name: 'modules-do-not-import-the-root',
      severity: 'error',
      comment: 'Modules are built by the composition root; they never import it.',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(server|demo)/|^src/(app|main|cli|modules)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports couple modules too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
