#include "domain/summary/summary.h"

#include <algorithm>

#include "common/text.h"
#include "domain/forms/text_fields.h"

namespace meihao::domain::summary {
namespace {

Error BadNumber() {
  return Error::Invalid("document.number.format",
                        "发文字号格式不正确，应为“机关代字〔年份〕序号号”，如“江建房函〔2023〕12号”",
                        "A document number reads like 江建房函〔2023〕12号 (prefix, year in 〔〕, serial, 号)",
                        "number");
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The opening and closing brackets accepted around the year, as written back: 〔〕.
constexpr std::string_view kOpen[] = {"〔", "[", "【", "［"};
constexpr std::string_view kClose[] = {"〕", "]", "】", "］"};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

Result<std::string> CheckSummaryText(std::string_view text) {
  return forms::CheckWrittenText(text, "summary.text", "text", "经验总结", "The summary", 1, kMaxSummaryChars);
}

Result<std::string> CheckCommendationReason(std::string_view text) {
  return forms::CheckWrittenText(text, "commendation.reason", "reason", "表扬理由", "The reason", 1,
                                 kMaxReasonChars);
}

Result<DocumentNumber> ParseDocumentNumber(std::string_view raw) {
  std::string t = Trim(raw);
  if (t.empty())
    return Error::Invalid("document.number.required", "请填写发文字号", "Give the document number", "number");
  if (t.size() > kMaxNumberChars * 4 || CodePoints(t) > kMaxNumberChars) return BadNumber();
  std::string_view s = t;
  // The prefix runs to the first opening bracket.
  size_t open_at = std::string_view::npos, open_len = 0;
  for (auto o : kOpen) {
    size_t at = s.find(o);
    if (at != std::string_view::npos && at < open_at) open_at = at, open_len = o.size();
  }
  if (open_at == std::string_view::npos || open_at == 0) return BadNumber();
  DocumentNumber n;
  n.prefix = std::string(s.substr(0, open_at));
  if (CodePoints(n.prefix) > 10) return BadNumber();
  for (auto c : kClose)
    if (n.prefix.find(c) != std::string::npos) return BadNumber();
  s.remove_prefix(open_at + open_len);
  if (s.size() < 4) return BadNumber();
  for (int i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return BadNumber();
    n.year = n.year * 10 + (s[i] - '0');
  }
  if (n.year < 1949) return BadNumber();
  s.remove_prefix(4);
  bool closed = false;
  for (auto c : kClose)
    if (StartsWith(s, c)) {
      s.remove_prefix(c.size());
      closed = true;
      break;
    }
  if (!closed) return BadNumber();
  if (!s.ends_with("号")) return BadNumber();
  s.remove_suffix(std::string_view("号").size());
  if (s.empty() || s.size() > 4 || s[0] == '0') return BadNumber();
  for (char ch : s) {
    if (ch < '0' || ch > '9') return BadNumber();
    n.serial = n.serial * 10 + (ch - '0');
  }
  return n;
}

std::string FormatDocumentNumber(const DocumentNumber& n) {
  return n.prefix + "〔" + std::to_string(n.year) + "〕" + std::to_string(n.serial) + "号";
}

DocumentNumber NextDocumentNumber(std::string_view prefix, int year, const std::vector<std::string>& used) {
  int top = 0;
  for (const auto& u : used) {
    auto n = ParseDocumentNumber(u);
    if (n && n->prefix == prefix && n->year == year) top = std::max(top, n->serial);
  }
  return DocumentNumber{std::string(prefix), year, top + 1};
}

}  // namespace meihao::domain::summary
