// The one place that talks HTTP to the server (docs/api-contract.md).
// Every request is same-origin with cookies; non-GET requests carry X-CSRF-Token.
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import type { ApiErrorBody } from './types'
import { session } from './session'

export class ApiError extends Error {
  status: number
  code: string
  messageZh: string
  messageEn: string
  field?: string
  /** The whole parsed JSON body (e.g. import problems ride along with the error). */
  body: any

  constructor(status: number, err: ApiErrorBody | undefined, body: any) {
    const zh = err?.message_zh || defaultMessage(status)
    super(zh)
    this.status = status
    this.code = err?.code || `http.${status}`
    this.messageZh = zh
    this.messageEn = err?.message_en || ''
    this.field = err?.field || undefined
    this.body = body
  }
}

function defaultMessage(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试'
  if (status === 401) return '登录已失效，请重新登录'
  if (status === 403) return '无权执行此操作'
  if (status === 404) return '请求的内容不存在或不在您的管辖范围内'
  if (status === 413) return '文件或请求内容过大'
  if (status === 429) return '操作过于频繁，请稍后再试'
  if (status >= 500) return '服务器内部错误，请稍后重试或联系系统管理员'
  return `请求失败（${status}）`
}

/** Shows an API error as a message: Chinese first, English below in smaller type. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    ElMessage({
      type: 'error',
      duration: 5000,
      showClose: true,
      message: h('div', { class: 'api-error-msg' }, [
        h('div', e.messageZh),
        e.messageEn ? h('div', { class: 'api-error-en' }, e.messageEn) : null,
      ]),
    })
  } else {
    ElMessage({ type: 'error', message: String((e as Error)?.message || e), showClose: true })
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>
  json?: unknown
  body?: BodyInit
  contentType?: string
  /** Do not show the error message; the caller handles it. */
  quiet?: boolean
  /** Do not redirect to the login page on 401 (login and session probing). */
  noAuthRedirect?: boolean
}

let onUnauthorized: (() => void) | null = null
let onPasswordChangeRequired: (() => void) | null = null
export function setAuthHandlers(unauth: () => void, mustChange: () => void): void {
  onUnauthorized = unauth
  onPasswordChangeRequired = mustChange
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue
    qs.set(k, String(v))
  }
  const s = qs.toString()
  return s ? `${path}?${s}` : path
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.json)
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType || 'application/octet-stream'
    body = opts.body
  }
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers['X-CSRF-Token'] = session.csrf
  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    const err = new ApiError(0, undefined, null)
    if (!opts.quiet) showError(err)
    throw err
  }
  if (res.ok) return res
  let parsed: any = null
  try {
    parsed = await res.json()
  } catch {
    parsed = null
  }
  const err = new ApiError(res.status, parsed?.error, parsed)
  if (res.status === 401 && !opts.noAuthRedirect) {
    onUnauthorized?.()
  } else if (res.status === 403 && err.code === 'password.change_required') {
    onPasswordChangeRequired?.()
  }
  if (!opts.quiet && !(res.status === 401 && !opts.noAuthRedirect)) showError(err)
  throw err
}

/** Sends a request and parses the JSON answer (undefined for 204). Throws ApiError. */
export async function api<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd)
  return plain ? plain[1].trim() : fallback
}

/** Fetches a file (GET) and hands it to the browser as a download. */
export async function download(path: string, query: RequestOptions['query'], fallbackName: string): Promise<string> {
  return downloadFrom('GET', path, { query }, fallbackName)
}

/** Sends a request whose answer is a file (e.g. POST → the slips PDF) and hands it to the browser as a download. */
export async function downloadFrom(method: string, path: string, opts: RequestOptions, fallbackName: string): Promise<string> {
  const res = await send(method, path, opts)
  const blob = await res.blob()
  const name = filenameFrom(res, fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}
