// Fuzzes what the server does with untrusted bytes before any handler runs: the
// HTTP/1.1 parser (Beast), the request head (path decoding, proxy headers, request
// id), query and cookie access, and reading the body as a form or JSON.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <utility>

#include "platform/http/beast_request.hpp"
#include "platform/http/request_head.hpp"
#include "platform/web/input.hpp"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  size_t used = 0;
  while (used < size && !parser.is_done()) {
    size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (ec || !parser.is_header_done()) return 0;
  const auto& msg = parser.get();
  harmoni::http::Request request;
  harmoni::http::copy_request_head(msg, request);
  if (!harmoni::http::complete_request_head(request, {.trust_proxy = true})) return 0;
  (void)harmoni::http::is_valid_request_id(request.header("x-request-id"));
  (void)request.query_param("q");
  (void)request.cookie("harmoni_session");
  if (!parser.is_done()) return 0;
  for (bool json : {false, true}) {
    auto input = json ? harmoni::web::Input::from_json(msg.body())
                      : harmoni::web::Input::from_form(msg.body());
    if (!input.ok()) continue;
    auto& in = input.value();
    (void)in.text("name", {.required = false, .max_chars = 100});
    (void)in.integer("grade", {.required = false, .min = 1, .max = 17});
    (void)in.flag("active");
    (void)in.choice("kind", {"pusat", "daerah"}, false);
    (void)in.finish();
  }
  return 0;
}
