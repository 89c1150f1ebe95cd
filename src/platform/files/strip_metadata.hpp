// Removes what a file says about who made it, where and with what, before it is stored:
// a reporter's photograph once named its place through its EXIF location. Pure.
//
// JPEG: every APPn segment but a thumbnail-free JFIF header and Adobe's colour marker,
// and comments (EXIF, XMP, IPTC, ICC profiles, maker notes, embedded thumbnails).
// PNG: every text, time, EXIF and ICC chunk and any ancillary chunk not known to be
// harmless. PDF: the values of the document information dictionary (author, creator,
// producer, title, subject, keywords, dates) and XMP packets are blanked in place, so the
// cross-reference offsets stay valid, and so are the metadata segments of JPEG images
// inside it. A PDF whose metadata is compressed cannot be cleaned in place: it is
// refused ("file.metadata_compressed"), never stored as it is.
#pragma once

#include <string>
#include <string_view>

#include "platform/files/file_kind.hpp"
#include "platform/result.hpp"

namespace harmoni {

// The file without its metadata; "file.damaged" when its structure does not hold.
Result<std::string> strip_metadata(FileKind kind, std::string_view bytes);

}  // namespace harmoni
