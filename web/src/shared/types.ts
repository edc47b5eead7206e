// Types mirroring docs/api-contract.md (v1) that more than one module uses; a module's own API types are in
// its folder (campaigns/campaign.ts, indicators/indicators.ts, cultivation/cultivation.ts, …).

export type Role = 'city_admin' | 'county_admin' | 'street_staff' | 'applicant' | 'evaluator' | 'auditor' | 'assessor'

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

export interface ApiErrorBody {
  code: string
  message_zh: string
  message_en: string
  field?: string
}
