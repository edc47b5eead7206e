// The command line against the same database the server uses: import, export, verify.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { startServer, csv, parseCsv, newCode, UTF8_BOM, CSV_HEADER_ZH, uscc, BIN } from './harness.mjs'

let srv
let city
before(async () => {
  srv = await startServer()
  city = await srv.login('city_admin')
})
after(async () => {
  await srv?.stop()
})

const total = async () => (await city.get('/api/estates?page_size=1')).json.total

function writeCsv(name, rows) {
  const f = path.join(srv.dir, name)
  fs.writeFileSync(f, Buffer.concat([UTF8_BOM, Buffer.from(csv(rows))]))
  return f
}

const goodRow = (code, name = '命令行花园') => [code, name, '蓬江区', '环市街道', '', '', '10', '专业化物业管理', '江门市命令行物业有限公司', uscc('91440703MA4UCL101'), '无', '否', '否']

test('import with a bad file exits 1, prints every problem, database unchanged', async () => {
  const before = await total()
  const ok = newCode('CLI')
  const f = writeCsv('bad.csv', [CSV_HEADER_ZH, goodRow(ok), [...goodRow(newCode('CLI')).slice(0, 3), '环市街', ...goodRow('x').slice(4)], [...goodRow(newCode('CLI')).slice(0, 6), 'abc', ...goodRow('x').slice(7)]])
  const r = srv.cli(['import', 'estates', f, '--db', srv.db])
  assert.equal(r.status, 1, r.stdout + r.stderr)
  const out = r.stdout + r.stderr
  assert.match(out, /row 3/)
  assert.match(out, /镇街/)
  assert.match(out, /环市街道/, 'the suggestion is printed')
  assert.match(out, /row 4/)
  assert.match(out, /户数/)
  assert.match(out, /2 problem/)
  assert.equal(await total(), before)
  assert.equal((await city.get(`/api/estates/${ok}`)).status, 404)
})

test('import with a missing file or an empty file exits non-zero with a message', async () => {
  const missing = srv.cli(['import', 'estates', path.join(srv.dir, 'nope.csv'), '--db', srv.db])
  assert.notEqual(missing.status, 0)
  assert.ok((missing.stdout + missing.stderr).trim().length > 0)
  const empty = path.join(srv.dir, 'empty.csv')
  fs.writeFileSync(empty, '')
  const e = srv.cli(['import', 'estates', empty, '--db', srv.db])
  assert.notEqual(e.status, 0)
  assert.match(e.stdout + e.stderr, /空|empty/)
})

test('dry run exits 0 and writes nothing; the real import exits 0 and the server sees the rows; again is unchanged', async () => {
  const codes = [newCode('CLI'), newCode('CLI')]
  const f = writeCsv('good.csv', [CSV_HEADER_ZH, goodRow(codes[0]), goodRow(codes[1], '命令行雅苑')])
  const before = await total()
  const dry = srv.cli(['import', 'estates', f, '--db', srv.db, '--dry-run'])
  assert.equal(dry.status, 0, dry.stdout + dry.stderr)
  assert.match(dry.stdout + dry.stderr, /created 2/)
  assert.equal(await total(), before)

  const real = srv.cli(['import', 'estates', f, '--db', srv.db])
  assert.equal(real.status, 0, real.stdout + real.stderr)
  assert.match(real.stdout + real.stderr, /created 2/)
  assert.equal(await total(), before + 2)
  assert.equal((await city.get(`/api/estates/${codes[1]}`)).json.name, '命令行雅苑')

  const again = srv.cli(['import', 'estates', f, '--db', srv.db])
  assert.equal(again.status, 0)
  assert.match(again.stdout + again.stderr, /unchanged 2/)
})

test('export csv to stdout: English header, every live estate, sorted by code', async () => {
  const r = srv.cli(['export', 'estates', '--db', srv.db, '--format', 'csv'])
  assert.equal(r.status, 0, r.stderr)
  const rows = parseCsv(r.stdout).filter((x) => x.length > 1)
  assert.deepEqual(rows[0], ['code', 'name', 'county', 'town', 'community', 'address', 'households', 'management_mode', 'company_name', 'company_uscc', 'owners_org', 'party_org', 'demonstration'])
  assert.equal(rows.length - 1, await total())
  const codes = rows.slice(1).map((x) => x[0])
  assert.deepEqual(codes, [...codes].sort())
})

test('export xlsx to a file starts with PK', async () => {
  const out = path.join(srv.dir, 'out.xlsx')
  const r = srv.cli(['export', 'estates', '--db', srv.db, '--format', 'xlsx', '--out', out])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(fs.readFileSync(out).subarray(0, 4).toString('latin1'), 'PK\x03\x04')
})

test('CLI actions are audited and the chain stays intact', async () => {
  const auditor = await srv.login('auditor')
  const imports = await auditor.get('/api/audit?action=estate.import&page_size=50')
  assert.ok(imports.json.total >= 3, `${imports.json.total} import records`)
  const v = srv.cli(['audit', 'verify', '--db', srv.db])
  assert.equal(v.status, 0, v.stdout + v.stderr)
  assert.equal((await auditor.get('/api/audit/verify')).json.ok, true)
})

test('serve reads its options from the [serve] section of --config', async () => {
  const { freePort, BIN } = await import('./harness.mjs')
  const { spawn } = await import('node:child_process')
  const port = await freePort()
  const cfg = path.join(srv.dir, 'meihao.ini')
  fs.writeFileSync(cfg, `[serve]\ndb = "${srv.db}"\nlisten = "127.0.0.1:${port}"\nlog-level = "warn"\n`)
  const child = spawn(BIN, ['serve', '--config', cfg], { stdio: 'ignore' })
  try {
    let health
    for (let i = 0; i < 50 && !health; i++) {
      try { health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json() } catch { await new Promise((r) => setTimeout(r, 100)) }
    }
    assert.equal(health?.status, 'ok', 'the server configured by file answers on the configured port')
  } finally {
    child.kill('SIGTERM')
  }
})

test('campaign create/show/set: defaults, refusals, phase locks and the reopen override, audited', async () => {
  const run = (args) => srv.cli(['campaign', ...args, '--db', srv.db])
  // 2100: every phase lies in the future, nothing is locked yet. 2020: every phase has opened.
  assert.equal(run(['create', '--year', '2100']).status, 0)
  const again = run(['create', '--year', '2100'])
  assert.equal(again.status, 1)
  assert.match(again.stderr, /已经设立/)
  const shown = run(['show', '--year', '2100'])
  assert.match(shown.stdout, /^phases\.apply\.from\t2100-09-01\t/m)
  assert.match(shown.stdout, /^fee_year\t2099\t/m)
  const set = run(['set', '--year', '2100', 'publicity_days=10', 'min_score=60'])
  assert.equal(set.status, 0, set.stderr)
  assert.match(set.stdout, /^publicity_days\t10\t/m)
  const bad = run(['set', '--year', '2100', 'publicity_days=99'])
  assert.equal(bad.status, 1)
  assert.match(bad.stderr, /公示天数/)
  assert.equal(run(['set', '--year', '2100', 'no_such=1']).status, 1)
  assert.equal(run(['show', '--year', '2099']).status, 1, 'no campaign for 2099')
  assert.equal(run(['create', '--year', '2020']).status, 0)
  const locked = run(['set', '--year', '2020', 'publicity_days=10'])
  assert.equal(locked.status, 1)
  assert.match(locked.stderr, /已锁定/)
  const reopened = run(['set', '--year', '2020', '--reopen', 'publicity_days=10'])
  assert.equal(reopened.status, 0, reopened.stderr)
  const audit = srv.cli(['audit', 'verify', '--db', srv.db])
  assert.equal(audit.status, 0)
  const trail = await city.get('/api/audit?action=campaign.settings.reopen')
  assert.equal(trail.json.total, 1)
  assert.equal(JSON.parse(trail.json.items[0].after).publicity_days, '10')
})

test('survey codes: issue with slips, count, void a lost code (once), refusals', async () => {
  const { execFileSync } = await import('node:child_process')
  const run = (args) => srv.cli(['survey', ...args, '--db', srv.db])
  assert.equal(srv.cli(['campaign', 'create', '--year', '2099', '--db', srv.db]).status, 0)
  const est = (await city.get('/api/estates?county=440703&page_size=1&sort=code')).json.items[0]
  const pdf = path.join(srv.dir, 'slips.pdf')
  const issued = run(['issue', '--campaign', '2099', '--estate', est.code, '--count', '3', '--slips', pdf])
  assert.equal(issued.status, 0, issued.stderr)
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
  const codes = text.match(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}-[0-9A-Z]{2}$/gm)
  assert.equal(codes?.length, 3, 'three codes printed on the slips')
  assert.ok(text.includes(est.name), 'the estate is named on the slips')
  const counts = (r) => Object.fromEntries(r.stdout.trim().split('\n').map((l) => l.split('\t')))
  assert.deepEqual(counts(run(['counts', '--campaign', '2099', '--estate', est.code])), { issued: '3', used: '0', void: '0', responses: '0', paper: '0' })
  assert.equal(run(['void', '--campaign', '2099', codes[0].toLowerCase()]).status, 0, 'typed in lower case is the same code')
  const again = run(['void', '--campaign', '2099', codes[0]])
  assert.equal(again.status, 1)
  assert.match(again.stderr, /已经作废/)
  assert.equal(run(['void', '--campaign', '2099', '0000-0000-0000-0000-0000-0000-00']).status, 1, 'unknown code')
  assert.deepEqual(counts(run(['counts', '--campaign', '2099', '--estate', est.code])), { issued: '3', used: '0', void: '1', responses: '0', paper: '0' })
  const tooMany = run(['issue', '--campaign', '2099', '--estate', est.code, '--count', String(est.households * 2 + 1), '--slips', pdf])
  assert.equal(tooMany.status, 1)
  assert.equal(run(['issue', '--campaign', '2098', '--estate', est.code, '--slips', pdf]).status, 1, 'no campaign')
  assert.equal(run(['issue', '--campaign', '2099', '--estate', 'NO-SUCH', '--slips', pdf]).status, 1, 'no estate')
  const db = await import('node:child_process')
  const stored = db.execFileSync('sqlite3', [srv.db, "SELECT COUNT(*) FROM household_codes WHERE code_hash LIKE '%-%'"], { encoding: 'utf8' })
  assert.equal(stored.trim(), '0', 'only hashes are stored')
})

test('init reads the admin password from a pipe (--admin-password-file /dev/stdin), and the password works', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-init-pipe-'))
  const r = spawnSync(BIN, ['init', '--db', path.join(dir, 'meihao.db'), '--admin-password-file', '/dev/stdin'], {
    input: 'Pipe-Admin-2023!\n',
    encoding: 'utf8',
  })
  assert.equal(r.status, 0, r.stdout + r.stderr)
  assert.doesNotMatch(r.stdout, /Pipe-Admin-2023!/, 'a password given is not printed')
  const other = await startServer({ dataDir: dir })
  try {
    const wrong = await other.anon.post('/api/session/login', { username: 'admin', password: 'Pipe-Admin-2023' })
    assert.equal(wrong.status, 401)
    await other.login('admin', 'Pipe-Admin-2023!')
  } finally {
    await other.stop()
  }
})
