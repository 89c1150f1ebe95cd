// multipart/form-data read from a file on disk (uploads never sit in memory whole).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace harmoni::http {

struct MultipartResult {
  std::map<std::string, std::string> fields;  // small text fields (at most 64 KiB each)
  std::string file_field;                     // the name of the one file part, if any
  std::string file_name;                      // as the browser sent it
  int64_t file_bytes = 0;
};

// The boundary parameter of a multipart/form-data Content-Type, or "".
std::string multipart_boundary(std::string_view content_type);

// Streams the body in body_path; the (first) file part's content goes to file_out,
// text fields into the result.
Result<MultipartResult> read_multipart(const std::string& body_path, std::string_view boundary,
                                       const std::string& file_out);

}  // namespace harmoni::http
