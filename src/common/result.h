// Failures as values: every expected error (bad input, not found, conflict)
// travels as an Error inside Result<T>. Exceptions are reserved for what ends
// the operation (I/O failure of the database file, out of memory).
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace meihao {

// Error kinds map one-to-one onto HTTP statuses and CLI exit codes.
enum class ErrorKind {
  kInvalid,        // 400: the input breaks a rule; `field` names it
  kUnauthenticated,// 401
  kForbidden,      // 403: the role may not take this action (or wrong phase)
  kNotFound,       // 404: absent, or outside the caller's scope
  kConflict,       // 409: stale version, duplicate key, already used
  kTooLarge,       // 413
  kUnprocessable,  // 422: a file was read but its content breaks rules
  kRateLimited,    // 429
  kInternal,       // 500
};

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // stable machine key, e.g. "estate.code.format"
  std::string message_zh;  // what a clerk reads
  std::string message_en;
  std::string field;       // empty when the error is not about one field

  static Error Invalid(std::string code, std::string zh, std::string en, std::string field = {}) {
    return {ErrorKind::kInvalid, std::move(code), std::move(zh), std::move(en), std::move(field)};
  }
  static Error NotFound(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kNotFound, std::move(code), std::move(zh), std::move(en), {}};
  }
  static Error Forbidden(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kForbidden, std::move(code), std::move(zh), std::move(en), {}};
  }
  static Error Conflict(std::string code, std::string zh, std::string en, std::string field = {}) {
    return {ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en), std::move(field)};
  }
  static Error Internal(std::string en) {
    return {ErrorKind::kInternal, "internal", "系统内部错误，请联系管理员", std::move(en), {}};
  }
};

int HttpStatusOf(ErrorKind kind);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace meihao
