// The module check (check-modules.mjs) and the ODR check's compiler flags
// (check-odr.sh) fail on planted violations: each test copies src/ and
// docs/architecture.md to a temporary tree, plants one violation, and expects
// the check to refuse it with a message naming the file and the rule.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const REPO = path.join(import.meta.dirname, '..')
const CHECK = path.join(REPO, 'scripts/check-modules.mjs')

function tree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-modules-'))
  fs.cpSync(path.join(REPO, 'src'), path.join(dir, 'src'), { recursive: true })
  fs.mkdirSync(path.join(dir, 'docs'))
  fs.copyFileSync(path.join(REPO, 'docs/architecture.md'), path.join(dir, 'docs/architecture.md'))
  return dir
}
function check(dir) {
  const r = spawnSync(process.execPath, [CHECK, '--root', dir], { encoding: 'utf8' })
  return { status: r.status, out: r.stdout + r.stderr }
}
// Adds `line` after the first #include of src/<file>.
function plantInclude(dir, file, line) {
  const p = path.join(dir, 'src', file)
  fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/(#include [^\n]+\n)/, `$1${line}\n`))
}

test('the tree as it is passes', () => {
  const r = check(REPO)
  assert.equal(r.status, 0, r.out)
  assert.match(r.out, /check-modules: \d+ modules/)
})

const cases = [
  {
    name: 'a domain rule including the service layer',
    plant: (d) => plantInclude(d, 'domain/registry/estate.cc', '#include "service/context.h"'),
    want: /domain\/registry\/estate\.cc:\d+: the domain layer may not include the service layer/,
  },
  {
    name: 'storage including the domain layer',
    plant: (d) => plantInclude(d, 'storage/database.cc', '#include "domain/registry/estate.h"'),
    want: /storage\/database\.cc:\d+: the storage layer may not include the domain layer/,
  },
  {
    name: 'a module using a module its uses do not list',
    plant: (d) => plantInclude(d, 'service/registry/estates.cc', '#include "service/selection/selection.h"'),
    want: /service\/registry\/estates\.cc:\d+: module registry may not use selection in the service layer/,
  },
  {
    name: "another module's internal header",
    plant: (d) => plantInclude(d, 'service/selection/selection.cc', '#include "service/evaluation/evaluation_internal.h"'),
    want: /service\/selection\/selection\.cc:\d+: service\/evaluation\/evaluation_internal\.h is internal to service\/evaluation/,
  },
  {
    name: 'a handler reaching into a service module internal header',
    plant: (d) => plantInclude(d, 'http/handlers/campaigns.cc', '#include "service/selection/selection_internal.h"'),
    want: /http\/handlers\/campaigns\.cc:\d+: service\/selection\/selection_internal\.h is internal to service\/selection/,
  },
  {
    name: 'a test helper in production code',
    plant: (d) => plantInclude(d, 'service/registry/estates.cc', '#include "service/testing/test_database.h"'),
    want: /service\/registry\/estates\.cc:\d+: service\/testing\/test_database\.h is a test helper/,
  },
  {
    name: "a module's test fixture in production code",
    plant: (d) => plantInclude(d, 'service/selection/objections.cc', '#include "service/selection/selection_test_fixture.h"'),
    want: /service\/selection\/objections\.cc:\d+: service\/selection\/selection_test_fixture\.h is a test helper/,
  },
  {
    name: "a namespace that is not the folder's module",
    plant: (d) => {
      const p = path.join(d, 'src/service/registry/estates.cc')
      fs.appendFileSync(p, '\nnamespace meihao::service::selection {\n}  // namespace meihao::service::selection\n')
    },
    want: /service\/registry\/estates\.cc:\d+: namespace meihao::service::selection in service\/registry\/ \(want meihao::service::registry\)/,
  },
  {
    name: 'a module folder the table does not list',
    plant: (d) => {
      fs.mkdirSync(path.join(d, 'src/service/unlisted'))
      fs.writeFileSync(path.join(d, 'src/service/unlisted/unlisted.h'), '#pragma once\nnamespace meihao::service::unlisted {}\n')
    },
    want: /module folder service\/unlisted is not in docs\/architecture\.md's module table/,
  },
  {
    name: 'a cycle among the declared uses',
    plant: (d) => {
      const p = path.join(d, 'docs/architecture.md')
      fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace(/^\| audit \| (.*?) \| — \| — \|$/m, '| audit | $1 | accounts | — |'))
    },
    want: /the service uses form a cycle: (audit → accounts → audit|accounts → audit → accounts)/,
  },
]

for (const c of cases)
  test(`refused: ${c.name}`, () => {
    const dir = tree()
    try {
      c.plant(dir)
      const r = check(dir)
      assert.equal(r.status, 1, r.out)
      assert.match(r.out, c.want)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

// check-odr.sh links with these flags; two definitions of one struct in one
// namespace (the EvidenceFile clash) must fail the link and name the type.
test("refused by the ODR check's flags: one struct defined two ways", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-odr-'))
  try {
    fs.writeFileSync(path.join(dir, 'a.cc'), '#include <string>\n#include <vector>\nnamespace meihao::service { struct EvidenceFile { std::string name; long size; }; }\n' +
      'std::vector<meihao::service::EvidenceFile> A() { return {{"a", 1}}; }\n')
    fs.writeFileSync(path.join(dir, 'b.cc'), '#include <string>\n#include <vector>\nnamespace meihao::service { struct EvidenceFile { long id; std::string name, mime; }; }\n' +
      'std::vector<meihao::service::EvidenceFile> A();\nint main() { return int(A().size()); }\n')
    const flags = ['-std=c++20', '-O0', '-g0', '-flto', '-Wodr', '-Werror=odr']
    for (const f of ['a', 'b']) {
      const r = spawnSync('g++', [...flags, '-c', `${f}.cc`, '-o', `${f}.o`], { cwd: dir, encoding: 'utf8' })
      assert.equal(r.status, 0, r.stderr)
    }
    const link = spawnSync('g++', [...flags, 'a.o', 'b.o', '-o', 'ab'], { cwd: dir, encoding: 'utf8' })
    assert.notEqual(link.status, 0)
    assert.match(link.stderr, /type .*EvidenceFile.* violates the C\+\+ One Definition Rule/)
    // The script uses the same flags (this test would say nothing if it did not).
    const script = fs.readFileSync(path.join(REPO, 'scripts/check-odr.sh'), 'utf8')
    assert.match(script, /-Werror=odr/)
    assert.match(script, /CMAKE_INTERPROCEDURAL_OPTIMIZATION=ON/)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
