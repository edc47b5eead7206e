#include "domain/forms/text_fields.h"

#include <algorithm>

#include "common/text.h"

namespace meihao::domain::forms {
namespace {

std::string Num(size_t n) { return std::to_string(n); }

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool Subscriber(std::string_view s) { return (s.size() == 7 || s.size() == 8) && s[0] >= '2'; }

Error PhoneFormat() {
  return Error::Invalid("objection.phone.format",
                        "联系电话格式不正确：请填写11位手机号码，或带区号的固定电话（如0750-3201234），不含分机号",
                        "The phone must be an 11-digit mobile number or a landline with its area code "
                        "(e.g. 0750-3201234), without an extension",
                        "phone");
}

}  // namespace

Result<std::string> CheckWrittenText(std::string_view text, std::string_view code_prefix,
                                     std::string_view field, std::string_view name_zh,
                                     std::string_view name_en, size_t min_chars, size_t max_chars) {
  std::string t = Trim(text);
  const std::string code(code_prefix), zh(name_zh), en(name_en), f(field);
  if (t.empty()) return Error::Invalid(code + ".required", "请填写" + zh, en + " is required", f);
  if (!IsValidUtf8(t))
    return Error::Invalid(code + ".encoding", zh + "含有无法识别的字符，请重新输入",
                          en + " is not valid UTF-8 text", f);
  const size_t n = CodePointCount(t);
  if (n < min_chars || n > max_chars) {
    const std::string range_zh = min_chars <= 1 ? "不超过" + Num(max_chars) + "个字"
                                                : "须为" + Num(min_chars) + "至" + Num(max_chars) + "个字";
    return Error::Invalid(code + ".length", zh + range_zh + "（现为" + Num(n) + "个字）",
                          en + " must be " + Num(min_chars) + "–" + Num(max_chars) +
                              " characters (now " + Num(n) + ")",
                          f);
  }
  return t;
}

Result<std::string> CheckPhone(std::string_view text) {
  std::string d;
  for (char c : Trim(text))
    if (c != ' ' && c != '-' && c != '(' && c != ')') d.push_back(c);
  if (d.empty())
    return Error::Invalid("objection.phone.required", "请填写联系电话", "The phone is required", "phone");
  if (d.starts_with("+86")) d.erase(0, 3);
  else if (d.size() == 13 && d.starts_with("861")) d.erase(0, 2);
  if (!AllDigits(d)) return PhoneFormat();
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3') return d;  // 1[3-9] + 9 digits
  if (d.size() >= 2 && d[0] == '0') {
    // 010 and 02X are the only 3-digit area codes and carry 8-digit numbers;
    // every other area code is 0 + 3 digits.
    const bool short_area = d[1] == '1' || d[1] == '2';
    if (short_area && d[1] == '1' && d.size() > 2 && d[2] != '0') return PhoneFormat();
    const size_t area = short_area ? 3 : 4;
    if (d.size() > area) {
      const std::string_view sub = std::string_view(d).substr(area);
      if (Subscriber(sub) && (!short_area || sub.size() == 8)) return d.substr(0, area) + "-" + std::string(sub);
    }
  }
  return PhoneFormat();
}

std::string MaskPhone(std::string_view p) {
  if (!std::all_of(p.begin(), p.end(), [](char c) { return c > 0 && c < 0x7f; })) return "****";
  if (p.size() == 11 && p[0] == '1') return std::string(p.substr(0, 3)) + "****" + std::string(p.substr(7));
  const size_t dash = p.find('-');
  const size_t keep_from = dash == std::string_view::npos ? 0 : dash + 1;
  std::string out(p);
  for (size_t i = keep_from; i + 4 < out.size(); ++i) out[i] = '*';
  return out;
}

}  // namespace meihao::domain::forms
