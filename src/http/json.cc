#include "http/json.h"

namespace meihao::http {

Response ErrorResponse(const Error& e) {
  boost::json::object err{{"code", e.code}, {"message_zh", e.message_zh}, {"message_en", e.message_en},
                          {"field", e.field}};
  return JsonResponse(HttpStatusOf(e.kind), boost::json::object{{"error", std::move(err)}});
}

Response JsonResponse(int status, const boost::json::value& v) {
  return Response::Json(status, boost::json::serialize(v));
}

Result<boost::json::object> ParseObject(const std::string& body) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec)
    return Error::Invalid("json.malformed", "请求内容不是有效的 JSON", "The request body is not valid JSON: " + ec.message());
  if (!v.is_object())
    return Error::Invalid("json.not_object", "请求内容须为 JSON 对象", "The request body must be a JSON object");
  return std::move(v.as_object());
}

namespace {
Error WrongType(const char* field, const char* zh_type, const char* en_type) {
  return Error::Invalid(std::string(field) + ".type", std::string("字段 ") + field + " 须为" + zh_type,
                        std::string("Field ") + field + " must be " + en_type, field);
}
}  // namespace

Result<std::optional<std::string>> OptString(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>();
  if (!it->value().is_string()) return WrongType(field, "字符串", "a string");
  return std::optional<std::string>(std::string(it->value().as_string()));
}

Result<std::optional<bool>> OptBool(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<bool>();
  if (!it->value().is_bool()) return WrongType(field, "布尔值（true/false）", "a boolean");
  return std::optional<bool>(it->value().as_bool());
}

Result<std::optional<int64_t>> OptInt(const boost::json::object& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::optional<int64_t>();
  if (it->value().is_int64()) return std::optional<int64_t>(it->value().as_int64());
  if (it->value().is_uint64() && it->value().as_uint64() <= uint64_t(INT64_MAX))
    return std::optional<int64_t>(int64_t(it->value().as_uint64()));
  return WrongType(field, "整数", "an integer");
}

Result<std::string> ReqString(const boost::json::object& o, const char* field) {
  auto v = OptString(o, field);
  if (!v) return v.error();
  if (!*v || (*v)->empty())
    return Error::Invalid(std::string(field) + ".required", std::string("缺少必填字段 ") + field,
                          std::string("Field ") + field + " is required", field);
  return **v;
}

}  // namespace meihao::http
