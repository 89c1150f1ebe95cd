#include "platform/files/strip_metadata.hpp"

#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace harmoni {
namespace {

uint8_t byte_at(std::string_view s, size_t i) { return static_cast<uint8_t>(s[i]); }

Error damaged() { return Error::field("file", "file.damaged"); }

// ---- JPEG ----

bool is_standalone_marker(uint8_t m) { return m == 0x01 || (m >= 0xD0 && m <= 0xD9); }

// A JFIF header that carries no thumbnail (a thumbnail can show what was cropped away).
bool is_plain_jfif(std::string_view payload) {
  return payload.size() >= 14 && payload.starts_with(std::string_view("JFIF\0", 5)) &&
         payload[12] == 0 && payload[13] == 0;
}

// Segments that say nothing about a person or a device: all but APPn and comments,
// a thumbnail-free JFIF header and Adobe's colour-transform marker.
bool keeps_segment(uint8_t marker, std::string_view payload) {
  if (marker == 0xFE) return false;
  if (marker < 0xE0 || marker > 0xEF) return true;
  if (marker == 0xE0) return is_plain_jfif(payload);
  return marker == 0xEE && payload.starts_with("Adobe");
}

// Where the entropy-coded data that starts at `i` ends: the next marker that is neither
// a stuffed 0xFF00 nor a restart marker; npos when the file ends first.
size_t end_of_scan(std::string_view in, size_t i) {
  while (i + 1 < in.size()) {
    if (byte_at(in, i) != 0xFF) {
      ++i;
      continue;
    }
    uint8_t next = byte_at(in, i + 1);
    if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
      i += next == 0xFF ? 1 : 2;
      continue;
    }
    return i;
  }
  return std::string_view::npos;
}

Result<std::string> strip_jpeg(std::string_view in) {
  if (!in.starts_with("\xFF\xD8")) return damaged();
  std::string out("\xFF\xD8", 2);
  size_t i = 2;
  while (i < in.size()) {
    if (byte_at(in, i) != 0xFF) return damaged();
    while (i < in.size() && byte_at(in, i) == 0xFF) ++i;  // fill bytes
    if (i >= in.size()) return damaged();
    const uint8_t marker = byte_at(in, i++);
    // Whatever follows the end of the image (phones append their own records) is dropped.
    if (marker == 0xD9) return out + "\xFF\xD9";
    if (is_standalone_marker(marker)) {
      out += '\xFF';
      out += static_cast<char>(marker);
      continue;
    }
    if (i + 2 > in.size()) return damaged();
    const size_t length = (static_cast<size_t>(byte_at(in, i)) << 8) | byte_at(in, i + 1);
    if (length < 2 || i + length > in.size()) return damaged();
    if (keeps_segment(marker, in.substr(i + 2, length - 2))) {
      out += '\xFF';
      out += static_cast<char>(marker);
      out.append(in.substr(i, length));
    }
    i += length;
    if (marker == 0xDA) {  // start of scan: the image data, up to the next marker
      size_t end = end_of_scan(in, i);
      if (end == std::string_view::npos) {
        // A truncated file (no end marker): keep its image data, close it properly.
        out.append(in.substr(i));
        return out + "\xFF\xD9";
      }
      out.append(in.substr(i, end - i));
      i = end;
    }
  }
  return damaged();
}

// ---- PNG ----

Result<std::string> strip_png(std::string_view in) {
  static const std::set<std::string_view> kKept = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS",
                                                   "cHRM", "gAMA", "sRGB", "sBIT", "bKGD",
                                                   "pHYs", "hIST", "acTL", "fcTL", "fdAT"};
  constexpr size_t kSignature = 8;
  if (!in.starts_with("\x89PNG\r\n\x1a\n")) return damaged();
  std::string out(in.substr(0, kSignature));
  size_t i = kSignature;
  while (i + 12 <= in.size()) {
    const size_t length = (static_cast<size_t>(byte_at(in, i)) << 24) |
                          (static_cast<size_t>(byte_at(in, i + 1)) << 16) |
                          (static_cast<size_t>(byte_at(in, i + 2)) << 8) | byte_at(in, i + 3);
    if (length > in.size() - i - 12) return damaged();
    const std::string_view type = in.substr(i + 4, 4);
    const bool critical = type[0] >= 'A' && type[0] <= 'Z';
    const bool kept = kKept.contains(type);
    // A critical chunk nobody knows means an image no viewer can show correctly.
    if (critical && !kept) return damaged();
    if (kept) out.append(in.substr(i, length + 12));
    i += length + 12;
    if (type == "IEND") return out;
  }
  return damaged();
}

// ---- PDF ----

bool is_pdf_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool is_pdf_delimiter(char c) {
  return is_pdf_space(c) || c == '/' || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '%';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && is_pdf_space(s[i])) ++i;
  return i;
}

// Reads an unsigned integer at i; npos when there is none.
size_t read_number(std::string_view s, size_t i, uint64_t& value) {
  if (i >= s.size() || !is_digit(s[i])) return std::string_view::npos;
  value = 0;
  while (i < s.size() && is_digit(s[i]) && value < (uint64_t{1} << 40)) {
    value = value * 10 + static_cast<uint64_t>(s[i] - '0');
    ++i;
  }
  return i;
}

// Occurrences of a name token ("/Info") that end at a delimiter.
std::vector<size_t> find_names(std::string_view s, std::string_view name) {
  std::vector<size_t> at;
  for (size_t i = s.find(name); i != std::string_view::npos; i = s.find(name, i + 1)) {
    size_t end = i + name.size();
    if (end == s.size() || is_pdf_delimiter(s[end])) at.push_back(i);
  }
  return at;
}

using ObjectRef = std::pair<uint64_t, uint64_t>;

// "N G R" at i; nullopt otherwise.
std::optional<ObjectRef> read_reference(std::string_view s, size_t i) {
  uint64_t number = 0, generation = 0;
  i = read_number(s, skip_space(s, i), number);
  if (i == std::string_view::npos) return std::nullopt;
  i = read_number(s, skip_space(s, i), generation);
  if (i == std::string_view::npos) return std::nullopt;
  i = skip_space(s, i);
  if (i >= s.size() || s[i] != 'R' || (i + 1 < s.size() && !is_pdf_delimiter(s[i + 1])))
    return std::nullopt;
  return ObjectRef{number, generation};
}

// Where the bodies of "N G obj" begin (just after "obj"), each revision's.
std::vector<size_t> find_object_bodies(std::string_view s, ObjectRef ref) {
  std::vector<size_t> bodies;
  for (size_t i = s.find("obj"); i != std::string_view::npos; i = s.find("obj", i + 3)) {
    if (i + 3 < s.size() && !is_pdf_delimiter(s[i + 3])) continue;
    // Walk back over "G", space, "N", space.
    size_t j = i;
    while (j > 0 && is_pdf_space(s[j - 1])) --j;
    size_t gen_end = j;
    while (j > 0 && is_digit(s[j - 1])) --j;
    if (j == gen_end) continue;
    size_t gen_start = j;
    while (j > 0 && is_pdf_space(s[j - 1])) --j;
    if (j == gen_start) continue;
    size_t num_end = j;
    while (j > 0 && is_digit(s[j - 1])) --j;
    if (j == num_end || (j > 0 && !is_pdf_delimiter(s[j - 1]))) continue;
    uint64_t number = 0, generation = 0;
    read_number(s, j, number);
    read_number(s, gen_start, generation);
    if (ObjectRef{number, generation} == ref) bodies.push_back(i + 3);
  }
  return bodies;
}

// Blanks the string at i (literal "(...)" or hex "<...>") with spaces; returns the index
// after it, or npos when no string stands there.
size_t blank_string(std::string& s, size_t i) {
  if (i >= s.size()) return std::string::npos;
  if (s[i] == '(') {
    int depth = 0;
    for (size_t j = i; j < s.size(); ++j) {
      if (s[j] == '\\') {
        if (j + 1 < s.size()) s[j + 1] = ' ';
        s[j] = ' ';
        ++j;
        continue;
      }
      if (s[j] == '(') {
        if (depth++ > 0) s[j] = ' ';
        continue;
      }
      if (s[j] == ')') {
        if (--depth == 0) return j + 1;
        s[j] = ' ';
        continue;
      }
      s[j] = ' ';
    }
    return std::string::npos;
  }
  if (s[i] == '<' && (i + 1 >= s.size() || s[i + 1] != '<')) {
    size_t end = s.find('>', i);
    if (end == std::string::npos) return end;
    for (size_t j = i + 1; j < end; ++j) s[j] = ' ';
    return end + 1;
  }
  return std::string::npos;
}

// The end of the dictionary that opens at i ("<<"), strings and nested dictionaries
// skipped; npos when it does not close.
size_t dictionary_end(std::string_view s, size_t i) {
  int depth = 0;
  while (i + 1 < s.size()) {
    if (s[i] == '(') {
      int parens = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') {
          ++i;
          continue;
        }
        if (s[i] == '(') ++parens;
        if (s[i] == ')' && --parens == 0) break;
      }
      ++i;
      continue;
    }
    if (s[i] == '<' && s[i + 1] == '<') {
      ++depth;
      i += 2;
      continue;
    }
    if (s[i] == '>' && s[i + 1] == '>') {
      if (--depth == 0) return i + 2;
      i += 2;
      continue;
    }
    ++i;
  }
  return std::string_view::npos;
}

constexpr std::string_view kInfoKeys[] = {"/Author",  "/Creator",       "/Producer",     "/Title",
                                          "/Subject", "/Keywords",      "/CreationDate", "/ModDate",
                                          "/Company", "/SourceModified"};

// Blanks the string value of the object `ref`; false when the object is not in plain text.
bool blank_string_object(std::string& pdf, ObjectRef ref) {
  auto bodies = find_object_bodies(pdf, ref);
  for (size_t body : bodies) blank_string(pdf, skip_space(pdf, body));
  return !bodies.empty();
}

// Blanks the values of the information dictionary `ref` in every revision; false when
// it (or a value it points to) is not in plain text but inside a compressed stream.
bool blank_info(std::string& pdf, ObjectRef ref) {
  auto bodies = find_object_bodies(pdf, ref);
  if (bodies.empty()) return false;
  for (size_t body : bodies) {
    size_t open = skip_space(pdf, body);
    if (!std::string_view(pdf).substr(open).starts_with("<<")) continue;
    size_t close = dictionary_end(pdf, open);
    if (close == std::string::npos) continue;
    const std::string_view dict = std::string_view(pdf).substr(open, close - open);
    for (std::string_view key : kInfoKeys) {
      for (size_t at : find_names(dict, key)) {
        size_t value = skip_space(pdf, open + at + key.size());
        if (blank_string(pdf, value) != std::string::npos) continue;
        if (auto target = read_reference(pdf, value); target && !blank_string_object(pdf, *target))
          return false;
      }
    }
  }
  return true;
}

// XMP packets, wherever they stand in plain text.
void blank_xmp(std::string& pdf) {
  constexpr std::string_view kBegin = "<?xpacket begin", kEnd = "<?xpacket end";
  for (size_t i = pdf.find(kBegin); i != std::string::npos; i = pdf.find(kBegin, i)) {
    size_t end = pdf.find(kEnd, i);
    if (end == std::string::npos) end = pdf.size();
    size_t close = pdf.find("?>", end);
    end = close == std::string::npos ? pdf.size() : close + 2;
    for (size_t j = i; j < end; ++j) {
      if (pdf[j] != '\n' && pdf[j] != '\r') pdf[j] = ' ';
    }
    i = end;
  }
}

// A metadata stream whose dictionary names a filter is compressed: it cannot be blanked.
bool has_compressed_metadata(std::string_view pdf) {
  for (size_t at : find_names(pdf, "/Metadata")) {
    size_t type = at;
    while (type > 0 && is_pdf_space(pdf[type - 1])) --type;
    if (type < 5 || pdf.substr(type - 5, 5) != "/Type") continue;
    size_t open = pdf.rfind("<<", type);
    if (open == std::string_view::npos) continue;
    size_t close = dictionary_end(pdf, open);
    if (close == std::string_view::npos) continue;
    size_t after = skip_space(pdf, close);
    if (!pdf.substr(after).starts_with("stream")) continue;
    if (!find_names(pdf.substr(open, close - open), "/Filter").empty()) return true;
  }
  return false;
}

// The metadata segments of JPEG images inside the PDF, zeroed where they stand (their
// length stays, so the PDF's offsets hold and decoders skip them as unknown).
void zero_embedded_jpeg_metadata(std::string& pdf) {
  for (size_t start = pdf.find("\xFF\xD8\xFF"); start != std::string::npos;
       start = pdf.find("\xFF\xD8\xFF", start + 3)) {
    size_t i = start + 2;
    while (i + 4 <= pdf.size() && byte_at(pdf, i) == 0xFF) {
      const uint8_t marker = byte_at(pdf, i + 1);
      if (marker == 0xDA || marker == 0xD9 || is_standalone_marker(marker)) break;
      const size_t length = (static_cast<size_t>(byte_at(pdf, i + 2)) << 8) | byte_at(pdf, i + 3);
      if (length < 2 || i + 2 + length > pdf.size()) break;
      const std::string_view payload = std::string_view(pdf).substr(i + 4, length - 2);
      if (!keeps_segment(marker, payload)) {
        for (size_t j = i + 4; j < i + 2 + length; ++j) pdf[j] = '\0';
      }
      i += 2 + length;
    }
  }
}

Result<std::string> strip_pdf(std::string_view in) {
  if (!in.starts_with("%PDF-")) return damaged();
  std::string pdf(in);
  if (has_compressed_metadata(pdf)) return Error::field("file", "file.metadata_compressed");
  std::set<ObjectRef> infos;
  for (size_t at : find_names(pdf, "/Info")) {
    if (auto ref = read_reference(pdf, at + 5)) infos.insert(*ref);
  }
  for (const ObjectRef& ref : infos) {
    if (!blank_info(pdf, ref)) return Error::field("file", "file.metadata_compressed");
  }
  blank_xmp(pdf);
  zero_embedded_jpeg_metadata(pdf);
  return pdf;
}

}  // namespace

Result<std::string> strip_metadata(FileKind kind, std::string_view bytes) {
  switch (kind) {
    case FileKind::kJpeg:
      return strip_jpeg(bytes);
    case FileKind::kPng:
      return strip_png(bytes);
    case FileKind::kPdf:
      break;
  }
  return strip_pdf(bytes);
}

}  // namespace harmoni
