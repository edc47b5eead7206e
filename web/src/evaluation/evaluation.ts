// 评审 (issue #4 part 3): the evaluator's queue and scoring form, affiliations, and the managers' score
// matrix and assignments — the answer types of src/http/handlers/evaluation.cc and small pure helpers
// (score checks mirroring domain::ParsePoints, the display-only running total, exact fractions as text).
import type { AutomaticChecks, PrincipleCheck } from '../applications/applications'

export type { AutomaticChecks }

export type EvalLevel = 'county' | 'city'
export const EVAL_LEVEL_ZH: Record<EvalLevel, string> = { county: '县级', city: '市级' }

// ---- Affiliations (回避声明) ----

export type AffiliationKind = 'estate' | 'company' | 'town'
export const AFFILIATION_KIND_ZH: Record<AffiliationKind, string> = {
  estate: '小区',
  company: '物业服务企业',
  town: '镇（街道）',
}
export interface Affiliation {
  id: number
  kind: AffiliationKind
  value: string
  label: string
  note: string
  declared_at: string
}

// ---- The evaluator's queue ----

export type QueueStatus = 'to_do' | 'draft' | 'done'
export const QUEUE_STATUS_ZH: Record<QueueStatus, string> = { to_do: '未开始', draft: '草稿已保存', done: '已提交' }
export interface QueueItem {
  assignment_id: number
  application_id: number
  level: EvalLevel
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  status: QueueStatus
  due_on: string
  overdue: boolean
  submitted_at: string | null
}
export interface QueueAnswer {
  year: number
  today: string
  counts: { to_do: number; draft: number; done: number; overdue: number }
  items: QueueItem[]
}

// ---- The scoring view ----

export interface AssignmentInfo {
  id: number
  application_id: number
  level: EvalLevel
  evaluator_id: number
  evaluator_name: string
  estate_code: string
  estate_name: string
  county_code: string
  assigned_at: string
}
export interface RubricUnit {
  id: string
  name: string
  max: string
}
export interface RubricItem {
  id: string
  text_zh: string
  gate: 'p1' | 'p8_fee' | null
  max: string
  units: RubricUnit[]
}
export interface RubricSection {
  number: number
  name_zh: string
  weight: number
  max: string
  items: RubricItem[]
}
export interface PrincipleDef {
  id: string
  text_zh: string
  automatic: boolean
  evaluator: boolean
}
export interface EvalRubric {
  sections: RubricSection[]
  principles: PrincipleDef[]
}
export interface PrincipleMark {
  pass: boolean | null
  reason: string
}
export interface Sheet {
  evaluator_id: number
  evaluator_name: string
  status: 'draft' | 'submitted'
  scores: Record<string, string>
  principles: Record<string, PrincipleMark>
  saved_at: string
  submitted_at: string | null
  total: string | null
}
export interface EvidenceFile {
  id: number
  item_id: string
  original_name: string
  mime: string
  size: number
  url: string
}
export interface ScoringView {
  assignment: AssignmentInfo
  application: {
    id: number
    estate_code: string
    estate_name: string
    county_code: string
    town_code: string
    applicant_type: string
    applicant_name: string
    submitted_at: string
    self_assessment: Record<string, string>
    files: EvidenceFile[]
    automatic: AutomaticChecks | null
    /** P1…P9 with their automatic results and the sentences giving the figures (as on the application page). */
    principles: PrincipleCheck[]
  }
  rubric: EvalRubric
  due_on: string
  phase_open: boolean
  sheet: Sheet | null
  others_visible: boolean
  others: Sheet[]
}

export const APPLICANT_TYPE_ZH: Record<string, string> = {
  party_organisation: '小区党组织',
  owners_committee: '业主委员会',
  management_committee: '物业管理委员会',
  property_company: '物业服务企业',
}

// ---- Managers: evaluators, assignments, matrix ----

export interface AssignableEvaluator {
  id: number
  username: string
  display_name: string
  scope_code: string
  affiliations: Affiliation[]
  assigned_county: number
  assigned_city: number
  open: number
}
export interface PairRefusal {
  application_id: number
  evaluator_id: number
  code: string
  reason_zh: string
  reason_en: string
}
export interface AssignAnswer {
  created: AssignmentInfo[]
  skipped: PairRefusal[]
}
export type MatrixEvaluatorStatus = 'to_do' | 'draft' | 'submitted'
export const MATRIX_STATUS_ZH: Record<MatrixEvaluatorStatus, string> = { to_do: '未开始', draft: '评分中', submitted: '已提交' }
export interface MatrixEvaluator {
  evaluator_id: number
  name: string
  status: MatrixEvaluatorStatus
  total: string | null
  /** The assignment, when the server tells it (needed to withdraw the assignment from the matrix). */
  assignment_id?: number
}
export interface MatrixPrinciple {
  id: string
  automatic: boolean | null
  evaluator: boolean | null
  evaluator_passes: number
  passed: boolean
}
export interface MatrixRow {
  application_id: number
  estate_code: string
  estate_name: string
  county_code: string
  town_code: string
  applicant_name: string
  submitted_at: string
  assigned: number
  submitted: number
  evaluators: MatrixEvaluator[]
  score: string | null
  stddev: string | null
  trimmed: boolean
  disagreement: boolean
  reviewed: boolean
  review_note: string
  evaluated: boolean
  eligible: boolean
  principles: MatrixPrinciple[]
  rank: number | null
  proposed: boolean
}
export interface MatrixAnswer {
  year: number
  level: EvalLevel
  unit_code: string
  unit_name: string
  min_evaluators: number
  disagreement_stddev: number
  managed_estates: number
  quota: number
  cut_to_county: boolean
  rows: MatrixRow[]
}

// ---- Helpers ----

/** Evaluator principles (P2…P9) of a rubric. */
export function evaluatorPrinciples(r: EvalRubric): PrincipleDef[] {
  return r.principles.filter((p) => p.evaluator)
}

/** Every score unit of the rubric (gate-linked items have none). */
export function allUnits(r: EvalRubric): RubricUnit[] {
  return r.sections.flatMap((s) => s.items.flatMap((i) => i.units))
}

/** Points as tenths: "8.5" → 85 ("8.50" is 8.5), or null when the text is not a number ≥ 0 with ≤ 1 decimal. */
export function tenthsOf(text: string): number | null {
  const t = text.trim()
  const m = /^(\d{1,6})(?:\.(\d+))?$/.exec(t)
  if (!m) return null
  let frac = m[2] ?? ''
  while (frac.length > 1 && frac.endsWith('0')) frac = frac.slice(0, -1)
  if (frac.length > 1) return null
  return Number(m[1]) * 10 + (frac ? Number(frac) : 0)
}

/**
 * The client's check of one typed score (mirrors domain::ParsePoints and the range check); '' when fine or
 * empty. The server stays the authority; its message replaces this one when it answers.
 */
export function checkScore(text: string, max: string, label: string): string {
  const t = text.trim()
  if (!t) return ''
  const whole = /^(\d{1,6})(?:\.(\d+))?$/.exec(t)
  if (!whole) return `分值“${t}”格式不正确，应为不小于0、最多一位小数的数字（如 8 或 8.5）`
  const v = tenthsOf(t)
  if (v === null) return `分值“${t}”最多保留一位小数`
  const m = tenthsOf(max) ?? 0
  if (v > m) return `第${label}项的得分须在0至${max}分之间（现为${t}分）`
  return ''
}

/** Round half away from zero to 2 decimals of an exact fraction num/den (BigInt), as text. */
export function fractionText(num: bigint, den: bigint, decimals = 2): string {
  if (den < 0n) {
    num = -num
    den = -den
  }
  const neg = num < 0n
  const a = neg ? -num : num
  const scale = 10n ** BigInt(decimals)
  const q = (a * scale * 2n + den) / (2n * den)
  const s = q.toString().padStart(decimals + 1, '0')
  const out = decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s
  return neg && q !== 0n ? `-${out}` : out
}

/**
 * The running total as the server will compute it (rules.md §6): Σ sections weight × Σ item scores ÷ Σ item
 * maxima; gate-linked items score their maximum when the automatic check passed. Unscored or invalid units
 * count 0. For display only; the submitted total comes from the server.
 */
export function runningTotal(r: EvalRubric, scores: Record<string, string>, auto: AutomaticChecks | null): string {
  let num = 0n
  let den = 1n
  for (const s of r.sections) {
    let got = 0
    let max = 0
    for (const i of s.items) {
      const imax = tenthsOf(i.max) ?? 0
      max += imax
      if (i.gate) {
        const passed = i.gate === 'p1' ? !!auto?.p1 : !!auto?.p8_fee
        if (passed) got += imax
        continue
      }
      for (const u of i.units) {
        const v = tenthsOf(scores[u.id] ?? '')
        const umax = tenthsOf(u.max) ?? 0
        if (v !== null && v <= umax) got += v
      }
    }
    if (!max) continue
    // num/den + weight·got/max
    num = num * BigInt(max) + BigInt(s.weight) * BigInt(got) * den
    den = den * BigInt(max)
  }
  return fractionText(num, den)
}

/** Short titles of the nine principles (rules.md §5), for chips and headings. */
export const PRINCIPLE_SHORT: Record<string, string> = {
  P1: '满意度或投诉率',
  P2: '党组织健全',
  P3: '精神文明和生活服务',
  P4: '业委会或物管会',
  P5: '投诉电话和执法进小区',
  P6: '专业化物业管理',
  P7: '环境整洁和消防通道',
  P8: '信息公开和收费率',
  P9: '为群众办实事',
}

/** The tag type of an evaluator's progress in the score matrix. */
export function matrixStatusType(e: MatrixEvaluator): 'success' | 'warning' | 'info' {
  return e.status === 'submitted' ? 'success' : e.status === 'draft' ? 'warning' : 'info'
}
/** A principle's chip in the score matrix: green passed, red failed, grey while no evaluator has submitted. */
export function principleType(p: MatrixPrinciple, row: MatrixRow): 'success' | 'danger' | 'info' {
  if (p.passed) return 'success'
  // Evaluator parts are undecided until sheets come in: grey while nobody submitted.
  if (p.automatic === false) return 'danger'
  return row.submitted ? 'danger' : 'info'
}
export function principleText(p: MatrixPrinciple, row: MatrixRow): string {
  const mark = p.passed ? '✓' : principleType(p, row) === 'info' ? '…' : '✗'
  return p.evaluator === null || !row.submitted ? `${p.id} ${mark}` : `${p.id} ${mark} ${p.evaluator_passes}/${row.submitted}`
}
export function principleTip(p: MatrixPrinciple, row: MatrixRow): string {
  const parts = [`${p.id} ${PRINCIPLE_SHORT[p.id] || ''}`]
  if (p.automatic !== null) parts.push(`自动核验：${p.automatic ? '符合' : '不符合'}`)
  if (p.evaluator !== null)
    parts.push(`评审评定：${row.submitted} 位已提交的专家中 ${p.evaluator_passes} 位评定符合（须过半）${row.submitted ? (p.evaluator ? '，符合' : '，不符合') : ''}`)
  parts.push(`结论：${p.passed ? '符合' : '不符合'}`)
  return parts.join('；')
}

/** Size in KB/MB for evidence files. */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
