// Time and randomness reach code through these interfaces so tests can control them.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>

namespace harmoni {

// Wall-clock time. Thread-safe implementations only.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t now_ms() const = 0;
  int64_t now_seconds() const { return now_ms() / 1000; }
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

// A clock that moves only when told to (tests).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms) : now_(start_ms) {}
  int64_t now_ms() const override { return now_.load(); }
  void advance_ms(int64_t ms) { now_ += ms; }
  void set_ms(int64_t ms) { now_ = ms; }

 private:
  std::atomic<int64_t> now_;
};

// Source of unpredictable bytes (session ids, tokens, salts). Thread-safe.
class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<unsigned char> out) = 0;
  // `bytes` random bytes as lowercase hex.
  std::string hex(size_t bytes);
  // `bytes` random bytes as URL-safe base64 without padding.
  std::string token(size_t bytes);
};

// libsodium's randombytes (the OS CSPRNG).
class SystemRandom final : public Random {
 public:
  void fill(std::span<unsigned char> out) override;
};

// Deterministic bytes from a seed (tests and demo data); not for secrets.
class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  void fill(std::span<unsigned char> out) override;
  uint64_t next();

 private:
  std::atomic<uint64_t> state_;
};

}  // namespace harmoni
