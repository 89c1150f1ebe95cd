// Copies a Beast request head into our Request (method, target, lower-cased header
// names). Header-only so the server and the fuzz target use the same code; include
// it only where Beast is included anyway.
#pragma once

#include <boost/beast/http/message.hpp>
#include <cctype>
#include <string>

#include "platform/http/message.hpp"

namespace harmoni::http {

template <class Body>
void copy_request_head(const boost::beast::http::request<Body>& in, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
}

}  // namespace harmoni::http
