#include "platform/http/multipart.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

namespace harmoni::http {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxTextField = 64 * 1024;
constexpr size_t kMaxPartHeader = 8 * 1024;

std::string header_param(std::string_view header, std::string_view name) {
  std::string key = std::string(name) + "=\"";
  size_t pos = header.find(key);
  if (pos == std::string_view::npos) return {};
  pos += key.size();
  size_t end = header.find('"', pos);
  if (end == std::string_view::npos) return {};
  return std::string(header.substr(pos, end - pos));
}

// Reads the stream until `delimiter`, handing everything before it to sink.
// Returns false if the stream ends first.
template <class Sink>
bool copy_until(std::istream& in, const std::string& delimiter, std::string& carry, Sink&& sink) {
  std::vector<char> buffer(kChunk);
  for (;;) {
    size_t found = carry.find(delimiter);
    if (found != std::string::npos) {
      sink(std::string_view(carry).substr(0, found));
      carry.erase(0, found + delimiter.size());
      return true;
    }
    // Keep a tail that might hold the start of the delimiter.
    if (carry.size() > delimiter.size()) {
      size_t safe = carry.size() - delimiter.size();
      sink(std::string_view(carry).substr(0, safe));
      carry.erase(0, safe);
    }
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    std::streamsize got = in.gcount();
    if (got <= 0) return false;
    carry.append(buffer.data(), static_cast<size_t>(got));
  }
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  if (!content_type.starts_with("multipart/form-data")) return {};
  size_t pos = content_type.find("boundary=");
  if (pos == std::string_view::npos) return {};
  std::string_view b = content_type.substr(pos + 9);
  b = b.substr(0, b.find(';'));
  if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
  if (b.empty() || b.size() > 70) return {};
  return std::string(b);
}

Result<MultipartResult> read_multipart(const std::string& body_path, std::string_view boundary,
                                       const std::string& file_out) {
  std::ifstream in(body_path, std::ios::binary);
  if (!in) return Error::internal("cannot open upload body");
  MultipartResult result;
  std::string carry;
  const std::string first = "--" + std::string(boundary);
  const std::string delimiter = "\r\n--" + std::string(boundary);
  if (!copy_until(in, first, carry, [](std::string_view) {}))
    return Error::invalid("upload.malformed");
  for (;;) {
    // After a boundary: "--" ends the body, CRLF starts a part.
    while (carry.size() < 2 && in) {
      char c;
      if (in.get(c)) carry += c;
    }
    if (carry.starts_with("--")) break;
    if (!carry.starts_with("\r\n")) return Error::invalid("upload.malformed");
    carry.erase(0, 2);
    std::string headers;
    bool too_big = false;
    if (!copy_until(in, "\r\n\r\n", carry,
                    [&](std::string_view s) {
                      headers.append(s);
                      too_big = too_big || headers.size() > kMaxPartHeader;
                    }) ||
        too_big) {
      return Error::invalid("upload.malformed");
    }
    std::string lower = headers;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    size_t disposition = lower.find("content-disposition:");
    if (disposition == std::string::npos) return Error::invalid("upload.malformed");
    std::string_view line = std::string_view(headers).substr(disposition);
    line = line.substr(0, line.find("\r\n"));
    std::string name = header_param(line, "name");
    bool is_file = line.find("filename=\"") != std::string_view::npos;
    if (is_file && result.file_field.empty()) {
      result.file_field = name;
      result.file_name = header_param(line, "filename");
      std::ofstream out(file_out, std::ios::binary | std::ios::trunc);
      if (!out) return Error::internal("cannot write upload part");
      bool ok = copy_until(in, delimiter, carry, [&](std::string_view s) {
        out.write(s.data(), static_cast<std::streamsize>(s.size()));
        result.file_bytes += static_cast<int64_t>(s.size());
      });
      out.close();
      if (!ok || !out) return Error::invalid("upload.malformed");
    } else {
      std::string value;
      bool ok = copy_until(in, delimiter, carry, [&](std::string_view s) {
        if (value.size() + s.size() <= kMaxTextField) value.append(s);
      });
      if (!ok) return Error::invalid("upload.malformed");
      if (!is_file) result.fields[name] = std::move(value);
    }
  }
  return result;
}

}  // namespace harmoni::http
