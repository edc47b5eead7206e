#!/usr/bin/env node
// Checks the source tree against the layers and modules written down in
// docs/architecture.md, so that the document and the code cannot drift apart:
//   1. a file includes only the layers its own layer may include;
//   2. a file of module A includes another module B of the same layer only when
//      the table lets A use B, and the table's uses have no cycle (tests, which
//      run a module in a whole world, may include any module's public headers);
//   3. nobody includes another module's internal header (*_internal.h);
//   4. test helpers — service/testing/ (shared) and *_test_<what>.h beside a
//      module's tests — are included by tests only;
//   5. every file of src/<layer>/<module>/ opens only namespaces
//      meihao::<layer>::<module>[::…] (anonymous ones aside).
// Usage: node scripts/check-modules.mjs [--root DIR]   (exit 1 on a violation)
import fs from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
const rootAt = args.indexOf('--root')
const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : path.join(import.meta.dirname, '..')
const src = path.join(root, 'src')
const doc = fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8')

// ---- the document's two tables --------------------------------------------------

function table(headerStart) {
  const lines = doc.split('\n')
  const at = lines.findIndex((l) => l.replace(/\s+/g, ' ').toLowerCase().startsWith(headerStart))
  if (at < 0) throw new Error(`docs/architecture.md: no table starting "${headerStart}"`)
  const rows = []
  for (let i = at + 2; i < lines.length && lines[i].startsWith('|'); ++i)
    rows.push(lines[i].split('|').slice(1, -1).map((c) => c.trim()))
  return rows
}
const names = (cell) => cell.replace(/[`*]/g, '').split(/[,，]/).map((s) => s.trim()).filter((s) => s && s !== '—' && s !== '-')

const layerMay = new Map(table('| layer | may include').map(([layer, may]) => [names(layer)[0], new Set([names(layer)[0], ...names(may)])]))
const modules = new Map()  // name → { service: Set, domain: Set }
for (const [name, , service, domain] of table('| module | purpose'))
  modules.set(names(name)[0], { service: new Set(names(service ?? '')), domain: new Set(names(domain ?? '')) })
const MODULE_LAYERS = ['domain', 'service', 'io']

const problems = []
const problem = (file, line, text) => problems.push(`${file}:${line}: ${text}`)

for (const [m, uses] of modules)
  for (const layer of ['service', 'domain'])
    for (const u of uses[layer]) if (!modules.has(u)) problem('docs/architecture.md', 0, `module ${m} uses ${u}, which the table does not list`)

// ---- cycles in the declared uses, per layer ------------------------------------------

for (const layer of ['service', 'domain']) {
  const state = new Map()
  const visit = (m, trail) => {
    if (state.get(m) === 'done') return
    if (state.get(m) === 'open') {
      problem('docs/architecture.md', 0, `the ${layer} uses form a cycle: ${[...trail.slice(trail.indexOf(m)), m].join(' → ')}`)
      return
    }
    state.set(m, 'open')
    for (const u of modules.get(m)?.[layer] ?? []) visit(u, [...trail, m])
    state.set(m, 'done')
  }
  for (const m of modules.keys()) visit(m, [])
}

// ---- where a file sits ----------------------------------------------------------------

// { layer, module, internal, testing } of a path relative to src/.
function place(rel) {
  const parts = rel.split('/')
  const layer = parts[0]
  let module = null
  if (MODULE_LAYERS.includes(layer) && parts.length > 2 && parts[1] !== 'testing') module = parts[1]  // src/<layer>/<module>/…
  if (layer === 'http' && parts[1] === 'handlers' && parts.length > 3) module = parts[2]
  const testing = (layer === 'service' && parts[1] === 'testing') || /_test_[a-z_]+\.h$/.test(rel)
  return { layer, module, internal: /_internal\.h$/.test(rel), testing }
}

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (/\.(h|cc)$/.test(e.name)) yield p
  }
}

// ---- every file ------------------------------------------------------------------------

for (const abs of walk(src)) {
  const rel = path.relative(src, abs).split(path.sep).join('/')
  const me = place(rel)
  const isTest = /_test\.cc$/.test(rel) || me.testing
  if (!layerMay.has(me.layer)) { problem(rel, 0, `layer ${me.layer} is not in docs/architecture.md's layer table`); continue }
  if (me.module && MODULE_LAYERS.includes(me.layer) && !modules.has(me.module))
    problem(rel, 0, `module folder ${me.layer}/${me.module} is not in docs/architecture.md's module table`)
  const lines = fs.readFileSync(abs, 'utf8').split('\n')
  lines.forEach((line, i) => {
    const inc = line.match(/^\s*#\s*include\s+"([^"]+)"/)
    if (inc) {
      const target = inc[1]
      if (!fs.existsSync(path.join(src, target))) return  // generated or local; the compiler judges it
      const it = place(target)
      if (!layerMay.get(me.layer).has(it.layer))
        problem(rel, i + 1, `the ${me.layer} layer may not include the ${it.layer} layer (${target})`)
      if (it.testing && !isTest) problem(rel, i + 1, `${target} is a test helper; only tests include it`)
      const sameModule = it.layer === me.layer && it.module === me.module
      if (it.internal && !sameModule)
        problem(rel, i + 1, `${target} is internal to ${it.layer}/${it.module}; use the module's public header`)
      if (me.module && it.module && it.layer === me.layer && it.module !== me.module && !isTest) {
        const uses = modules.get(me.module)?.[me.layer] ?? new Set()
        if (MODULE_LAYERS.includes(me.layer) && !uses.has(it.module))
          problem(rel, i + 1, `module ${me.module} may not use ${it.module} in the ${me.layer} layer (${target}); ` +
            `add it to the module's uses in docs/architecture.md if it should`)
      }
    }
    const ns = line.match(/^\s*namespace\s+([A-Za-z_][\w:]*)\s*\{/)
    if (ns && me.module && MODULE_LAYERS.includes(me.layer)) {
      const want = `meihao::${me.layer}::${me.module}`
      const name = ns[1]
      const nested = !name.startsWith('meihao')  // namespace internal { inside the module's own
      if (!nested && name !== want && !name.startsWith(want + '::'))
        problem(rel, i + 1, `namespace ${name} in ${me.layer}/${me.module}/ (want ${want})`)
    }
  })
}

if (problems.length) {
  console.error(`check-modules: ${problems.length} problem(s) / 模块边界检查未通过`)
  for (const p of problems) console.error('  ' + p)
  process.exit(1)
}
console.log(`check-modules: ${modules.size} modules, layers and includes as docs/architecture.md says`)
