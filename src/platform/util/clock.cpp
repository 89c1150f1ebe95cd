#include "platform/util/clock.hpp"

#include <sodium.h>

#include <chrono>
#include <vector>

namespace harmoni {

int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Random::hex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  fill(raw);
  std::string out(bytes * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), raw.data(), raw.size());
  out.pop_back();
  return out;
}

std::string Random::token(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  fill(raw);
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

void SystemRandom::fill(std::span<unsigned char> out) { randombytes_buf(out.data(), out.size()); }

// splitmix64: small, fast, good enough for reproducible test data.
uint64_t SeededRandom::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void SeededRandom::fill(std::span<unsigned char> out) {
  for (size_t i = 0; i < out.size(); i += 8) {
    uint64_t v = next();
    for (size_t j = 0; j < 8 && i + j < out.size(); ++j) out[i + j] = (v >> (8 * j)) & 0xff;
  }
}

}  // namespace harmoni
