#include "platform/qr/qr_svg.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

#include "platform/util/xml.hpp"

namespace harmoni::qr {

Result<Matrix> matrix(std::string_view text) {
  std::string owned(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(owned.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code)
    return Error::internal("qrencode failed for a text of " + std::to_string(text.size()) +
                           " bytes");
  Matrix m{code->width, std::vector<bool>(static_cast<size_t>(code->width) * code->width)};
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

Result<std::string> svg(std::string_view text, std::string_view label) {
  const Matrix code = TRY(matrix(text));
  const int width = code.size;
  const int quiet = 4;
  const int size = width + 2 * quiet;
  // One path of unit squares: small to send, exact when printed.
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      if (code.dark[static_cast<size_t>(y * width + x)])
        path += fmt::format("M{} {}h1v1h-1z", x + quiet, y + quiet);
    }
  }
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" role="img" aria-label="{1}" class="qr" shape-rendering="crispEdges"><rect width="{0}" height="{0}" fill="#fff"/><path d="{2}" fill="#000"/></svg>)",
      size, xml_escape(label), path);
}

}  // namespace harmoni::qr
