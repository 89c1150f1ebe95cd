// Which kind of document a file is, told by its content (never by its name or by what
// the browser claims). Pure.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "platform/util/enum_names.hpp"

namespace harmoni {

// The kinds accepted as evidence: scans, photographs, documents.
enum class FileKind { kPdf, kPng, kJpeg };
inline constexpr EnumName<FileKind> kFileKindNames[] = {
    {FileKind::kPdf, "pdf"}, {FileKind::kPng, "png"}, {FileKind::kJpeg, "jpeg"}};
constexpr std::span<const EnumName<FileKind>> enum_names(FileKind) { return kFileKindNames; }

// By the first bytes; nullopt for anything else.
std::optional<FileKind> sniff_file(std::string_view bytes);
std::string_view content_type(FileKind kind);    // "application/pdf", "image/png", ...
std::string_view file_extension(FileKind kind);  // "pdf", "png", "jpg"
// The kind of a content type this module names; nullopt otherwise.
std::optional<FileKind> kind_of_content_type(std::string_view type);

}  // namespace harmoni
