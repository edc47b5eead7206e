#include "storage/database.h"

namespace meihao::storage {

std::optional<int64_t> Connection::QueryInt(std::string_view sql, const Params& params) {
  std::optional<int64_t> out;
  Query(sql, params, [&](const Row& r) {
    if (!out && !r.IsNull(0)) out = r.Int(0);
  });
  return out;
}

std::optional<std::string> Connection::QueryText(std::string_view sql, const Params& params) {
  std::optional<std::string> out;
  Query(sql, params, [&](const Row& r) {
    if (!out && !r.IsNull(0)) out = r.Text(0);
  });
  return out;
}

}  // namespace meihao::storage
