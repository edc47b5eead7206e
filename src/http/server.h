// The HTTP/1.1 server (Boost.Beast, C++20 coroutines, no thread per
// connection). It knows nothing of the application: it parses, enforces the
// transport limits, calls the handler and writes the answer.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "http/types.h"

namespace meihao::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: pick a free port (reported through on_listening)
  int threads = 0;             // 0: one per core
  std::function<void(unsigned short port)> on_listening;
};

using Handler = std::function<Response(Request&)>;
// The largest body accepted for a request target (before reading the body).
using BodyLimit = std::function<size_t(const std::string& target)>;

// Serves until SIGINT/SIGTERM. Returns the process exit code.
int Serve(const ServerOptions& opts, const Handler& handler, const BodyLimit& limit);

}  // namespace meihao::http
