#include "platform/files/file_kind.hpp"

namespace harmoni {

std::optional<FileKind> sniff_file(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return FileKind::kPdf;
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return FileKind::kPng;
  if (bytes.starts_with("\xFF\xD8\xFF")) return FileKind::kJpeg;
  return std::nullopt;
}

std::string_view content_type(FileKind kind) {
  switch (kind) {
    case FileKind::kPng:
      return "image/png";
    case FileKind::kJpeg:
      return "image/jpeg";
    case FileKind::kPdf:
      break;
  }
  return "application/pdf";
}

std::string_view file_extension(FileKind kind) {
  switch (kind) {
    case FileKind::kPng:
      return "png";
    case FileKind::kJpeg:
      return "jpg";
    case FileKind::kPdf:
      break;
  }
  return "pdf";
}

std::optional<FileKind> kind_of_content_type(std::string_view type) {
  for (auto [kind, name] : kFileKindNames) {
    if (content_type(kind) == type) return kind;
  }
  return std::nullopt;
}

}  // namespace harmoni
