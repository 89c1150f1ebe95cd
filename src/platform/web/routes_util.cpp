#include "platform/web/routes_util.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>

#include "platform/files/file_kind.hpp"
#include "platform/http/multipart.hpp"
#include "platform/util/date.hpp"

namespace harmoni::web {

Status record_audit(Context& ctx, const audit::Entry& entry) {
  int64_t at = ctx.now_ms();
  return ctx.services.db.write([&](db::Tx& tx) -> Status { return audit::append(tx, entry, at); });
}

http::Response temp_file_download(const Context& ctx, std::string content_type,
                                  const std::string& filename, std::string_view extension,
                                  FileProducer produce) {
  const std::string path =
      (std::filesystem::path(ctx.services.config.upload_dir) /
       ("harmoni-download-" + ctx.services.random.hex(12) + std::string(extension)))
          .string();
  http::Response res;
  res.set_header("Content-Type", std::move(content_type));
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.stream = [path, produce = std::move(produce)](const http::ChunkWriter& write) -> Status {
    struct Remove {
      std::string path;
      ~Remove() {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
      }
    } remove{path};
    TRY(produce(path));
    std::ifstream in(path, std::ios::binary);
    std::string chunk(64 * 1024, '\0');
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      auto got = static_cast<size_t>(in.gcount());
      if (got > 0 && !write(std::string_view(chunk.data(), got))) return {};  // the client left
    }
    return {};
  };
  return res;
}

std::optional<int64_t> id_param(const Context& ctx, std::string_view name) {
  return parse_id(ctx.param(name));
}

std::optional<int64_t> query_id(const Context& ctx, std::string_view name) {
  return parse_id(ctx.request.query_param(name).value_or(""));
}

std::optional<int64_t> parse_id(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string local_path_or(std::string_view candidate, std::string fallback) {
  if (candidate.starts_with("/") && !candidate.starts_with("//") && !candidate.starts_with("/\\") &&
      candidate.find_first_of("\r\n") == std::string_view::npos) {
    return std::string(candidate);
  }
  return fallback;
}

nlohmann::json import_report_json(const Context& ctx, const csv::ImportReport& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back({{"line", p.line},
                        {"column", p.column},
                        {"code", p.key},
                        {"message", ctx.t(p.key, p.args)}});
  }
  return {{"rows", r.rows},           {"bad_rows", r.bad_rows},
          {"inserted", r.inserted},   {"updated", r.updated},
          {"unchanged", r.unchanged}, {"written", r.written},
          {"problems", problems},     {"problems_not_listed", r.problems_not_listed}};
}

Result<FormWithFile> read_form_with_file(const Context& ctx) {
  const std::string boundary = http::multipart_boundary(ctx.request.header("content-type"));
  if (boundary.empty()) {
    if (ctx.request.body_file.empty()) {
      Input fields = TRY(ctx.input());
      return FormWithFile{std::move(fields), std::nullopt};
    }
    // An upload route sent plain fields (a browser without a file part): its body, under
    // the route's limit, was streamed to the file like any other.
    if (!ctx.request.header("content-type").starts_with("application/x-www-form-urlencoded"))
      return Error::invalid("error.content_type");
    std::ifstream stream(ctx.request.body_file, std::ios::binary);
    const std::string body((std::istreambuf_iterator<char>(stream)),
                           std::istreambuf_iterator<char>());
    Input fields = TRY(Input::from_form(body));
    return FormWithFile{std::move(fields), std::nullopt};
  }
  TempFile file{ctx.request.body_file + ".file"};
  auto parts = TRY(http::read_multipart(ctx.request.body_file, boundary, file.path));
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [k, v] : parts.fields) fields[k] = v;
  FormWithFile out{Input::from_object(std::move(fields), false), std::nullopt};
  if (parts.file_bytes > 0) {
    std::ifstream stream(file.path, std::ios::binary);
    out.file.emplace((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
  }
  return out;
}

TempFile::~TempFile() {
  std::error_code ignored;
  if (!path.empty()) std::filesystem::remove(path, ignored);
}

http::Response stored_file_download(std::string_view type, std::string_view stem,
                                    std::string data) {
  auto kind = kind_of_content_type(type);
  http::Response res;
  res.set_header("Content-Type", kind ? std::string(type) : "application/octet-stream");
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}.{}\"", stem,
                                                    kind ? file_extension(*kind) : "bin"));
  res.set_header("Cache-Control", "private, no-store");
  res.body = std::move(data);
  return res;
}

Result<int> year_param(const Context& ctx) {
  auto text = ctx.request.query_param("year");
  if (!text || text->empty()) return date_in_wib(ctx.now_ms()).year;
  int year = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (ec != std::errc() || end != text->data() + text->size() || year < 2000 || year > 2100) {
    return Error::field("year", "input.out_of_range", {{"min", "2000"}, {"max", "2100"}});
  }
  return year;
}

int limit_param(const Context& ctx, int def, int max) {
  auto text = ctx.request.query_param("limit");
  if (!text) return def;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 1) return def;
  return std::min(value, max);
}

}  // namespace harmoni::web
