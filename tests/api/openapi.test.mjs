// docs/openapi.yaml lists exactly the routes the server registers (app.Api("METHOD", "/path", …)
// in src/http/handlers/, one file or folder per module), and its $refs resolve. No server needed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { REPO } from './harness.mjs'

const HANDLERS = path.join(REPO, 'src/http/handlers')
const SPEC = path.join(REPO, 'docs/openapi.yaml')
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']

/** "METHOD /path" for every app.Api registration in the handler sources. */
function serverRoutes() {
  const routes = new Set()
  for (const f of fs.readdirSync(HANDLERS, { recursive: true }).filter((n) => n.endsWith('.cc'))) {
    const src = fs.readFileSync(path.join(HANDLERS, f), 'utf8')
    for (const m of src.matchAll(/app\.Api\(\s*"([A-Z]+)"\s*,\s*"([^"]+)"/g)) routes.add(`${m[1]} ${m[2]}`)
  }
  return routes
}

/** "METHOD /path" for every operation under `paths:` (minimal YAML reading: indentation only). */
function specRoutes(text) {
  const routes = new Set()
  let inPaths = false
  let current = null
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inPaths = line.startsWith('paths:')
      current = null
      continue
    }
    if (!inPaths) continue
    const p = /^ {2}(\/api\/[^:]+):\s*$/.exec(line)
    if (p) {
      current = p[1]
      continue
    }
    if (/^ {2}\S/.test(line)) {
      current = null
      continue
    }
    const m = /^ {4}([a-z]+):/.exec(line)
    if (current && m && METHODS.includes(m[1])) routes.add(`${m[1].toUpperCase()} ${current}`)
  }
  return routes
}

test('the handler sources register routes (the regex still finds them)', () => {
  const routes = serverRoutes()
  assert.ok(routes.size >= 20, `only ${routes.size} routes found: ${[...routes].join(', ')}`)
  assert.ok(routes.has('GET /api/health'))
  assert.ok(routes.has('POST /api/session/login'))
})

test('every server route is documented in docs/openapi.yaml', () => {
  const spec = specRoutes(fs.readFileSync(SPEC, 'utf8'))
  const missing = [...serverRoutes()].filter((r) => !spec.has(r)).sort()
  assert.deepEqual(missing, [], `routes missing from docs/openapi.yaml:\n  ${missing.join('\n  ')}`)
})

test('every documented route exists in the server', () => {
  const server = serverRoutes()
  const extra = [...specRoutes(fs.readFileSync(SPEC, 'utf8'))].filter((r) => !server.has(r)).sort()
  assert.deepEqual(extra, [], `routes in docs/openapi.yaml that the server does not register:\n  ${extra.join('\n  ')}`)
})

test('the spec is OpenAPI 3.0, declares cookie auth and the CSRF header, and every $ref resolves', () => {
  const text = fs.readFileSync(SPEC, 'utf8')
  assert.match(text, /^openapi: 3\.0\.\d+$/m)
  assert.match(text, /in: cookie\s+name: meihao_session/)
  assert.match(text, /in: header\s+name: X-CSRF-Token/)
  // components/<kind>/<name> definitions: 4-space keys under a 2-space kind under `components:`.
  const defined = new Set()
  let inComponents = false
  let kind = null
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) inComponents = line.startsWith('components:')
    if (!inComponents) continue
    const k = /^ {2}(\w+):\s*$/.exec(line)
    if (k) kind = k[1]
    const n = /^ {4}(\w+):/.exec(line)
    if (n && kind) defined.add(`${kind}/${n[1]}`)
  }
  const refs = [...text.matchAll(/\$ref: '#\/components\/(\w+)\/(\w+)'/g)].map((m) => `${m[1]}/${m[2]}`)
  assert.ok(refs.length > 20)
  const dangling = [...new Set(refs)].filter((r) => !defined.has(r))
  assert.deepEqual(dangling, [], 'dangling $refs')
  assert.ok(defined.has('schemas/ErrorBody') && defined.has('schemas/Error'), 'the error schema is defined')
})

test('every non-public operation documents 401, every operation with a body documents 400', () => {
  const lines = fs.readFileSync(SPEC, 'utf8').split(/\r?\n/)
  const ops = []
  let pathName = null
  let op = null
  for (const line of lines) {
    const p = /^ {2}(\/api\/[^:]+):\s*$/.exec(line)
    if (p) pathName = p[1]
    else if (/^ {0,2}\S/.test(line)) pathName = /^ {2}\//.test(line) ? pathName : null
    const m = /^ {4}([a-z]+):/.exec(line)
    if (pathName && m && METHODS.includes(m[1])) ops.push((op = { name: `${m[1].toUpperCase()} ${pathName}`, body: [] }))
    else if (op && pathName && /^ {5,}/.test(line)) op.body.push(line)
  }
  assert.equal(ops.length, serverRoutes().size, 'one operation per route')
  for (const o of ops) {
    const b = o.body.join('\n')
    const isPublic = /^ {6}security: \[\]/m.test(b)
    if (!isPublic) assert.match(b, /'401'/, `${o.name} documents 401`)
    if (/^ {6}requestBody:/m.test(b) && !o.name.startsWith('POST /api/imports/')) assert.match(b, /'400'/, `${o.name} documents 400`)
    assert.match(b, /^ {6}responses:/m, `${o.name} has responses`)
  }
})

// When the Python validator happens to be installed, use it; otherwise skip (no npm dependencies).
const hasValidator = spawnSync('python3', ['-c', 'import yaml, openapi_spec_validator'], { encoding: 'utf8' }).status === 0
test('openapi-spec-validator accepts the spec', { skip: hasValidator ? false : 'python3 openapi_spec_validator not installed' }, () => {
  const r = spawnSync(
    'python3',
    ['-c', 'import sys, yaml; from openapi_spec_validator import validate; validate(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))); print("valid")', SPEC],
    { encoding: 'utf8' },
  )
  assert.equal(r.status, 0, r.stderr.slice(-3000))
})
