// A certificate of completion as a one-page PDF (cairo): who, which programme, when,
// how many JP, and a QR code to the public page that confirms it (showing nothing more).
// Takes translated texts; does no I/O but writing the file.
#pragma once

#include <string>

#include "platform/result.hpp"

namespace harmoni::learning {

struct CertificateText {
  std::string heading;   // "Sertifikat"
  std::string given_to;  // "Diberikan kepada"
  std::string holder;    // the person's name
  std::string for_completing;
  std::string programme;
  std::string details;  // "18 JP · selesai 4 Maret 2026"
  std::string organiser;
  std::string verify_hint;  // "Pindai untuk memeriksa keaslian"
  std::string verify_url;   // what the QR holds
  std::string code;         // the certificate's code
};

Status write_certificate_pdf(const CertificateText& text, const std::string& path);

}  // namespace harmoni::learning
