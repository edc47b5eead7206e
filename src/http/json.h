// JSON helpers for handlers: error bodies, and reading request fields with
// errors that name the field and the rule.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "common/result.h"
#include "http/types.h"

// In a handler: evaluate a Result, or answer with its error.
#define MEIHAO_TRY(var, expr) \
  auto var = (expr);          \
  if (!var) return ErrorResponse(var.error());

// In a function returning Result<…>: evaluate a Result, or pass its error on.
#define MEIHAO_TRY_RESULT(var, expr) \
  auto var = (expr);                 \
  if (!var) return var.error();

namespace meihao::http {

Response ErrorResponse(const Error& e);
Response JsonResponse(int status, const boost::json::value& v);

// Parses a JSON object body; 400 "json.malformed" / "json.not_object".
Result<boost::json::object> ParseObject(const std::string& body);

// Field readers: absent (or null) gives nullopt; a wrong type is a 400 naming the field.
Result<std::optional<std::string>> OptString(const boost::json::object& o, const char* field);
Result<std::optional<bool>> OptBool(const boost::json::object& o, const char* field);
Result<std::optional<int64_t>> OptInt(const boost::json::object& o, const char* field);
// Required string: 400 "<field>.required" when absent or empty.
Result<std::string> ReqString(const boost::json::object& o, const char* field);

}  // namespace meihao::http
