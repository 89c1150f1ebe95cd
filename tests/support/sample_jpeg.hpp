// JPEG pieces for tests: segments, a minimal valid image, and a camera's photograph with
// everything that can betray its maker (EXIF location and serial, XMP, IPTC, an ICC
// profile, a comment, a trailer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace harmoni::test {

inline std::string segment(uint8_t marker, std::string_view payload) {
  std::string s{'\xFF', static_cast<char>(marker)};
  const size_t length = payload.size() + 2;
  s += static_cast<char>(length >> 8);
  s += static_cast<char>(length & 0xFF);
  s.append(payload);
  return s;
}

inline const std::string kJfif("JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00", 14);
inline const std::string kQuantTable = segment(0xDB, std::string(65, '\x01'));
inline const std::string kFrame =
    segment(0xC0, std::string("\x08\x00\x10\x00\x10\x01\x01\x11\x00", 9));
inline const std::string kScanHeader = segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
// Image data with a stuffed 0xFF00 and a restart marker, which belong to it.
inline const std::string kScanData("\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A", 9);

inline std::string camera_jpeg() {
  return std::string("\xFF\xD8") + segment(0xE0, kJfif) +
         segment(0xE1, std::string("Exif\0\0GPS -0.0263,109.3425 SerialNumber 4711", 44)) +
         segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Siti Aminah</x:xmpmeta>") +
         segment(0xED, "Photoshop 3.0\08BIM author") + segment(0xE2, "ICC_PROFILE Pixel 7") +
         segment(0xFE, "taken by Budi") + kQuantTable + kFrame + kScanHeader + kScanData +
         "\xFF\xD9" + "SEFT motion photo trailer";
}

}  // namespace harmoni::test
