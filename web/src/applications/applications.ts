// 申报 (issue #4 part 2): the types of the applications API (src/http/handlers/applications.cc),
// labels, and the evidence upload with progress (XMLHttpRequest: fetch cannot report upload progress).
import { ApiError } from '../shared/api'
import { session } from '../shared/session'

export type ApplicantType = 'party_organisation' | 'owners_committee' | 'management_committee' | 'property_company'
export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn'
export type GateKey = 'none' | 'p1' | 'p8_fee'

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  party_organisation: '小区党组织',
  owners_committee: '业主委员会',
  management_committee: '物业管理委员会',
  property_company: '物业服务企业',
}

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  withdrawn: '已撤回',
}
export const APPLICATION_STATUS_TAG: Record<ApplicationStatus, 'info' | 'success' | 'warning'> = {
  draft: 'info',
  submitted: 'success',
  withdrawn: 'warning',
}

export const HISTORY_EVENT_LABELS: Record<string, string> = {
  created: '创建申报',
  edited: '保存修改',
  submitted: '提交申报',
  withdrawn: '撤回申报',
  'evidence.added': '上传证明材料',
  'evidence.deleted': '删除证明材料',
}

export const GATE_LABELS: Record<GateKey, string> = {
  none: '',
  p1: '按原则要求第1条（满意度或投诉率排名）自动计分',
  p8_fee: '按原则要求第8条（物业费收缴率≥95%）自动计分',
}

/** Limits the server enforces (src/domain/evidence.h); shown to the user before they hit them. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
export const MAX_SELF_ASSESSMENT_CHARS = 2000
export const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf'

export interface SubItem {
  name: string
  max: string
}

export interface RubricItem {
  id: string
  section: number
  text_zh: string
  gate: GateKey
  max: string
  /** The city's maximum for the item (what a refinement changes from). */
  reference_max?: string
  sub_items: SubItem[]
}

export interface RubricSection {
  number: number
  name_zh: string
  weight: number
  max: string
  items: RubricItem[]
}

export interface EvidenceFile {
  id: number
  item_id: string
  original_name: string
  mime: string
  size: number
  sha256: string
  uploaded_at: string
  uploaded_by: string
  url: string
}

export interface ApplicationItem extends RubricItem {
  self_assessment: string
  files: EvidenceFile[]
}

export interface AutomaticChecks {
  reference_date: string
  fee_year: number
  p1: boolean
  p2_party_org: boolean
  p4_owners_org: boolean
  p6_professional: boolean
  p6_no_penalty: boolean
  /** A fraction, e.g. "0.9612"; null when the fee year has no row. */
  fee_rate: string | null
  p8_fee: boolean
  auto_ok: boolean
  satisfaction_sample: number
  satisfaction_index: string | null
  satisfaction_rank: number | null
  satisfaction_n: number
  satisfaction_k: number
  complaint_count: number
  complaint_rate: string
  complaint_rank: number | null
  complaint_n: number
  complaint_k: number
  penalty_in_window: boolean
}

export interface PrincipleCheck {
  id: string
  text_zh: string
  automatic: boolean
  evaluator: boolean
  automatic_passed: boolean | null
  automatic_zh: string
}

export interface HistoryEntry {
  id: number
  event: string
  at: string
  username: string
}

export interface ApplicationSummary {
  id: number
  year: number
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_code: string
  town_name: string
  applicant_type: ApplicantType
  applicant_type_zh: string
  applicant_name: string
  status: ApplicationStatus
  status_zh: string
  submitted_at: string | null
  updated_at: string
  version: number
}

export interface ApplicationDetail extends ApplicationSummary {
  contact_name: string
  contact_phone: string
  created_at: string
  submitted_ms: number | null
  editable: boolean
  items: ApplicationItem[]
  file_count: number
  max_files: number
  /** Per evidence file, from the server (10 MiB today). */
  max_file_bytes?: number
  rubric_frozen: boolean
  sections: RubricSection[]
  automatic: AutomaticChecks | null
  automatic_frozen: boolean
  principles: PrincipleCheck[]
  history: HistoryEntry[]
}

/** The applicant's fields of an application, as the form edits them. */
export type ApplicantFields = { applicant_type: ApplicantType; applicant_name: string; contact_name: string; contact_phone: string }
export const APPLICANT_FIELD_KEYS = ['applicant_type', 'applicant_name', 'contact_name', 'contact_phone'] as const

export interface ApplicationList {
  year: number
  total: number
  items: ApplicationSummary[]
}

/** One problem of a 400 answer's `errors` list. */
export interface FieldProblem {
  code: string
  field: string
  message_zh: string
  message_en?: string
}

/** Every problem of an error answer: the `errors` list when present, else the single error. */
export function problemsOf(e: ApiError): FieldProblem[] {
  const list = e.body?.errors
  if (Array.isArray(list) && list.length) return list as FieldProblem[]
  return [{ code: e.code, field: e.field || '', message_zh: e.messageZh, message_en: e.messageEn }]
}

export const SECTION_NUMERALS = ['', '一', '二', '三', '四', '五', '六']

/** Characters as the server counts them (code points, not UTF-16 units). */
export function charCount(s: string): number {
  return Array.from(s).length
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

/** "0.9612" → "96.12" (the fee rate as a percentage, 2 decimals, for display only). */
export function percentOf(fraction: string | null): string {
  if (fraction === null || fraction === '') return '—'
  const v = Number(fraction)
  return Number.isFinite(v) ? (v * 100).toFixed(2) : fraction
}

/**
 * Uploads one evidence file as the raw request body (POST …/files?item=&filename=), reporting progress 0…100.
 * Resolves with the stored file; rejects with an ApiError carrying the server's message.
 */
export function uploadEvidence(
  year: number,
  applicationId: number,
  itemId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<EvidenceFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    const qs = new URLSearchParams({ item: itemId, filename: file.name })
    xhr.open('POST', `/api/campaigns/${year}/applications/${applicationId}/files?${qs}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream')
    if (session.csrf) xhr.setRequestHeader('X-CSRF-Token', session.csrf)
    xhr.withCredentials = true
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100))
    }
    xhr.onload = () => {
      let body: any = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as EvidenceFile)
      else reject(new ApiError(xhr.status, body?.error, body))
    }
    xhr.onerror = () => reject(new ApiError(0, undefined, null))
    xhr.send(file)
  })
}
