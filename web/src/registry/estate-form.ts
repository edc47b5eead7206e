// 小区详情's form: the fields as edited, blank for a new estate or taken from one, the client rules (the server
// checks again), the server's field names, and the body of POST /api/estates and PUT /api/estates/{code}.
import type { FormItemRule, FormRules } from 'element-plus'
import { charLength, ESTATE_CODE_RE, isValidUscc } from '../shared/validation'
import type { Estate, ManagementMode, OwnersOrg } from '../shared/types'

export interface EstateForm {
  code: string
  name: string
  county_code: string
  town_code: string
  community: string
  address: string
  households: number | undefined
  management_mode: ManagementMode | ''
  company_name: string
  company_uscc: string
  owners_org: OwnersOrg | ''
  party_org: boolean
  demonstration: boolean
}
export const blank = (): EstateForm => ({
  code: '',
  name: '',
  county_code: '',
  town_code: '',
  community: '',
  address: '',
  households: undefined,
  management_mode: '',
  company_name: '',
  company_uscc: '',
  owners_org: '',
  party_org: false,
  demonstration: false,
})
// Server field names (and aliases the server may use) → form props.
export const FIELD_ALIASES: Record<string, keyof EstateForm> = {
  county: 'county_code',
  county_name: 'county_code',
  town: 'town_code',
  town_name: 'town_code',
  mode: 'management_mode',
  uscc: 'company_uscc',
  company: 'company_name',
}

const lenRule = (max: number, label: string): FormItemRule => ({
  validator: (_r, v: string, cb) => (v && charLength(v) > max ? cb(new Error(`${label}不能超过 ${max} 个字符`)) : cb()),
  trigger: 'blur',
})

/** The rules of the form; an estate managed professionally needs its company and credit code. */
export function estateRules(professional: boolean): FormRules {
  return {
    code: [
      { required: true, message: '请输入小区编码', trigger: 'blur' },
      { pattern: ESTATE_CODE_RE, message: '小区编码为 1–32 位字母、数字、“-”或“_”', trigger: 'blur' },
    ],
    name: [{ required: true, message: '请输入小区名称', trigger: 'blur' }, lenRule(100, '小区名称')],
    county_code: [{ required: true, message: '请选择县（市、区）', trigger: 'change' }],
    town_code: [{ required: true, message: '请选择镇（街道）', trigger: 'change' }],
    community: [lenRule(100, '社区')],
    address: [lenRule(200, '地址')],
    households: [
      {
        required: true,
        validator: (_r, v: number | undefined, cb) =>
          v === undefined || v === null ? cb(new Error('请输入户数')) : !Number.isInteger(v) || v < 1 || v > 100000 ? cb(new Error('户数应为 1–100000 的整数')) : cb(),
        trigger: 'blur',
      },
    ],
    management_mode: [{ required: true, message: '请选择物业管理方式', trigger: 'change' }],
    company_name: professional ? [{ required: true, message: '专业化物业管理的小区须填写物业服务企业', trigger: 'blur' }, lenRule(200, '物业服务企业')] : [],
    company_uscc: professional
      ? [
          { required: true, message: '专业化物业管理的小区须填写统一社会信用代码', trigger: 'blur' },
          {
            validator: (_r, v: string, cb) =>
              v && !isValidUscc(v.trim().toUpperCase()) ? cb(new Error('统一社会信用代码应为 18 位且校验位正确（GB 32100-2015）')) : cb(),
            trigger: 'blur',
          },
        ]
      : [],
    owners_org: [{ required: true, message: '请选择业主组织', trigger: 'change' }],
  }
}

/** The form of an estate as the server holds it. */
export function formOf(e: Estate): EstateForm {
  return {
    code: e.code,
    name: e.name,
    county_code: e.county_code,
    town_code: e.town_code,
    community: e.community || '',
    address: e.address || '',
    households: e.households,
    management_mode: e.management_mode,
    company_name: e.company_name || '',
    company_uscc: e.company_uscc || '',
    owners_org: e.owners_org,
    party_org: !!e.party_org,
    demonstration: !!e.demonstration,
  }
}

/** The body of a create (no version) or an update (with the version the form was loaded at). */
export function payloadOf(form: EstateForm, version: number | null): Record<string, unknown> {
  const p: Record<string, unknown> = {
    code: form.code.trim(),
    name: form.name.trim(),
    county_code: form.county_code,
    town_code: form.town_code,
    community: form.community.trim(),
    address: form.address.trim(),
    households: form.households,
    management_mode: form.management_mode,
    company_name: form.management_mode === 'professional' ? form.company_name.trim() : '',
    company_uscc: form.management_mode === 'professional' ? form.company_uscc.trim().toUpperCase() : '',
    owners_org: form.owners_org,
    party_org: form.party_org,
    demonstration: form.demonstration,
  }
  if (version !== null) p.version = version
  return p
}
