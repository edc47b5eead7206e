// For service tests: a fresh SQLite file with every migration and the
// divisions, removed (with its WAL) when the test ends. One per test, named by
// process and a counter so parallel ctest processes never share a file.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "common/crypto.h"
#include "service/context.h"
#include "service/setup/setup.h"
#include "storage/database.h"

namespace meihao::service {

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& name) {
    static std::atomic<int> serial{0};
    crypto::InitCrypto();
    path_ = std::filesystem::temp_directory_path() /
            ("meihao-" + name + "-" + std::to_string(getpid()) + "-" + std::to_string(serial++) + ".db");
    Remove();
    db_ = storage::OpenSqlite(path_.string());
    setup::PrepareDatabase(*db_, setup::BuiltinDivisions());
    ctx_ = std::make_unique<Context>(Context{*db_, setup::BuiltinDivisions()});
  }
  ~TestDatabase() {
    ctx_.reset();
    db_.reset();
    Remove();
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  storage::Database& db() { return *db_; }
  const Context& ctx() { return *ctx_; }

 private:
  void Remove() {
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Context> ctx_;
};

}  // namespace meihao::service
