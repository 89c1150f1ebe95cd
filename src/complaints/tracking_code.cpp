#include "complaints/tracking_code.hpp"

#include <array>

namespace harmoni::complaints {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// The value of a typed character in the alphabet, with Crockford's readings of the
// look-alikes; -1 for anything else.
int symbol_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  const auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// Luhn mod 32 over the symbols: catches every single wrong character and most swaps of
// neighbours, the typing errors people make.
char check_symbol(std::string_view body) {
  int sum = 0;
  bool twice = true;
  for (auto it = body.rbegin(); it != body.rend(); ++it) {
    int v = symbol_value(*it);
    if (twice) {
      v *= 2;
      v = v / 32 + v % 32;
    }
    sum += v;
    twice = !twice;
  }
  return kAlphabet[(32 - sum % 32) % 32];
}

}  // namespace

std::string new_tracking_code(Random& random) {
  std::array<unsigned char, kTrackingCodeLength - 1> bytes{};
  random.fill(bytes);
  std::string code;
  for (unsigned char b : bytes) code += kAlphabet[b % 32];
  code += check_symbol(code);
  return code;
}

std::optional<std::string> normalise_tracking_code(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    const int v = symbol_value(c);
    if (v < 0 || code.size() == kTrackingCodeLength) return std::nullopt;
    code += kAlphabet[v];
  }
  if (code.size() != kTrackingCodeLength) return std::nullopt;
  if (check_symbol(std::string_view(code).substr(0, kTrackingCodeLength - 1)) != code.back())
    return std::nullopt;
  return code;
}

std::string display_tracking_code(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += code[i];
  }
  return out;
}

}  // namespace harmoni::complaints
