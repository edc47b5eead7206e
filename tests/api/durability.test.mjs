// Survey submissions survive crashes (group commit): 32 concurrent clients post answers with
// household codes while the server is killed with SIGKILL at a random moment, over many rounds
// on the same database. After every crash, with the server down, the database (sqlite3 CLI) must
// hold every acknowledged (201) submission exactly once, no code twice, household_codes' used
// count equal to the responses, and the kept estate figures equal to the raw rows; after the
// restart, a code whose answer was cut off by the crash is refused (409) when it was committed
// and accepted (201) when it was not. The last round stops the server cleanly and runs
// `meihao indicators rebuild`, which must find 0 estates whose kept figures differ.
//
// SIGKILL tests the process dying (the acknowledgement must come after the commit), not the
// machine losing power (synchronous=FULL is what covers that).
//
// Environment: MEIHAO_DURABILITY_SEED=N replays a run (the seed is printed as a diagnostic and
// in every failure); MEIHAO_KEEP=1 keeps the temp dir (database, server logs).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { ADMIN_PASSWORD, freePort, prepareDb, runCli, stableBin } from './harness.mjs'

const ROUNDS = 12
const CLIENTS = 32
const ESTATES = 8
const CODES_PER_ESTATE = 1000
const YEAR = 2023
const TODAY = '2023-06-15' // inside campaign 2023's survey window

const SEED = Number(process.env.MEIHAO_DURABILITY_SEED || crypto.randomInt(1, 2 ** 31))
// mulberry32: a small seeded generator, so a failing run can be replayed.
let rngState = SEED >>> 0
function rng() {
  rngState = (rngState + 0x6d2b79f5) >>> 0
  let t = rngState
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (arr) => arr[Math.floor(rng() * arr.length)]
const ctx = (msg) => `${msg} (seed ${SEED}; replay with MEIHAO_DURABILITY_SEED=${SEED} MEIHAO_KEEP=1)`

let dir
let db
const live = new Set() // server processes not yet exited
const killAll = () => {
  for (const c of live) c.kill('SIGKILL')
}
process.on('exit', killAll)

/** Every issued code: { code, hash, estate, acks (201s seen), conflicts (409s), unknown (attempts with no answer) }. */
const codes = []
const byHash = new Map()
let nextFresh = 0
const sent = [] // codes submitted at least once, for deliberate reuse
const violations = [] // invariant breaks seen by clients, reported at the end of each round

function sql(query) {
  const r = spawnSync('sqlite3', ['-json', db, query], { encoding: 'utf8', maxBuffer: 64 << 20 })
  if (r.error) throw r.error
  assert.equal(r.status, 0, `sqlite3 failed: ${r.stderr}\n${query}`)
  return r.stdout.trim() ? JSON.parse(r.stdout) : []
}

function answers() {
  const v = () => 1 + Math.floor(rng() * 5)
  return JSON.stringify({
    overall: v(),
    dimensions: { sanitation: v(), greening: v(), facilities: v(), safety: v(), fees_disclosure: v(), responsiveness: v() },
    comment: rng() < 0.2 ? '楼道灯坏了很久' : '',
  })
}

/** One POST; answers { status } or { error } (connection refused or cut by the kill). */
function post(agent, port, code) {
  const body = answers()
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/survey/${code}`,
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        // The status line is the acknowledgement: the server sends it only after the commit.
        res.on('error', () => {})
        res.resume()
        resolve({ status: res.statusCode })
      },
    )
    req.on('error', (e) => resolve({ error: e.code || e.message }))
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')))
    req.end(body)
  })
}

/** Records one attempt's outcome on the code; `killed()` tells whether the kill was already sent. */
function record(c, r, killed, where) {
  if (r.status === 201) {
    c.acks += 1
    if (c.acks > 1) violations.push(`${where}: code ${c.code} acknowledged twice`)
  } else if (r.status === 409) {
    c.conflicts += 1
  } else if (r.status !== undefined) {
    violations.push(`${where}: code ${c.code} answered ${r.status}`)
  } else {
    c.unknown += 1
    if (!killed()) violations.push(`${where}: code ${c.code} failed before the kill: ${r.error}`)
  }
}

async function startServe(round, args) {
  const port = await freePort()
  const log = fs.openSync(path.join(dir, `server-${round}.log`), 'a')
  const child = spawn(stableBin().path, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--log-level', 'warn', ...args], {
    cwd: dir,
    stdio: ['ignore', log, log],
    env: { ...process.env, MEIHAO_TODAY: TODAY },
  })
  fs.closeSync(log)
  live.add(child)
  let exited = null
  const exit = new Promise((r) =>
    child.on('exit', (code, sig) => {
      live.delete(child)
      r((exited = { code, sig }))
    }),
  )
  const deadline = Date.now() + 20_000
  for (;;) {
    if (exited) throw new Error(`server exited early (${JSON.stringify(exited)}): ${fs.readFileSync(path.join(dir, `server-${round}.log`), 'utf8').slice(-2000)}`)
    const ok = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      })
      req.on('error', () => resolve(false))
    })
    if (ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error('server did not answer /api/health within 20 s')
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return { child, port, exit }
}

/**
 * After a restart: codes whose answer the crash cut off must be refused when the database (read
 * with the server down) holds them and accepted when it does not; a sample of acknowledged codes
 * must be refused.
 */
async function recheck(port, pending, round) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
  const acked = codes.filter((c) => c.acks === 1)
  const sample = Array.from({ length: Math.min(40, acked.length) }, () => pick(acked))
  await Promise.all([
    ...pending.map(async ({ c, present }) => {
      const r = await post(agent, port, c.code)
      assert.equal(r.status, present ? 409 : 201, ctx(`round ${round}: resubmitting ${c.code} (cut off by the crash, ${present ? 'present' : 'absent'} in the database)`))
      record(c, r, () => false, `round ${round} recheck`)
    }),
    ...sample.map(async (c) => {
      const r = await post(agent, port, c.code)
      assert.equal(r.status, 409, ctx(`round ${round}: resubmitting acknowledged code ${c.code}`))
    }),
  ])
  agent.destroy()
}

/** 32 clients until the kill: mostly fresh codes, some reused ones, some sent twice at once. */
async function load(port, freshBudget, killedFlag) {
  const stopAt = nextFresh + freshBudget
  const killed = () => killedFlag.killed
  const client = async (i) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 })
    while (!killed()) {
      const r = rng()
      const fresh = nextFresh < stopAt && nextFresh < codes.length
      let c
      let twin = false
      if (!fresh || (r < 0.1 && sent.length)) {
        if (!sent.length) break
        c = pick(sent) // reuse: maybe acknowledged, maybe in flight on another client
      } else {
        c = codes[nextFresh++]
        sent.push(c)
        twin = r < 0.16 // the same new code from two connections at once
      }
      const attempts = twin ? [post(agent, port, c.code), post(agent, port, c.code)] : [post(agent, port, c.code)]
      const results = await Promise.all(attempts)
      for (const res of results) record(c, res, killed, `client ${i}`)
      if (results.some((x) => x.error)) break
    }
    agent.destroy()
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)))
}

/** With the server down: the database against what the clients saw. Answers the cut-off codes. */
function checkDatabase(label) {
  const ic = sql('PRAGMA integrity_check')
  assert.deepEqual(ic, [{ integrity_check: 'ok' }], ctx(`${label}: integrity_check`))
  const rows = sql(
    `SELECT h.code_hash AS hash, h.status AS status, count(r.id) AS n FROM household_codes h
     LEFT JOIN survey_responses r ON r.code_id = h.id WHERE h.campaign_year = ${YEAR} GROUP BY h.id`,
  )
  const inDb = new Map(rows.map((r) => [r.hash, r]))
  const pending = []
  let acked = 0
  for (const c of codes) {
    const r = inDb.get(c.hash)
    assert.ok(r, ctx(`${label}: code ${c.code} missing from household_codes`))
    assert.ok(r.n <= 1, ctx(`${label}: code ${c.code} has ${r.n} responses`))
    assert.equal(r.status === 'used', r.n === 1, ctx(`${label}: code ${c.code} is '${r.status}' with ${r.n} responses`))
    if (c.acks) {
      acked += 1
      assert.equal(r.n, 1, ctx(`${label}: acknowledged code ${c.code} has no response in the database (lost acknowledged submission)`))
    } else if (c.conflicts) {
      // Refused as used, never acknowledged: only possible when an attempt cut off by a crash committed it.
      assert.ok(c.unknown > 0 && r.n === 1, ctx(`${label}: code ${c.code} was refused as used, but no submission of it was acknowledged or cut off`))
    } else if (c.unknown) {
      pending.push({ c, present: r.n === 1 })
    } else {
      assert.equal(r.n, 0, ctx(`${label}: code ${c.code} was never submitted but has a response`))
    }
  }
  const [{ used }] = sql(`SELECT count(*) AS used FROM household_codes WHERE status = 'used'`)
  const [{ responses }] = sql('SELECT count(*) AS responses FROM survey_responses')
  assert.equal(used, responses, ctx(`${label}: used codes vs responses`))
  assert.deepEqual(sql('SELECT code_id FROM survey_responses GROUP BY code_id HAVING count(*) > 1'), [], ctx(`${label}: a code counted twice`))
  assert.ok(responses >= acked, ctx(`${label}: ${responses} responses < ${acked} acknowledged`))
  const drift = sql(
    `WITH raw AS (SELECT estate_code, count(*) AS n, sum((overall - 1) * 25) AS points,
                         sum(sanitation) AS s1, sum(responsiveness) AS s6
                  FROM survey_responses WHERE campaign_year = ${YEAR} GROUP BY estate_code)
     SELECT f.estate_code, f.survey_responses AS kept, coalesce(raw.n, 0) AS rows, f.survey_points AS kept_points, coalesce(raw.points, 0) AS points
     FROM estate_figures f LEFT JOIN raw ON raw.estate_code = f.estate_code
     WHERE f.campaign_year = ${YEAR} AND (f.survey_responses != coalesce(raw.n, 0) OR f.survey_points != coalesce(raw.points, 0)
           OR f.sum_sanitation != coalesce(raw.s1, 0) OR f.sum_responsiveness != coalesce(raw.s6, 0))
     UNION ALL
     SELECT raw.estate_code, NULL, raw.n, NULL, raw.points FROM raw
     WHERE NOT EXISTS (SELECT 1 FROM estate_figures f WHERE f.campaign_year = ${YEAR} AND f.estate_code = raw.estate_code)`,
  )
  assert.deepEqual(drift, [], ctx(`${label}: kept estate figures differ from the responses`))
  return { pending, responses, acked }
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-durability-'))
  db = path.join(dir, 'meihao.db')
  const pwFile = path.join(dir, 'admin-password')
  fs.writeFileSync(pwFile, ADMIN_PASSWORD + '\n', { mode: 0o600 })
  prepareDb(dir, db, pwFile)
  const estates = sql(`SELECT code FROM estates WHERE households * 2 >= ${CODES_PER_ESTATE} ORDER BY code LIMIT ${ESTATES}`).map((r) => r.code)
  assert.equal(estates.length, ESTATES)
  for (const estate of estates) {
    const out = path.join(dir, `codes-${estate}.txt`)
    const r = runCli(['survey', 'issue', '--campaign', String(YEAR), '--estate', estate, '--count', String(CODES_PER_ESTATE), '--codes-out', out, '--db', db])
    assert.equal(r.status, 0, r.stdout + r.stderr)
    for (const code of fs.readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
      const c = { code, hash: crypto.createHash('sha256').update(code.replace(/-/g, '')).digest('hex'), estate, acks: 0, conflicts: 0, unknown: 0 }
      codes.push(c)
      byHash.set(c.hash, c)
    }
  }
  assert.equal(codes.length, ESTATES * CODES_PER_ESTATE)
  // Interleave the estates, so that each group commit touches several estates' figures.
  for (let i = codes.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[codes[i], codes[j]] = [codes[j], codes[i]]
  }
})

after(() => {
  killAll()
  if (!dir) return
  if (process.env.MEIHAO_KEEP) console.log(`kept ${dir}`)
  else fs.rmSync(dir, { recursive: true, force: true })
})

test('acknowledged survey submissions survive SIGKILL at random moments; no code counted twice', { timeout: 120_000 }, async (t) => {
  t.diagnostic(`seed ${SEED}`)
  let pending = []
  const stats = []
  for (let round = 1; round <= ROUNDS; round++) {
    // Every fourth round commits one submission per transaction (--survey-batch 1); the others group commit.
    const args = round % 4 === 0 ? ['--survey-batch', '1'] : []
    const srv = await startServe(round, args)
    await recheck(srv.port, pending, round)
    const killedFlag = { killed: false }
    const before = { next: nextFresh, acks: codes.reduce((s, c) => s + c.acks, 0) }
    const delay = 50 + Math.floor(rng() * 450)
    const timer = setTimeout(() => {
      killedFlag.killed = true // set before the signal: a failure after it is the kill's doing
      srv.child.kill('SIGKILL')
    }, delay)
    const budget = Math.floor((codes.length - nextFresh) / (ROUNDS - round + 2))
    await load(srv.port, budget, killedFlag)
    clearTimeout(timer)
    if (!killedFlag.killed) {
      killedFlag.killed = true
      srv.child.kill('SIGKILL')
    }
    const exit = await srv.exit
    assert.equal(exit.sig, 'SIGKILL', ctx(`round ${round}: the server died on its own: ${JSON.stringify(exit)}`))
    assert.deepEqual(violations, [], ctx(`round ${round}`))
    const r = checkDatabase(`after the kill of round ${round} (${delay} ms)`)
    pending = r.pending
    stats.push(`round ${round}${args.length ? ' (batch 1)' : ''}: kill at ${delay} ms, ${nextFresh - before.next} new codes, ${codes.reduce((s, c) => s + c.acks, 0) - before.acks} acknowledged, ${pending.length} cut off`)
  }
  // A clean last run: the cut-off codes of the last crash, then a graceful stop.
  const srv = await startServe('final', [])
  await recheck(srv.port, pending, 'final')
  srv.child.kill('SIGTERM')
  const exit = await srv.exit
  assert.deepEqual(violations, [], ctx('final'))
  const last = checkDatabase(`after a clean stop (${JSON.stringify(exit)})`)
  assert.equal(last.pending.length, 0)
  for (const s of stats) t.diagnostic(s)
  t.diagnostic(`${last.responses} responses, ${last.acked} codes acknowledged, ${codes.reduce((s, c) => s + c.unknown, 0)} answers cut off by kills`)
  assert.ok(last.acked > ROUNDS * 10, ctx(`too few submissions acknowledged (${last.acked}) for the test to mean anything`))
  assert.ok(codes.some((c) => c.unknown > 0), ctx('no kill hit a submission in flight'))

  const rebuild = runCli(['indicators', 'rebuild', '--campaign', String(YEAR), '--db', db])
  assert.equal(rebuild.status, 0, rebuild.stdout + rebuild.stderr)
  assert.match(rebuild.stdout + rebuild.stderr, /\b0 differed\b/, ctx(`indicators rebuild found kept figures that differ:\n${rebuild.stdout}${rebuild.stderr}`))
  checkDatabase('after indicators rebuild')
})
