// SQLite backend: WAL so readers never block the writer, synchronous=FULL so
// an acknowledged commit survives power loss, foreign keys enforced, one
// connection per thread with its prepared statements cached.
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "common/resources.h"
#include "storage/database.h"

namespace meihao::storage {

bool DatabaseError::IsUniqueViolation() const {
  return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

namespace {

// How long a writer waits for another writer's transaction before failing.
constexpr int kBusyTimeoutMs = 10000;

[[noreturn]] void Fail(sqlite3* db, std::string_view what) {
  throw DatabaseError(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

class SqliteRow : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* s) : s_(s) {}
  bool IsNull(int c) const override { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int64_t Int(int c) const override { return sqlite3_column_int64(s_, c); }
  double Real(int c) const override { return sqlite3_column_double(s_, c); }
  std::string Text(int c) const override { return std::string(TextView(c)); }
  std::string_view TextView(int c) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string_view(p, sqlite3_column_bytes(s_, c)) : std::string_view();
  }

 private:
  sqlite3_stmt* s_;
};

class SqliteConnection : public Connection {
 public:
  explicit SqliteConnection(const std::string& path) : path_(path) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DatabaseError("cannot open " + path + ": " + msg, SQLITE_CANTOPEN);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");
  }
  ~SqliteConnection() override {
    for (auto& [_, s] : cache_) sqlite3_finalize(s);
    sqlite3_close_v2(db_);
  }

  void Query(std::string_view sql, const Params& params, const RowFn& on_row) override {
    sqlite3_stmt* s = Prepare(sql, params);
    ResetGuard guard{s};  // a throwing callback must not leave bindings to freed params
    SqliteRow row(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) on_row(row);
    Finish(s, rc, sql);
  }

  int64_t Exec(std::string_view sql, const Params& params) override {
    sqlite3_stmt* s = Prepare(sql, params);
    ResetGuard guard{s};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    Finish(s, rc, sql);
    return sqlite3_changes64(db_);
  }

  void ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      throw DatabaseError("script failed: " + msg, sqlite3_extended_errcode(db_));
    }
  }

  std::optional<int64_t> SequenceHighWater(std::string_view table) override {
    return QueryInt("SELECT seq FROM sqlite_sequence WHERE name = ?", {std::string(table)});
  }

  // WAL with synchronous=NORMAL: a commit writes its frames to the WAL file
  // without syncing; fdatasync of that file afterwards makes them (and any
  // WAL header rewrite) durable. SQLite itself still syncs around
  // checkpoints in NORMAL mode. Checkpoints are spaced out (40 MB of WAL) so
  // a page dirtied by many commits reaches the database file once.
  std::function<void()> DeferDurability() override {
    ExecScript("PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;");
    return [wal = path_ + "-wal", db = path_] {
      // Opened anew each time: a WAL file SQLite deleted and recreated is a new inode.
      int fd = ::open(wal.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) fd = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);  // no WAL: everything is in the file
      if (fd < 0) throw DatabaseError("cannot open " + wal + " to sync it", SQLITE_IOERR);
      int rc = ::fdatasync(fd);
      ::close(fd);
      if (rc != 0) throw DatabaseError("fdatasync of " + wal + " failed", SQLITE_IOERR_FSYNC);
    };
  }

  void Begin(bool write) override { Exec(write ? "BEGIN IMMEDIATE" : "BEGIN", {}); }
  void Commit() override { Exec("COMMIT", {}); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) Exec("ROLLBACK", {});
  }

 private:
  sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
    auto it = cache_.find(sql);  // no allocation on the hot path
    sqlite3_stmt* s;
    if (it != cache_.end()) {
      s = it->second;
    } else {
      if (sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                             nullptr) != SQLITE_OK)
        Fail(db_, "prepare " + std::string(sql));
      cache_.emplace(std::string(sql), s);
    }
    for (size_t i = 0; i < params.size(); ++i) Bind(s, int(i) + 1, params[i]);
    return s;
  }

  void Bind(sqlite3_stmt* s, int i, const Value& v) {
    int rc = std::visit(
        [&](const auto& x) -> int {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::monostate>) return sqlite3_bind_null(s, i);
          if constexpr (std::is_same_v<T, int64_t>) return sqlite3_bind_int64(s, i, x);
          if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(s, i, x);
          if constexpr (std::is_same_v<T, std::string>)
            // STATIC: params outlive the statement's steps (ResetGuard clears them).
            return sqlite3_bind_text(s, i, x.data(), int(x.size()), SQLITE_STATIC);
        },
        v);
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(s);
      Fail(db_, "bind");
    }
  }

  struct ResetGuard {
    sqlite3_stmt* s;
    ~ResetGuard() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  };

  void Finish(sqlite3_stmt* s, int rc, std::string_view sql) {
    if (rc != SQLITE_DONE) Fail(db_, std::string("step ") + std::string(sql.substr(0, 80)));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> cache_;
};

class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(std::string path) : path_(std::move(path)), id_(next_id_++) {}

  std::shared_ptr<Connection> Acquire() override {
    // Fast path without the lock: each thread remembers its connection per
    // database instance (ids are never reused, so a stale entry is never hit).
    // Weak, so that the database (which owns its connections) closes them.
    thread_local std::unordered_map<uint64_t, std::weak_ptr<Connection>> mine;
    auto it = mine.find(id_);
    if (it != mine.end())
      if (auto c = it->second.lock()) return c;
    std::lock_guard lock(mu_);
    auto& c = by_thread_[std::this_thread::get_id()];
    if (!c) c = std::make_shared<SqliteConnection>(path_);
    mine[id_] = c;
    return c;
  }

  // Migrations are the embedded files named sqlite_NNN_*.sql, applied in
  // number order, each in its own transaction together with its record.
  int Migrate() override {
    auto c = Acquire();
    c->ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')))");
    std::map<int, std::pair<std::string_view, std::string_view>> todo;
    for (const auto& [name, body] : resources::all()) {
      if (!name.starts_with("sqlite_") || !name.ends_with(".sql")) continue;
      todo[std::stoi(std::string(name.substr(7, 3)))] = {name, body};
    }
    // Foreign keys off while migrating (SQLite's procedure for rebuilding a
    // table others refer to; the pragma is ignored inside a transaction), and
    // every reference checked before each migration commits.
    c->ExecScript("PRAGMA foreign_keys=OFF");
    struct Restore {
      Connection& c;
      ~Restore() {
        try { c.ExecScript("PRAGMA foreign_keys=ON"); } catch (...) {}
      }
    } restore{*c};
    int applied = 0;
    for (const auto& [version, file] : todo) {
      Transaction tx(*c, true);
      if (c->QueryInt("SELECT 1 FROM schema_migrations WHERE version = ?", {int64_t(version)}))
        continue;
      c->ExecScript(file.second);
      bool dangling = false;
      c->Query("PRAGMA foreign_key_check", {}, [&](const Row&) { dangling = true; });
      if (dangling)
        throw DatabaseError("migration " + std::string(file.first) + " left dangling references", SQLITE_CONSTRAINT);
      c->Exec("INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
              {int64_t(version), std::string(file.first)});
      tx.Commit();
      ++applied;
    }
    return applied;
  }

 private:
  std::string path_;
  uint64_t id_;
  static inline std::atomic<uint64_t> next_id_{1};
  std::mutex mu_;
  std::unordered_map<std::thread::id, std::shared_ptr<Connection>> by_thread_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path) {
  // Memory statistics take a global mutex on every allocation inside SQLite;
  // nothing reads them. Must be set before SQLite initialises, hence once here.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  return std::make_unique<SqliteDatabase>(path);
}

}  // namespace meihao::storage
