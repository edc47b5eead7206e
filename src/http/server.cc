#include "http/server.h"
#include "http/types.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>
#include <vector>

namespace meihao::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// A client has this long to send its headers, and then its body; an idle
// keep-alive connection is closed after the same time.
constexpr auto kReadTimeout = std::chrono::seconds(30);
// Total size of the request line and headers.
constexpr uint32_t kMaxHeaderBytes = 16 * 1024;

// Percent-decoding of the path ('+' stays '+': it means space only in queries).
std::string Decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() + 0 && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += char(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Request ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& client, bool* bad) {
  Request r;
  r.method = std::string(in.method_string());
  r.client = client;
  auto target = std::string(in.target());
  auto q = target.find('?');
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    *bad = true;
    return r;
  }
  r.path = Decode(std::string_view(parsed->encoded_path().data(), parsed->encoded_path().size()));
  if (q != std::string::npos) {
    for (auto p : parsed->params()) r.query[p.key] = p.has_value ? p.value : "";
  }
  for (const auto& f : in) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    r.headers[name] = std::string(f.value());
  }
  r.body = in.body();
  return r;
}

std::string ErrorJson(std::string_view code, std::string_view zh, std::string_view en) {
  return std::string(R"({"error":{"code":")") + std::string(code) + R"(","message_zh":")" + std::string(zh) +
         R"(","message_en":")" + std::string(en) + R"(","field":""}})";
}

template <class Stream>
asio::awaitable<void> Write(Stream& stream, Response res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "meihao");
  if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "same-origin");
  for (auto& [k, v] : res.headers) out.insert(k, v);
  out.keep_alive(keep_alive);
  out.body() = std::move(res.body);
  out.prepare_payload();
  if (head) out.body().clear();
  co_await bhttp::async_write(stream, out, asio::use_awaitable);
}

// GCC 12 destroys braced temporaries in a co_await's arguments twice (a
// compiler bug), so every Response is a named local before it is awaited.
Response TransportError(int status, std::string_view code, std::string_view zh, std::string_view en) {
  return {status, "application/json; charset=utf-8", ErrorJson(code, zh, en), {}};
}

std::string LimitText(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Suspends the connection until a deferred response is delivered, then
// resumes it on its own executor (the delivering thread may be any).
asio::awaitable<Response> Later(std::function<void(std::function<void(Response)>)> start) {
  auto initiate = [start = std::move(start)](auto handler) mutable {
    auto ex = asio::get_associated_executor(handler);
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start([shared, ex](Response r) {
      asio::post(ex, [shared, r = std::move(r)]() mutable { std::move(*shared)(std::move(r)); });
    });
  };
  Response res = co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(initiate,
                                                                                             asio::use_awaitable);
  co_return res;
}

asio::awaitable<void> Session(tcp::socket socket, const Handler& handler, const BodyLimit& limit) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  std::string client;
  beast::error_code ec;
  auto ep = stream.socket().remote_endpoint(ec);
  if (!ec) client = ep.address().to_string();
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(kMaxHeaderBytes);
    // Beast checks Content-Length against the body limit while it parses the
    // header, before we know the route: allow the largest limit here and
    // apply the route's own limit once the target is known.
    parser.body_limit(kMaxImportBodyBytes);
    stream.expires_after(kReadTimeout);
    auto [e1, n1] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (e1) {
      Response res;
      if (e1 == bhttp::error::header_limit) {
        res = TransportError(431, "header.too_large", "请求头过大", "Request headers too large");
      } else if (e1 == bhttp::error::body_limit) {
        res = TransportError(413, "body.too_large", "请求内容过大（上限 " + LimitText(kMaxImportBodyBytes) + "）",
                             "Request body too large (limit " + LimitText(kMaxImportBodyBytes) + ")");
      } else {
        break;
      }
      co_await Write(stream, std::move(res), 11, false, false);
      break;
    }
    size_t max_body = limit(std::string(parser.get().target()));
    parser.body_limit(max_body);
    unsigned version = parser.get().version();
    if (parser.content_length() && *parser.content_length() > max_body) {
      Response res = TransportError(413, "body.too_large", "请求内容过大（上限 " + LimitText(max_body) + "）",
                                    "Request body too large (limit " + LimitText(max_body) + ")");
      co_await Write(stream, std::move(res), version, false, false);
      break;
    }
    stream.expires_after(kReadTimeout);
    auto [e2, n2] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (e2 == bhttp::error::body_limit) {
      Response res = TransportError(413, "body.too_large", "请求内容过大（上限 " + LimitText(max_body) + "）",
                                    "Request body too large (limit " + LimitText(max_body) + ")");
      co_await Write(stream, std::move(res), version, false, false);
      break;
    }
    if (e2) break;
    auto req = parser.release();
    bool keep = req.keep_alive();
    bool head = req.method() == bhttp::verb::head;
    bool bad = false;
    Request r = ToRequest(req, client, &bad);
    Response res = bad ? TransportError(400, "request.target", "请求地址格式错误", "Malformed request target")
                       : handler(r);
    if (res.deferred) res = co_await Later(std::move(res.deferred));
    co_await Write(stream, std::move(res), version, keep, head);
    if (!keep) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

asio::awaitable<void> Listen(tcp::acceptor& acceptor, const Handler& handler, const BodyLimit& limit) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      continue;  // e.g. too many open files: keep serving the others
    }
    socket.set_option(tcp::no_delay(true), ec);
    auto exec = socket.get_executor();
    // A connection's failure (peer gone mid-write, handler exception) ends
    // that connection only, never the process.
    asio::co_spawn(exec, Session(std::move(socket), handler, limit), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const boost::system::system_error&) {
        // the client went away: nothing to log
      } catch (const std::exception& ex) {
        spdlog::error("connection ended by an error: {}", ex.what());
      }
    });
  }
}

}  // namespace

int Serve(const ServerOptions& opts, const Handler& handler, const BodyLimit& limit) {
  int threads = opts.threads > 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  asio::io_context ioc(threads);
  tcp::endpoint ep(asio::ip::make_address(opts.address), opts.port);
  tcp::acceptor acceptor(ioc);
  acceptor.open(ep.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(ep);
  acceptor.listen(asio::socket_base::max_listen_connections);
  unsigned short port = acceptor.local_endpoint().port();
  spdlog::info("listening on http://{}:{}", opts.address, port);
  if (opts.on_listening) opts.on_listening(port);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](auto, auto) {
    spdlog::info("shutting down");
    ioc.stop();
  });
  asio::co_spawn(ioc, Listen(acceptor, handler, limit), asio::detached);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}

}  // namespace meihao::http
