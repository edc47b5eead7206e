// Test harness for the black-box HTTP API tests (node:test, no npm dependencies).
//
// startServer() makes a temp dir, runs `meihao init` (admin password from a file) and
// `meihao demo`, starts `meihao serve` on a free loopback port, waits for /api/health and
// returns helpers: login(username, password) → a client that keeps the cookie and sends
// X-CSRF-Token on non-GET requests; anon → a client without a session; cli(args) → runs
// the binary against the same database; stop() kills the server (call it in `after`).
//
// Environment:
//   MEIHAO_BIN       server binary (default: <repo>/build/meihao); a private copy in the temp dir
//                    is run, so that rebuilds during a run do not disturb it
//   MEIHAO_KEEP      keep the temp dir (DB, server log) for inspection
//   MEIHAO_NO_SEED_CACHE  run init + demo for every file instead of copying a cached seed DB
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = path.resolve(REPO, process.env.MEIHAO_BIN || 'build/meihao')
export const ADMIN_PASSWORD = 'Init-Admin-Pass-2026'

export const DEMO = {
  city_admin: 'demo-city-2023',
  county_admin: 'demo-county-2023',
  county_admin_xh: 'demo-county-2023',
  street_staff: 'demo-street-2023',
  evaluator: 'demo-eval-2023',
  evaluator2: 'demo-eval-2023',
  evaluator3: 'demo-eval-2023',
  evaluator4: 'demo-eval-2023',
  evaluator5: 'demo-eval-2023',
  auditor: 'demo-audit-2023',
  assessor: 'demo-assess-2023',
  applicant: 'demo-apply-2023',
}

export const PENGJIANG = '440703' // 蓬江区: county_admin's scope
export const XINHUI = '440705' // 新会区: county_admin_xh's scope
export const STREET_TOWN = '440703001' // 环市街道: street_staff's scope

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

/**
 * Others rebuild build/meihao while tests run. Wait until the binary is executable and has not
 * changed for a moment, then run a private copy of it (keyed by size and mtime), so a relink in
 * the middle of a test file neither breaks `spawn` (EACCES, ETXTBSY) nor mixes two versions.
 */
let binCopy = null
export function stableBin() {
  if (binCopy) return binCopy
  const deadline = Date.now() + 120_000
  let last = ''
  for (;;) {
    let st = null
    try {
      fs.accessSync(BIN, fs.constants.X_OK)
      st = fs.statSync(BIN)
    } catch {
      st = null
    }
    const id = st ? `${st.size}-${Math.floor(st.mtimeMs)}` : ''
    if (id && ((id === last && Date.now() - st.mtimeMs > 1000) || Date.now() - st.mtimeMs > 10_000)) {
      const dir = path.join(os.tmpdir(), `meihao-api-bin-${id}`)
      const target = path.join(dir, 'meihao')
      if (!fs.existsSync(target)) {
        const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-api-bin-work-'))
        fs.copyFileSync(BIN, path.join(work, 'meihao'))
        fs.chmodSync(path.join(work, 'meihao'), 0o755)
        const again = fs.statSync(BIN)
        if (`${again.size}-${Math.floor(again.mtimeMs)}` !== id) {
          fs.rmSync(work, { recursive: true, force: true })
          last = ''
          continue // changed while copying
        }
        try {
          fs.renameSync(work, dir)
        } catch {
          fs.rmSync(work, { recursive: true, force: true }) // another test file made it first
        }
        removeStaleCopies()
      }
      binCopy = { path: target, id }
      return binCopy
    }
    if (Date.now() > deadline) throw new Error(`${BIN} is missing, not executable or keeps changing`)
    last = id
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
  }
}

/** Binary copies and seed databases of earlier builds, unused for two hours. */
function removeStaleCopies() {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!/^meihao-api-(bin|seed)-\d/.test(name)) continue
    const p = path.join(os.tmpdir(), name)
    try {
      if (Date.now() - fs.statSync(p).atimeMs > 2 * 3600_000 && Date.now() - fs.statSync(p).mtimeMs > 2 * 3600_000)
        fs.rmSync(p, { recursive: true, force: true })
    } catch {
      /* gone already */
    }
  }
}

/** Runs the binary synchronously; returns { status, stdout, stderr } (stdout as Buffer when opts.buffer). */
export function runCli(args, opts = {}) {
  const r = spawnSync(stableBin().path, args, {
    cwd: opts.cwd || REPO,
    encoding: opts.buffer ? 'buffer' : 'utf8',
    timeout: opts.timeout || 120_000,
    input: opts.input,
    maxBuffer: 256 << 20,
  })
  if (r.error) throw r.error
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: opts.buffer ? r.stderr.toString('utf8') : r.stderr }
}

function mustRun(args, dir) {
  const r = runCli(args)
  fs.appendFileSync(path.join(dir, 'cli.log'), `$ meihao ${args.join(' ')}\n${r.stdout || ''}${r.stderr || ''}\n`)
  if (r.status !== 0) throw new Error(`meihao ${args.join(' ')} failed (status ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`)
  return r
}

function copyDb(from, to) {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix)
  }
}

/**
 * A database after `init` + `demo` (with `story`: `demo --story`, the demo campaign walked through the
 * year as `make run` loads it). init + demo take a few seconds, so the first test file builds a seed once
 * per binary (keyed by its size and mtime) in the temp dir and the others copy it, with the uploaded
 * files beside it (files/).
 */
export function prepareDb(dir, db, pwFile, { story = false } = {}) {
  const build = (target, logDir) => {
    mustRun(['init', '--db', target, '--admin-password-file', pwFile], logDir)
    mustRun(['demo', '--db', target, ...(story ? ['--story'] : [])], logDir)
  }
  if (process.env.MEIHAO_NO_SEED_CACHE) return build(db, dir)
  const cache = path.join(os.tmpdir(), `meihao-api-seed-${story ? 'story-' : ''}${stableBin().id}`)
  const seed = path.join(cache, 'seed.db')
  if (!fs.existsSync(seed)) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-api-seed-work-'))
    build(path.join(work, 'seed.db'), dir)
    try {
      fs.renameSync(work, cache)
    } catch {
      fs.rmSync(work, { recursive: true, force: true }) // another run made it first
    }
  }
  copyDb(seed, db)
  const files = path.join(cache, 'files')
  if (fs.existsSync(files)) fs.cpSync(files, path.join(path.dirname(db), 'files'), { recursive: true })
}

/**
 * Starts a fresh server: init (admin with ADMIN_PASSWORD, must change it), demo data, serve on a free port.
 */
/**
 * opts.env: extra environment (e.g. { MEIHAO_TODAY: '2023-06-15' } to walk a 2023 campaign's phases);
 * opts.args: extra `serve` arguments; opts.story: start from `demo --story` (see prepareDb).
 */
export async function startServer(opts = {}) {
  if (!fs.existsSync(BIN)) throw new Error(`server binary not found: ${BIN} (build it, or set MEIHAO_BIN)`)
  // opts.dataDir: serve the data dir of an earlier server (stopped with stop({ keepDir: true })),
  // e.g. to move "today" on with MEIHAO_TODAY and see the same database.
  const dir = opts.dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'meihao-api-'))
  const db = path.join(dir, 'meihao.db')
  if (!opts.dataDir) {
    const pwFile = path.join(dir, 'admin-password')
    fs.writeFileSync(pwFile, ADMIN_PASSWORD + '\n', { mode: 0o600 })
    prepareDb(dir, db, pwFile, { story: !!opts.story })
  }
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const logPath = path.join(dir, 'server.log')
  const log = fs.openSync(logPath, 'a')
  const child = spawn(stableBin().path, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...(opts.args || [])], {
    cwd: dir,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...(opts.env || {}) },
  })
  let exited = null
  const exitPromise = new Promise((r) => child.on('exit', (code, sig) => r((exited = { code, sig }))))
  const kill = async () => {
    if (exited) return
    child.kill('SIGTERM')
    const t = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exitPromise
    clearTimeout(t)
  }
  // Never leave a server behind, even when the test process dies on an exception.
  const onExit = () => {
    if (!exited) child.kill('SIGKILL')
  }
  process.on('exit', onExit)
  try {
    const deadline = Date.now() + 20_000
    for (;;) {
      if (exited) throw new Error(`server exited early (${JSON.stringify(exited)}):\n${fs.readFileSync(logPath, 'utf8').slice(-2000)}`)
      try {
        const r = await fetch(`${base}/api/health`)
        if (r.ok && (await r.json()).status === 'ok') break
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not answer /api/health within 20 s; log: ${logPath}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  } catch (e) {
    await kill()
    throw e
  }

  const srv = {
    base,
    port,
    dir,
    db,
    logPath,
    anon: makeClient(base, null, null, null),
    /** Logs in (asserting 200) and returns a client with the session cookie and CSRF token. */
    async login(username, password = DEMO[username]) {
      const r = await request(base, 'POST', '/api/session/login', { json: { username, password } })
      assert.equal(r.status, 200, `login ${username}: ${r.status} ${r.text}`)
      const cookie = cookieOf(r)
      assert.ok(cookie, 'login sets a cookie')
      return makeClient(base, cookie, r.json.csrf_token, r.json.user)
    },
    /**
     * A second server on this database, beside this one, with another "today" (MEIHAO_TODAY): for
     * phase refusals without restarting. Answers { as(client) → (method, path, json, opts) → answer, stop() }.
     */
    async alsoOn(today) {
      const port2 = await freePort()
      const log2 = fs.openSync(path.join(dir, `server-${today}.log`), 'a')
      const child2 = spawn(stableBin().path, ['serve', '--db', db, '--listen', `127.0.0.1:${port2}`], {
        cwd: dir,
        stdio: ['ignore', log2, log2],
        env: { ...process.env, MEIHAO_TODAY: today },
      })
      const base2 = `http://127.0.0.1:${port2}`
      for (let i = 0; i < 400; i++) {
        try {
          if ((await fetch(`${base2}/api/health`)).ok) break
        } catch {
          await new Promise((r) => setTimeout(r, 50))
        }
      }
      const as = (client) => (method, p, json, opts = {}) =>
        request(base2, method, p, { cookie: client.cookie, csrf: method === 'GET' ? undefined : client.csrf, json, ...opts })
      const stop = async () => {
        const exited = new Promise((r) => child2.on('exit', r))
        child2.kill('SIGTERM')
        await exited
        fs.closeSync(log2)
      }
      return { as, stop }
    },
    /** The same session on this server (sessions live in the database, so they survive a restart on its data dir). */
    rebind: (client) => makeClient(base, client.cookie, client.csrf, client.user),
    cli: (args, opts) => runCli([...args], opts),
    get exited() {
      return exited
    },
    /** stop({ keepDir: true }) leaves the data dir for startServer({ dataDir }). */
    async stop({ keepDir = false } = {}) {
      await kill()
      process.off('exit', onExit)
      fs.closeSync(log)
      if (keepDir) return
      if (!process.env.MEIHAO_KEEP) fs.rmSync(dir, { recursive: true, force: true })
      else console.log(`kept ${dir}`)
    },
  }
  return srv
}

/** The name=value part of the session cookie a response sets, or null. */
export function cookieOf(res) {
  const all = res.headers.getSetCookie ? res.headers.getSetCookie() : [res.headers.get('set-cookie')].filter(Boolean)
  const c = all.find((s) => s.startsWith('meihao_session='))
  return c ? c.split(';')[0] : null
}

/**
 * One HTTP request with fetch. opts: json (object body), body (string/Buffer), headers, cookie, csrf.
 * Answers { status, headers, text, json, buf }.
 */
export async function request(base, method, p, opts = {}) {
  const headers = { ...(opts.headers || {}) }
  if (opts.cookie) headers.Cookie = opts.cookie
  if (opts.csrf) headers['X-CSRF-Token'] = opts.csrf
  let body = opts.body
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json)
    headers['Content-Type'] = 'application/json'
  }
  const res = await fetch(base + p, { method, headers, body })
  const buf = Buffer.from(await res.arrayBuffer())
  const text = buf.toString('utf8')
  let json = null
  if ((res.headers.get('content-type') || '').includes('json')) {
    try {
      json = JSON.parse(text)
    } catch {
      json = null
    }
  }
  return { status: res.status, headers: res.headers, text, json, buf }
}

function makeClient(base, cookie, csrf, user) {
  const call = (method, p, opts = {}) => {
    const sendCsrf = opts.csrf !== undefined ? opts.csrf : method !== 'GET' && method !== 'HEAD' ? csrf : undefined
    return request(base, method, p, { ...opts, cookie: opts.cookie !== undefined ? opts.cookie : cookie, csrf: sendCsrf })
  }
  return {
    user,
    cookie,
    csrf,
    call,
    get: (p, opts) => call('GET', p, opts),
    post: (p, json, opts) => call('POST', p, { ...opts, json }),
    put: (p, json, opts) => call('PUT', p, { ...opts, json }),
    patch: (p, json, opts) => call('PATCH', p, { ...opts, json }),
    del: (p, opts) => call('DELETE', p, opts),
    /** POST raw bytes (an import file). */
    upload: (p, bytes, opts) =>
      call('POST', p, { ...opts, body: bytes, headers: { 'Content-Type': 'application/octet-stream', ...(opts?.headers || {}) } }),
  }
}

/**
 * A request over a raw TCP socket with Content-Length, for bodies the server refuses before
 * reading them (fetch reports "other side closed" there even though the answer arrived):
 * answers { status, headers, text, json } parsed from whatever the server sent before closing.
 */
export function rawRequest(port, method, p, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1')
    const chunks = []
    let done = false
    const finish = () => {
      if (done) return
      done = true
      const all = Buffer.concat(chunks)
      const sep = all.indexOf('\r\n\r\n')
      if (sep < 0) return reject(new Error(`no HTTP answer (${all.length} bytes received)`))
      const head = all.subarray(0, sep).toString('latin1').split('\r\n')
      const status = Number(head[0].split(' ')[1])
      const hdrs = {}
      for (const line of head.slice(1)) {
        const i = line.indexOf(':')
        hdrs[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
      }
      let rest = all.subarray(sep + 4)
      if (hdrs['content-length']) rest = rest.subarray(0, Number(hdrs['content-length']))
      const text = rest.toString('utf8')
      let json = null
      try {
        json = JSON.parse(text)
      } catch {}
      resolve({ status, headers: hdrs, text, json })
    }
    sock.on('data', (c) => chunks.push(c))
    sock.on('error', () => {}) // EPIPE / ECONNRESET once the server has answered and closed
    sock.on('close', finish)
    sock.setTimeout(60_000, () => sock.destroy())
    const lines = [`${method} ${p} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Content-Length: ${body.length}`, 'Connection: close']
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`)
    sock.write(lines.join('\r\n') + '\r\n\r\n')
    // Give the server a moment to refuse on the Content-Length alone: when it has answered,
    // sending the body would only make its close a reset that loses the answer.
    setTimeout(() => {
      if (chunks.length === 0) writeMore()
    }, 300)
    let off = 0
    const step = 256 << 10
    const writeMore = () => {
      while (off < body.length && !sock.destroyed) {
        const chunk = body.subarray(off, off + step)
        off += step
        if (!sock.write(chunk)) return sock.once('drain', writeMore)
      }
    }
  })
}

/** Asserts an error answer: status, error.code, optionally error.field, non-empty message_zh. */
export function assertError(res, status, code, field) {
  const ctx = `${res.status} ${res.text.slice(0, 500)}`
  assert.equal(res.status, status, ctx)
  assert.ok(res.json && res.json.error, `JSON error body expected: ${ctx}`)
  if (code !== undefined) assert.equal(res.json.error.code, code, ctx)
  if (field !== undefined) assert.equal(res.json.error.field, field, ctx)
  assert.equal(typeof res.json.error.message_zh, 'string', ctx)
  assert.ok(res.json.error.message_zh.length > 0, `message_zh non-empty: ${ctx}`)
  assert.ok(/[\u4e00-\u9fff]/.test(res.json.error.message_zh), `message_zh is Chinese: ${ctx}`)
}

// --- test data ---------------------------------------------------------------------------

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A valid unified social credit code (GB 32100-2015) from 17 leading characters. */
export function uscc(first17) {
  assert.equal(first17.length, 17)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i]
  const c = (31 - (sum % 31)) % 31
  return first17 + USCC_CHARS[c]
}

/** The same code with a wrong check character. */
export function badUscc(first17) {
  const good = uscc(first17)
  const i = USCC_CHARS.indexOf(good[17])
  return first17 + USCC_CHARS[(i + 1) % 31]
}

let seq = 0
/** A unique estate code for this process. */
export function newCode(prefix = 'T') {
  seq += 1
  return `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${seq}`.toUpperCase().slice(0, 32)
}

/** A valid estate body for POST /api/estates in 蓬江区 / 环市街道. */
export function estateBody(over = {}) {
  return {
    code: newCode(),
    name: '测试花园小区',
    county_code: PENGJIANG,
    town_code: STREET_TOWN,
    community: '测试社区',
    address: '环市街道测试路1号',
    households: 321,
    management_mode: 'professional',
    company_name: '江门市测试物业管理有限公司',
    company_uscc: uscc('91440703MA4UTE5T1'),
    owners_org: 'owners_committee',
    party_org: true,
    demonstration: false,
    ...over,
  }
}

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

export const CSV_HEADER_ZH = ['小区编码', '小区名称', '区县', '镇街', '社区', '地址', '户数', '物业管理方式', '物业服务企业', '统一社会信用代码', '业主组织', '小区党组织', '红色管家示范项目']

/** CSV text from rows of cells (quotes cells with , " or newlines). */
export function csv(rows) {
  const cell = (v) => {
    const s = String(v ?? '')
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
}

/** Parses simple CSV (quoted cells allowed) into rows of strings. */
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const rows = []
  let row = []
  let cell = ''
  let q = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (q) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else q = false
      } else cell += ch
    } else if (ch === '"') q = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
