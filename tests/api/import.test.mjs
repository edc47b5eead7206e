// The estate import (CSV/xlsx): dry run, all-or-nothing, idempotence, problems, encodings, limits, template.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import { startServer, rawRequest, assertError, uscc, badUscc, newCode, csv, CSV_HEADER_ZH, UTF8_BOM } from './harness.mjs'

let srv
let city
let county
before(async () => {
  srv = await startServer()
  city = await srv.login('city_admin')
  county = await srv.login('county_admin')
})
after(async () => {
  await srv?.stop()
})

const total = async (client = city) => (await client.get('/api/estates?page_size=1')).json.total

/** A valid row in Chinese-header order. */
function row(over = {}) {
  const r = {
    code: newCode('IMP'),
    name: '导入花园',
    county: '蓬江区',
    town: '环市街道',
    community: '导入社区',
    address: '环市街道导入路8号',
    households: '256',
    mode: '专业化物业管理',
    company: '江门市导入物业管理有限公司',
    uscc: uscc('91440703MA4UJMP01'),
    owners: '业主委员会',
    party: '是',
    demo: '否',
    ...over,
  }
  return [r.code, r.name, r.county, r.town, r.community, r.address, r.households, r.mode, r.company, r.uscc, r.owners, r.party, r.demo]
}

const bomCsv = (rows) => Buffer.concat([UTF8_BOM, Buffer.from(csv(rows), 'utf8')])

function importFile(client, bytes, { dry = false, filename = 'estates.csv' } = {}) {
  return client.upload(`/api/imports/estates?dry_run=${dry ? 1 : 0}&filename=${encodeURIComponent(filename)}`, bytes)
}

function assertProblemsBody(r) {
  assertError(r, 422, 'import.problems')
  assert.ok(Array.isArray(r.json.problems))
  assert.equal(typeof r.json.problem_count, 'number')
  assert.equal(typeof r.json.truncated, 'boolean')
  for (const p of r.json.problems) {
    assert.equal(typeof p.row, 'number')
    assert.equal(typeof p.column, 'string')
    assert.equal(typeof p.value, 'string')
    assert.ok(p.message_zh.length > 0)
    assert.ok(p.message_en.length > 0)
    assert.equal(typeof p.suggestion, 'string')
  }
}

test('good CSV (UTF-8 BOM, Chinese headers): dry run counts and writes nothing; import creates; re-import is unchanged', async () => {
  const rows = [row(), row({ name: '导入雅苑', mode: '业主自行管理', company: '', uscc: '', owners: '无', party: '否', demo: '是' }), row({ county: '440703', town: '白沙街道' }), row({ households: '1' }), row({ owners: '物业管理委员会' })]
  const file = bomCsv([CSV_HEADER_ZH, ...rows])
  const before = await total()

  const dry = await importFile(city, file, { dry: true })
  assert.equal(dry.status, 200, dry.text)
  assert.equal(dry.json.dry_run, true)
  assert.equal(dry.json.rows, 5)
  assert.equal(dry.json.created, 5)
  assert.equal(dry.json.updated, 0)
  assert.equal(dry.json.unchanged, 0)
  assert.equal(await total(), before, 'dry run writes nothing')
  assertError(await city.get(`/api/estates/${rows[0][0]}`), 404)

  const real = await importFile(city, file)
  assert.equal(real.status, 200, real.text)
  assert.equal(real.json.dry_run, false)
  assert.deepEqual([real.json.rows, real.json.created, real.json.updated, real.json.unchanged], [5, 5, 0, 0])
  assert.equal(await total(), before + 5)
  if (real.json.sha256 !== undefined) assert.equal(real.json.sha256, crypto.createHash('sha256').update(file).digest('hex'))

  const e0 = (await city.get(`/api/estates/${rows[0][0]}`)).json
  assert.equal(e0.name, '导入花园')
  assert.equal(e0.county_code, '440703')
  assert.equal(e0.town_name, '环市街道')
  assert.equal(e0.households, 256)
  assert.equal(e0.management_mode, 'professional')
  assert.equal(e0.company_uscc, rows[0][9])
  assert.equal(e0.owners_org, 'owners_committee')
  assert.equal(e0.party_org, true)
  assert.equal(e0.demonstration, false)
  const e1 = (await city.get(`/api/estates/${rows[1][0]}`)).json
  assert.deepEqual([e1.management_mode, e1.owners_org, e1.party_org, e1.demonstration], ['self', 'none', false, true])
  assert.equal((await city.get(`/api/estates/${rows[2][0]}`)).json.town_name, '白沙街道')

  const again = await importFile(city, file)
  assert.equal(again.status, 200, again.text)
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 5], 'idempotent')
  assert.equal(await total(), before + 5)
  assert.equal((await city.get(`/api/estates/${rows[0][0]}`)).json.version, e0.version, 'unchanged rows keep their version')

  // One changed row: one update.
  const changed = rows.map((r) => [...r])
  changed[3][6] = '2'
  const upd = await importFile(city, bomCsv([CSV_HEADER_ZH, ...changed]))
  assert.equal(upd.status, 200, upd.text)
  assert.deepEqual([upd.json.created, upd.json.updated, upd.json.unchanged], [0, 1, 4])
  assert.equal((await city.get(`/api/estates/${rows[3][0]}`)).json.households, 2)
})

test('English headers, free column order, no BOM, LF line ends', async () => {
  const code = newCode('EN')
  const text = [
    'owners_org,households,name,code,town,county,management_mode',
    `none,88,English Court,${code},环市街道,蓬江区,none`,
  ].join('\n') + '\n'
  const r = await importFile(city, Buffer.from(text))
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.created, 1)
  const e = (await city.get(`/api/estates/${code}`)).json
  assert.equal(e.name, 'English Court')
  assert.equal(e.party_org, false, 'party_org defaults to no')
})

test('a bad file → 422 with every problem (row, column, suggestion) and nothing written', async () => {
  const good = row()
  const dup = newCode('DUP')
  const rows = [
    good, // row 2: fine
    row({ town: '环市街' }), // row 3: unknown town (close to 环市街道)
    row({ uscc: badUscc('91440703MA4UJMP01') }), // row 4: wrong check character
    row({ code: dup }), // row 5
    row({ code: dup, name: '重复的' }), // row 6: duplicate code inside the file
  ]
  const before = await total()
  const r = await importFile(city, bomCsv([CSV_HEADER_ZH, ...rows]))
  assertProblemsBody(r)
  assert.equal(r.json.truncated, false)
  assert.equal(r.json.problem_count, r.json.problems.length)
  const at = (rowNo, column) => r.json.problems.find((p) => p.row === rowNo && p.column === column)

  const town = at(3, '镇街')
  assert.ok(town, `a problem at row 3 镇街: ${JSON.stringify(r.json.problems)}`)
  assert.equal(town.value, '环市街')
  assert.match(town.suggestion, /环市街道/)
  const credit = at(4, '统一社会信用代码')
  assert.ok(credit, `a problem at row 4 统一社会信用代码: ${JSON.stringify(r.json.problems)}`)
  assert.equal(credit.value, rows[2][9])
  const duplicate = r.json.problems.find((p) => p.column === '小区编码' && (p.row === 6 || p.row === 5))
  assert.ok(duplicate, `a duplicate code problem: ${JSON.stringify(r.json.problems)}`)
  assert.equal(duplicate.value, dup)
  assert.ok(!r.json.problems.some((p) => p.row === 2), 'the good row has no problem')
  const rowsSorted = r.json.problems.map((p) => p.row)
  assert.deepEqual(rowsSorted, [...rowsSorted].sort((a, b) => a - b), 'problems in row order')

  assert.equal(await total(), before, 'nothing written')
  assertError(await city.get(`/api/estates/${good[0]}`), 404)
})

test('a missing required column → 422 naming the column at row 1', async () => {
  const header = CSV_HEADER_ZH.filter((h) => h !== '户数')
  const data = row()
  data.splice(CSV_HEADER_ZH.indexOf('户数'), 1)
  const before = await total()
  const r = await importFile(city, bomCsv([header, data]))
  assertProblemsBody(r)
  const p = r.json.problems.find((x) => x.row === 1 && x.column === '户数')
  assert.ok(p, JSON.stringify(r.json.problems))
  assert.match(p.message_zh, /户数/)
  assert.equal(await total(), before)
})

test('an unknown non-empty column → 422 with a suggestion; an empty unknown column is ignored', async () => {
  const r = await importFile(city, bomCsv([[...CSV_HEADER_ZH, '小区名'], [...row(), 'x']]))
  assertProblemsBody(r)
  assert.ok(r.json.problems.some((p) => p.row === 1 && p.column === '小区名'), JSON.stringify(r.json.problems))
  const ok = await importFile(city, bomCsv([[...CSV_HEADER_ZH, '备注'], [...row(), '']]), { dry: true })
  assert.equal(ok.status, 200, ok.text)
})

test('a GB18030-encoded CSV imports', async () => {
  const data = row({ name: '侨乡碉楼花园' })
  const utf8 = csv([CSV_HEADER_ZH, data])
  const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: Buffer.from(utf8) })
  assert.notDeepEqual(gb, Buffer.from(utf8), 'the bytes really are GB18030')
  const r = await importFile(city, gb, { filename: 'gb.csv' })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.created, 1)
  const e = (await city.get(`/api/estates/${data[0]}`)).json
  assert.equal(e.name, '侨乡碉楼花园')
  assert.equal(e.town_name, '环市街道')
})

test('empty file → 400 file.empty', async () => {
  assertError(await importFile(city, Buffer.alloc(0)), 400, 'file.empty')
  assertError(await importFile(city, UTF8_BOM), 400, 'file.empty')
})

test('header-only file → 422', async () => {
  const r = await importFile(city, bomCsv([CSV_HEADER_ZH]))
  assertProblemsBody(r)
  assert.ok(r.json.problems.length >= 1)
  assert.equal(r.json.problems[0].row, 1)
})

test('100,000 bad rows → 422 with at most 1000 problems listed, problem_count ≥ 100000, truncated, quickly', async () => {
  // Each row is just "x": a valid code with every other required cell empty (and the code duplicated).
  // Kept under 1 MiB, see the next test.
  const head = 'code,name,county,town,households,management_mode,owners_org\r\n'
  const file = Buffer.from(head + 'x\r\n'.repeat(100_000))
  assert.ok(file.length < 1 << 20)
  const before = await total()
  const t0 = Date.now()
  const r = await importFile(city, file, { dry: true })
  const ms = Date.now() - t0
  assertProblemsBody(r)
  assert.ok(r.json.problems.length <= 1000, `${r.json.problems.length} problems listed`)
  assert.ok(r.json.problems.length > 0)
  assert.ok(r.json.problem_count >= 100_000, `problem_count ${r.json.problem_count}`)
  assert.equal(r.json.truncated, true)
  assert.ok(ms < 20_000, `took ${ms} ms`)
  assert.equal(await total(), before)
})

test(
  '100,000 realistic bad rows (several MiB) → 422 truncated report',
  async () => {
    const rows = [CSV_HEADER_ZH]
    for (let i = 0; i < 100_000; i++) rows.push(row({ code: `BAD${i}`, town: '不存在镇' }))
    const file = bomCsv(rows)
    assert.ok(file.length > 1 << 20 && file.length < 20 << 20, `${file.length} bytes`)
    const r = await rawRequest(srv.port, 'POST', '/api/imports/estates?dry_run=1&filename=big.csv', file, {
      Cookie: city.cookie,
      'X-CSRF-Token': city.csrf,
    })
    assertError(r, 422, 'import.problems')
    assert.ok(r.json.problems.length <= 1000)
    assert.ok(r.json.problem_count >= 100_000)
    assert.equal(r.json.truncated, true)
  },
)

test('random bytes starting with PK\\x03\\x04 → 400 file.xlsx.invalid', async () => {
  const bytes = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), crypto.randomBytes(4096)])
  assertError(await importFile(city, bytes, { filename: 'broken.xlsx' }), 400, 'file.xlsx.invalid')
})

test('county admin importing a row of another county → 422 problem, nothing written', async () => {
  const mine = row()
  const theirs = row({ county: '新会区', town: '会城街道' })
  const before = await total(county)
  const r = await importFile(county, bomCsv([CSV_HEADER_ZH, mine, theirs]))
  assertProblemsBody(r)
  const p = r.json.problems.find((x) => x.row === 3)
  assert.ok(p, JSON.stringify(r.json.problems))
  assert.ok(['区县', '镇街'].includes(p.column))
  assert.match(p.message_zh, /管辖范围/)
  assert.ok(!r.json.problems.some((x) => x.row === 2))
  assert.equal(await total(county), before)
  assertError(await city.get(`/api/estates/${mine[0]}`), 404)
})

test('county admin cannot take over another county’s estate code by import', async () => {
  const xh = (await city.get('/api/estates?county=440705&page_size=1')).json.items[0]
  const r = await importFile(county, bomCsv([CSV_HEADER_ZH, row({ code: xh.code, name: '抢来的' })]))
  assertProblemsBody(r)
  assert.ok(r.json.problems.some((p) => p.column === '小区编码' && p.value === xh.code), JSON.stringify(r.json.problems))
  assert.equal((await city.get(`/api/estates/${xh.code}`)).json.name, xh.name)
})

test('roles that may not import → 403', async () => {
  const ev = await srv.login('evaluator')
  assertError(await importFile(ev, bomCsv([CSV_HEADER_ZH, row()]), { dry: true }), 403, 'forbidden')
  const ap = await srv.login('applicant')
  assertError(await importFile(ap, bomCsv([CSV_HEADER_ZH, row()]), { dry: true }), 403, 'forbidden')
})

test('the xlsx template downloads and its example row passes a dry run', async () => {
  const t = await city.get('/api/estates/template.xlsx')
  assert.equal(t.status, 200)
  assert.equal(t.buf.subarray(0, 4).toString('latin1'), 'PK\x03\x04')
  assert.match(t.headers.get('content-type'), /spreadsheetml/)
  assert.match(t.headers.get('content-disposition') || '', /^attachment/)
  const before = await total()
  const r = await importFile(city, t.buf, { dry: true, filename: 'template.xlsx' })
  assert.equal(r.status, 200, r.text)
  assert.equal(r.json.rows, 1)
  assert.equal(r.json.created + r.json.updated + r.json.unchanged, 1)
  assert.equal(await total(), before)
})
