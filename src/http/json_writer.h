// A streaming JSON writer for hot responses (estate pages): appends to one
// string instead of building a DOM, which costs an allocation per field.
// The caller writes well-formed structure; strings are escaped here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace meihao::http {

class JsonWriter {
 public:
  void BeginObject() { Sep(); out_ += '{'; first_ = true; }
  void EndObject() { out_ += '}'; first_ = false; }
  void BeginArray() { Sep(); out_ += '['; first_ = true; }
  void EndArray() { out_ += ']'; first_ = false; }
  // Keys are the program's own ASCII names: written without escaping.
  void Key(std::string_view k) {
    Sep();
    out_ += '"';
    out_ += k;
    out_ += "\":";
    first_ = true;
  }
  void String(std::string_view s);
  void Int(int64_t v) { Sep(); out_ += std::to_string(v); }
  void Bool(bool v) { Sep(); out_ += v ? "true" : "false"; }
  void Field(std::string_view k, std::string_view v) { Key(k); String(v); }
  void Field(std::string_view k, int64_t v) { Key(k); Int(v); }
  void Field(std::string_view k, bool v) { Key(k); Bool(v); }
  void Field(std::string_view k, int v) { Field(k, int64_t(v)); }
  void Field(std::string_view k, const char* v) { Field(k, std::string_view(v)); }
  std::string Take() { return std::move(out_); }
  void Reserve(size_t n) { out_.reserve(n); }

 private:
  // A comma before every value but the first in its container.
  void Sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

}  // namespace meihao::http
