#include "service/registry/estate_sql.h"

namespace meihao::service::registry {

namespace {
// Stored values are always the exact keys (CHECK constraints), so the lenient
// parsers for user input are not needed on this hot path.
domain::registry::ManagementMode ModeFromKey(std::string_view k) {
  if (k == "professional") return domain::registry::ManagementMode::kProfessional;
  if (k == "self") return domain::registry::ManagementMode::kSelf;
  return domain::registry::ManagementMode::kNone;
}
domain::registry::OwnersOrg OwnersOrgFromKey(std::string_view k) {
  if (k == "owners_committee") return domain::registry::OwnersOrg::kOwnersCommittee;
  if (k == "management_committee") return domain::registry::OwnersOrg::kManagementCommittee;
  return domain::registry::OwnersOrg::kNone;
}
}  // namespace

domain::registry::Estate ReadEstateFields(const storage::Row& r) {
  domain::registry::Estate e;
  e.code = r.Text(0);
  e.name = r.Text(1);
  e.county_code = r.Text(2);
  e.town_code = r.Text(3);
  e.community = r.Text(4);
  e.address = r.Text(5);
  e.households = int(r.Int(6));
  e.mode = ModeFromKey(r.TextView(7));
  e.company_name = r.IsNull(8) ? "" : r.Text(8);
  e.company_uscc = r.IsNull(9) ? "" : r.Text(9);
  e.owners_org = OwnersOrgFromKey(r.TextView(10));
  e.party_org = r.Bool(11);
  e.demonstration = r.Bool(12);
  return e;
}

EstateRowView ViewEstate(const storage::Row& r, const domain::registry::DivisionTree& tree) {
  EstateRowView v;
  v.code = r.TextView(0);
  v.name = r.TextView(1);
  v.county_code = r.TextView(2);
  v.town_code = r.TextView(3);
  v.community = r.TextView(4);
  v.address = r.TextView(5);
  v.households = r.Int(6);
  v.management_mode = r.TextView(7);
  v.company_name = r.TextView(8);  // empty view for NULL
  v.company_uscc = r.TextView(9);
  v.owners_org = r.TextView(10);
  v.party_org = r.Bool(11);
  v.demonstration = r.Bool(12);
  v.version = r.Int(13);
  v.updated_at = r.TextView(14);
  if (const auto* d = tree.Find(v.county_code)) v.county_name = d->name;
  if (const auto* d = tree.Find(v.town_code)) v.town_name = d->name;
  return v;
}

EstateRecord ReadEstate(const storage::Row& r, const domain::registry::DivisionTree& tree) {
  EstateRecord rec;
  rec.estate = ReadEstateFields(r);
  const domain::registry::Estate& e = rec.estate;
  rec.version = r.Int(13);
  rec.updated_at = r.Text(14);
  if (const auto* d = tree.Find(e.county_code)) rec.county_name = d->name;
  if (const auto* d = tree.Find(e.town_code)) rec.town_name = d->name;
  return rec;
}

std::optional<EstateRecord> LoadEstate(storage::Connection& c, const domain::registry::DivisionTree& tree,
                                       const std::string& code) {
  std::optional<EstateRecord> out;
  c.Query(std::string(kEstateSelect) + " WHERE e.code = ? AND e.deleted_at IS NULL", {code},
          [&](const storage::Row& r) { out = ReadEstate(r, tree); });
  return out;
}

policy::EstateRef RefOf(const domain::registry::Estate& e) { return {e.code, e.county_code, e.town_code}; }

namespace {

// The scope as SQL: the city sees all; a county or town its estates; an
// applicant its one estate.
void AddScope(const domain::registry::DivisionTree& tree, const policy::Principal& p, SqlClause& w) {
  const domain::registry::Division* d = tree.Find(p.scope);
  if (p.role == policy::Role::kApplicant || !d) {
    w.sql += " AND e.code = ?";
    w.params.push_back(p.scope);
  } else if (d->level == domain::registry::Division::Level::kCounty) {
    w.sql += " AND e.county_code = ?";
    w.params.push_back(p.scope);
  } else if (d->level == domain::registry::Division::Level::kTown) {
    w.sql += " AND e.town_code = ?";
    w.params.push_back(p.scope);
  }
}

// LIKE pattern for a literal substring: escape the wildcards the user typed.
std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

}  // namespace

Result<SqlClause> BuildEstateWhere(const domain::registry::DivisionTree& tree, const policy::Principal& p,
                                   const EstateFilter& f) {
  SqlClause w{"e.deleted_at IS NULL", {}};
  AddScope(tree, p, w);
  auto eq = [&](const char* col, const std::string& v) {
    w.sql += std::string(" AND ") + col + " = ?";
    w.params.push_back(v);
  };
  if (!f.county.empty()) eq("e.county_code", f.county);
  if (!f.town.empty()) eq("e.town_code", f.town);
  if (!f.management_mode.empty()) {
    if (!domain::registry::ParseManagementMode(f.management_mode))
      return Error::Invalid("filter.management_mode", "物业管理方式取值无效（professional、self 或 none）",
                            "management_mode must be professional, self or none", "management_mode");
    eq("e.management_mode", f.management_mode);
  }
  if (!f.owners_org.empty()) {
    if (!domain::registry::ParseOwnersOrg(f.owners_org))
      return Error::Invalid("filter.owners_org", "业主组织取值无效（owners_committee、management_committee 或 none）",
                            "owners_org must be owners_committee, management_committee or none", "owners_org");
    eq("e.owners_org", f.owners_org);
  }
  if (f.party_org) { w.sql += " AND e.party_org = ?"; w.params.push_back(int64_t(*f.party_org)); }
  if (f.demonstration) { w.sql += " AND e.demonstration = ?"; w.params.push_back(int64_t(*f.demonstration)); }
  if (!f.q.empty()) {
    w.sql += " AND (e.name LIKE ? ESCAPE '\\' OR e.address LIKE ? ESCAPE '\\')";
    w.params.push_back(LikePattern(f.q));
    w.params.push_back(LikePattern(f.q));
  }
  return w;
}

Result<std::string> OrderClause(const EstateFilter& f) {
  static const std::pair<std::string_view, std::string_view> kSorts[] = {
      {"code", "e.code"}, {"name", "e.name"}, {"households", "e.households"},
      {"town", "e.town_code"}, {"updated_at", "e.updated_at"}};
  std::string dir = f.descending ? " DESC" : " ASC";
  for (const auto& [key, col] : kSorts) {
    if (f.sort != key) continue;
    if (key == "code") return " ORDER BY e.code" + dir;
    return " ORDER BY " + std::string(col) + dir + ", e.code" + dir;
  }
  return Error::Invalid("filter.sort", "排序字段无效（code、name、households、town 或 updated_at）",
                        "sort must be code, name, households, town or updated_at", "sort");
}

EstateWriter::EstateWriter(storage::Connection& c, std::string now) : c_(c), now_(std::move(now)) {}

void EstateWriter::Preload() {
  c_.Query("SELECT id, uscc, name FROM companies", {}, [&](const storage::Row& r) {
    companies_[r.Text(1)] = {r.Int(0), r.Text(2)};
  });
  c_.Query(std::string(kEstateSelect) + " WHERE 1 = 1", {}, [&](const storage::Row& r) {
    Stored s{ReadEstateFields(r), false};
    estates_.emplace(s.estate.code, std::move(s));
  });
  c_.Query("SELECT code FROM estates WHERE deleted_at IS NOT NULL", {},
           [&](const storage::Row& r) { estates_[r.Text(0)].deleted = true; });
  preloaded_ = true;
}

std::optional<EstateWriter::Stored> EstateWriter::Find(const std::string& code) {
  if (preloaded_) {
    auto it = estates_.find(code);
    if (it == estates_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<Stored> out;
  c_.Query(std::string(kEstateSelect) + " WHERE e.code = ?", {code},
           [&](const storage::Row& r) { out = Stored{ReadEstateFields(r), false}; });
  if (out) out->deleted = c_.QueryInt("SELECT 1 FROM estates WHERE code = ? AND deleted_at IS NOT NULL", {code}).has_value();
  return out;
}

storage::Value EstateWriter::CompanyId(const domain::registry::Estate& e) {
  if (e.mode != domain::registry::ManagementMode::kProfessional || e.company_uscc.empty()) return storage::Null();
  auto it = companies_.find(e.company_uscc);
  if (it == companies_.end() && !preloaded_) {
    c_.Query("SELECT id, name FROM companies WHERE uscc = ?", {e.company_uscc}, [&](const storage::Row& r) {
      it = companies_.emplace(e.company_uscc, std::make_pair(r.Int(0), r.Text(1))).first;
    });
  }
  if (it == companies_.end()) {
    int64_t id = *c_.QueryInt("INSERT INTO companies(uscc, name, created_at, updated_at) VALUES (?,?,?,?) RETURNING id",
                              {e.company_uscc, e.company_name, now_, now_});
    return companies_.emplace(e.company_uscc, std::make_pair(id, e.company_name)).first->second.first;
  }
  // The company's latest name wins: the register names a company as the
  // most recent sheet or form does.
  if (it->second.second != e.company_name) {
    c_.Exec("UPDATE companies SET name = ?, updated_at = ? WHERE id = ?", {e.company_name, now_, it->second.first});
    it->second.second = e.company_name;
  }
  return it->second.first;
}

void BumpEstateGeneration(storage::Connection& c) {
  c.Exec("UPDATE generations SET generation = generation + 1 WHERE name = ?", {std::string("estates")});
}

int64_t EstateGeneration(storage::Connection& c) {
  return c.QueryInt("SELECT generation FROM generations WHERE name = ?", {std::string("estates")}).value_or(0);
}

void EstateWriter::Flush() {
  if (pending_rows_ == 0) return;
  // One statement for many rows: per-statement costs (bind, step, the
  // statement journal) dominate a bulk load of small rows.
  std::string sql =
      "INSERT INTO estates(name, county_code, town_code, community, address, households, management_mode, "
      "company_id, owners_org, party_org, demonstration, updated_at, code, created_at) VALUES ";
  for (size_t i = 0; i < pending_rows_; ++i) sql += i ? ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  c_.Exec(sql, pending_);
  pending_.clear();
  pending_rows_ = 0;
}

std::string_view EstateWriter::Upsert(const domain::registry::Estate& e) {
  storage::Value company = CompanyId(e);
  auto old = Find(e.code);
  if (old && !old->deleted && old->estate == e) return "unchanged";
  if (!bumped_) {
    BumpEstateGeneration(c_);
    bumped_ = true;
  }
  storage::Params p = {e.name, e.county_code, e.town_code, e.community, e.address, int64_t(e.households),
                       std::string(domain::registry::ManagementModeKey(e.mode)), company,
                       std::string(domain::registry::OwnersOrgKey(e.owners_org)), int64_t(e.party_org),
                       int64_t(e.demonstration), now_, e.code};
  if (!old) {
    p.push_back(now_);
    pending_.insert(pending_.end(), std::make_move_iterator(p.begin()), std::make_move_iterator(p.end()));
    if (++pending_rows_ == kInsertBatch) Flush();
    return "created";
  }
  c_.Exec("UPDATE estates SET name = ?, county_code = ?, town_code = ?, community = ?, address = ?, "
          "households = ?, management_mode = ?, company_id = ?, owners_org = ?, party_org = ?, "
          "demonstration = ?, updated_at = ?, deleted_at = NULL, version = version + 1 WHERE code = ?",
          p);
  return "updated";
}

}  // namespace meihao::service::registry
