// The storage interface. Services speak only to Connection; the SQLite
// backend (storage/sqlite) implements it today and a PostgreSQL backend can
// implement it later. SQL given to Connection must be portable: `?`
// placeholders, no SQLite-only functions (backend-specific SQL lives in the
// backend, e.g. migrations).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace meihao::storage {

using Value = std::variant<std::monostate, int64_t, double, std::string>;
using Params = std::vector<Value>;

inline Value Null() { return std::monostate{}; }
inline Value OptText(const std::optional<std::string>& s) { return s ? Value(*s) : Null(); }

// Thrown for failures that end the operation: disk full, corrupt file, a
// constraint the service should have checked first. Never for user input.
class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  // True when a UNIQUE constraint failed (lets a service turn a race into 409).
  bool IsUniqueViolation() const;

 private:
  int code_;
};

// One result row, valid only inside the row callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual std::string_view TextView(int col) const = 0;  // valid until the next row
  bool Bool(int col) const { return Int(col) != 0; }
  std::optional<std::string> OptText(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
  }
};

using RowFn = std::function<void(const Row&)>;

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement and calls on_row for every row it yields. Statements
  // are prepared once per connection and cached by their text.
  virtual void Query(std::string_view sql, const Params& params, const RowFn& on_row) = 0;
  // Runs one statement that yields no rows; returns the number of rows changed.
  virtual int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations only).
  virtual void ExecScript(std::string_view sql) = 0;
  // Write transactions take the write lock at BEGIN so that two writers never
  // deadlock halfway; read transactions see one snapshot.
  virtual void Begin(bool write) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;

  // For one dedicated writer that makes its own commits durable (the survey
  // group commit): from now on this connection's commits return before the
  // disk has them, and the function returned — callable from any thread —
  // returns once everything committed before the call is durable (throws
  // DatabaseError if the disk refuses). Nothing committed on this connection
  // may be reported done before that function has returned.
  virtual std::function<void()> DeferDurability() = 0;

  // The highest id ever handed out by table's id sequence (deleted rows
  // included), or nullopt when the table has not handed out any.
  virtual std::optional<int64_t> SequenceHighWater(std::string_view table) = 0;

  // Convenience: the first column of the first row, if any.
  std::optional<int64_t> QueryInt(std::string_view sql, const Params& params = {});
  std::optional<std::string> QueryText(std::string_view sql, const Params& params = {});
};

// Rolls back unless Commit() was called: every early return and exception
// leaves the database as it was (all-or-nothing).
class Transaction {
 public:
  Transaction(Connection& c, bool write) : c_(c) { c_.Begin(write); }
  ~Transaction() {
    if (!done_) try { c_.Rollback(); } catch (...) {}
  }
  void Commit() { c_.Commit(); done_ = true; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  Connection& c_;
  bool done_ = false;
};

class Database {
 public:
  virtual ~Database() = default;
  // A connection for the calling thread's use; cheap after the first call
  // on each thread (connections are pooled).
  virtual std::shared_ptr<Connection> Acquire() = 0;
  // Applies every migration not yet recorded; returns how many ran.
  virtual int Migrate() = 0;
};

// Opens (creating if absent) the SQLite database at path.
std::unique_ptr<Database> OpenSqlite(const std::string& path);

}  // namespace meihao::storage
