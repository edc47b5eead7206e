#include "io/xlsx_styles.h"

#include "io/cell_format.h"

namespace meihao::io::internal {

size_t Styles::commit_number_format() {
  codes_[fmt_id_] = std::move(fmt_code_);
  fmt_id_ = 0;
  fmt_code_.clear();
  return codes_.size() - 1;
}

size_t Styles::commit_cell_xf() {
  xf_formats_.push_back(xf_fmt_);
  xf_fmt_ = 0;
  return xf_formats_.size() - 1;
}

bool Styles::IsDateXf(size_t xf) const {
  if (xf >= xf_formats_.size()) return false;
  size_t id = xf_formats_[xf];
  auto code = codes_.find(id);
  return IsDateFormat(id, code == codes_.end() ? std::string_view{} : code->second);
}

}  // namespace meihao::io::internal
