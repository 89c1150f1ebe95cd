// Small helpers shared by capability routes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "platform/csv/import_report.hpp"
#include "platform/web/app.hpp"

namespace harmoni::web {

// Appends one audit entry in its own transaction (for acts with no other write).
Status record_audit(Context& ctx, const audit::Entry& entry);
// A positive integer id of a path parameter, a query parameter or a text; nullopt when
// absent or malformed.
std::optional<int64_t> id_param(const Context& ctx, std::string_view name);
std::optional<int64_t> query_id(const Context& ctx, std::string_view name);
std::optional<int64_t> parse_id(std::string_view text);
// The value of the "next" target after login, if it is a local path.
std::string local_path_or(std::string_view candidate, std::string fallback);
// A download made into a temporary file on a worker after the handler returns, then
// sent in chunks and removed: for exports too large to hold in memory. `produce`
// writes the file at the path it is given (it must not use the Context).
using FileProducer = std::function<Status(const std::string& path)>;
http::Response temp_file_download(const Context& ctx, std::string content_type,
                                  const std::string& filename, std::string_view extension,
                                  FileProducer produce);

// A stored evidence file (PDF, PNG, JPEG) as a download named `stem` plus the extension
// of its kind; never cached, never shown inline (the browser does not render it here).
http::Response stored_file_download(std::string_view content_type, std::string_view stem,
                                    std::string data);

// The year of ?year= (2000..2100), this year in WIB when absent.
Result<int> year_param(const Context& ctx);

// Page size from ?limit= (1..max, default def).
int limit_param(const Context& ctx, int def = 50, int max = 500);

// A CSV import's report as JSON, problems translated.
nlohmann::json import_report_json(const Context& ctx, const csv::ImportReport& report);

// A page's form with at most one file (an evidence scan, a photograph): multipart/form-data
// streamed to disk by the server (a route with upload_to_file) and read here, or plain
// url-encoded fields when the browser sent no file part. "file" is absent when no file was
// chosen. The CSRF token of such a route travels in the action's query (?_csrf=), as the
// pipeline checks it before the body is read.
struct FormWithFile {
  Input fields;
  std::optional<std::string> file;
};
Result<FormWithFile> read_form_with_file(const Context& ctx);

// Removes a temporary file when the request ends.
struct TempFile {
  std::string path;
  TempFile() = default;
  explicit TempFile(std::string p) : path(std::move(p)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();
};

}  // namespace harmoni::web
