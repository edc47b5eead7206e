// Types mirroring docs/api-contract.md (v1).

export type Role = 'city_admin' | 'county_admin' | 'street_staff' | 'applicant' | 'evaluator' | 'auditor'

export interface Scope {
  code: string
  name: string
  level: string
}

export interface User {
  id: number | string
  username: string
  display_name: string
  role: Role
  scope: Scope
  must_change_password: boolean
  disabled: boolean
  last_login_at: string | null
}

export interface SessionAnswer {
  user: User
  csrf_token: string
}

export interface DivisionNode {
  code: string
  name: string
  level: 'city' | 'county' | 'town'
  estate_count: number
  children?: DivisionNode[]
}

export interface DivisionsAnswer {
  tree: DivisionNode
  path?: { code: string; name: string }[]
}

export type ManagementMode = 'professional' | 'self' | 'none'
export type OwnersOrg = 'owners_committee' | 'management_committee' | 'none'

export interface Estate {
  code: string
  name: string
  county_code: string
  county_name: string
  town_code: string
  town_name: string
  community: string
  address: string
  households: number
  management_mode: ManagementMode
  company_name: string
  company_uscc: string
  owners_org: OwnersOrg
  party_org: boolean
  demonstration: boolean
  version: number
  updated_at: string
}

export interface Page<T> {
  items: T[]
  total: number
  page?: number
  page_size?: number
}

export interface Stats {
  by_county: { code: string; name: string; count: number; managed: number }[]
  by_mode: { mode: ManagementMode; label: string; count: number }[]
  total: number
}

export interface Problem {
  row: number
  column: string
  value: string
  message_zh: string
  message_en: string
  suggestion?: string
}

export interface ImportResult {
  dry_run: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
}

export interface AuditRecord {
  id: number
  at: string
  username: string
  action: string
  object: string
  before: unknown
  after: unknown
  client: string
  result: string
  hash: string
}

export interface ApiErrorBody {
  code: string
  message_zh: string
  message_en: string
  field?: string
}

// ---- Campaigns (issue #3) ----

export type PhaseKey = 'mobilise' | 'cultivate' | 'apply' | 'county_review' | 'city_review' | 'summary'

export interface CampaignSetting {
  key: string
  value: string
  name_zh: string
}

export interface CampaignAnswer {
  year: number
  settings: CampaignSetting[]
}

export interface CampaignListItem {
  year: number
  open_phases: PhaseKey[]
}

export interface RankingRow {
  estate_code: string
  estate_name: string
  county_code: string
  county_name: string
  town_name: string
  households: number
  managed: boolean
  satisfaction_sample: number
  satisfaction_index: string | null
  satisfaction_rank: number | null
  complaint_count: number
  complaint_rate: string
  complaint_rank: number | null
  top_satisfaction: boolean
  bottom_complaints: boolean
  demonstration: boolean
  cultivation: boolean
}

export interface RankingCut {
  county_code: string
  county_name: string
  satisfaction_n: number
  satisfaction_k: number
  complaint_n: number
  complaint_k: number
}

export interface RankingsAnswer {
  rows: RankingRow[]
  cuts: RankingCut[]
}

export interface EstateFigures {
  estate_code: string
  estate_name: string
  households: number
  managed: boolean
  window: { from: string; to: string }
  fee_year: number
  survey: {
    responses: number
    points: number
    codes: { issued: number; used: number; void: number }
    dimensions: { key: string; zh: string; mean: string | null }[]
  }
  third_party: { surveyed_on: string; surveyor: string; sample: number; score: string }[]
  satisfaction: { sample: number; index: string | null; ranked: boolean; min_sample: number; rank: number | null }
  complaints: { count: number; rate: string; rank: number | null }
  fees: { rows: number; due_yuan: string; collected_yuan: string; rate: string } | null
  penalties: { decision_no: string; decided_on: string; company_name: string }[]
  flags: { top_satisfaction: boolean; bottom_complaints: boolean; demonstration: boolean; cultivation: boolean }
}

export interface CodeCounts {
  issued: number
  used: number
  void: number
  responses?: number
}

export interface PaperResponseAnswer {
  estate_code: string
  estate_name: string
  received_at: string
}
