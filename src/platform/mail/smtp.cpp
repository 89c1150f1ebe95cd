#include "platform/mail/smtp.hpp"

#include <fmt/format.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <ctime>
#include <istream>

#include "platform/util/base64.hpp"

namespace harmoni::mail {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string bare_address(std::string_view from) {
  auto open = from.find('<');
  auto close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open)
    return std::string(from.substr(open + 1, close - open - 1));
  return std::string(from);
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\r' || c == '\n') return false;
  }
  return true;
}

// A header value safe for any mail system: ASCII as it is, anything else as RFC 2047
// base64 words short enough for a line (split between whole UTF-8 characters).
std::string encode_header(std::string_view value) {
  if (is_ascii(value)) return std::string(value);
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t end = std::min(value.size(), i + 45);
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(value.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

// One step of the dialogue at a time, each with the relay's timeout.
class Dialogue {
 public:
  Dialogue(const SmtpRelay& relay) : relay_(relay), socket_(ioc_) {}

  Status connect() {
    boost::system::error_code resolve_error;
    auto endpoints =
        tcp::resolver(ioc_).resolve(relay_.host, std::to_string(relay_.port), resolve_error);
    if (resolve_error) return fault("resolve: " + resolve_error.message());
    boost::system::error_code ec = asio::error::would_block;
    asio::async_connect(socket_, endpoints,
                        [&](const boost::system::error_code& e, const tcp::endpoint&) { ec = e; });
    TRY(run("connect"));
    if (ec) return fault("connect: " + ec.message());
    return expect(220);
  }

  Status command(const std::string& line, int code) {
    TRY(send(line + "\r\n"));
    return expect(code);
  }

  Status send(const std::string& bytes) {
    boost::system::error_code ec = asio::error::would_block;
    asio::async_write(socket_, asio::buffer(bytes),
                      [&](const boost::system::error_code& e, size_t) { ec = e; });
    TRY(run("write"));
    if (ec) return fault("write: " + ec.message());
    return {};
  }

  // Reads a reply (its continuation lines too) and checks its code.
  Status expect(int code) {
    for (;;) {
      boost::system::error_code ec = asio::error::would_block;
      asio::async_read_until(socket_, buffer_, "\r\n",
                             [&](const boost::system::error_code& e, size_t) { ec = e; });
      TRY(run("read"));
      if (ec) return fault("read: " + ec.message());
      std::istream in(&buffer_);
      std::string line;
      std::getline(in, line);
      int got = 0;
      if (line.size() < 3 || std::from_chars(line.data(), line.data() + 3, got).ec != std::errc())
        return fault("malformed reply");
      if (line.size() > 3 && line[3] == '-') continue;
      if (got == code) return {};
      // The relay's words may name the recipient: only the code is kept.
      if (got >= 500) {
        Error e = Error::invalid("mail.refused");
        e.internal_detail = fmt::format("relay answered {}", got);
        return e;
      }
      return fault(fmt::format("relay answered {}", got));
    }
  }

 private:
  Status run(std::string_view step) {
    ioc_.restart();
    ioc_.run_for(relay_.timeout);
    if (!ioc_.stopped()) {
      socket_.close();
      ioc_.run();  // lets the cancelled operation finish
      return fault(std::string(step) + ": timed out");
    }
    return {};
  }
  static Error fault(std::string detail) {
    return Error::unavailable("mail.unavailable", std::move(detail));
  }

  const SmtpRelay& relay_;
  asio::io_context ioc_;
  tcp::socket socket_;
  asio::streambuf buffer_;
};

}  // namespace

Result<SmtpRelay> parse_relay(std::string_view text) {
  SmtpRelay relay;
  auto colon = text.rfind(':');
  relay.host = std::string(text.substr(0, colon));
  if (colon != std::string_view::npos) {
    std::string_view port = text.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
      return Error::invalid("mail.relay_invalid");
    relay.port = static_cast<uint16_t>(value);
  }
  if (relay.host.empty()) return Error::invalid("mail.relay_invalid");
  return relay;
}

std::string format_message(const Message& m) {
  std::string out;
  out += "From: " + encode_header(m.from) + "\r\n";
  out += "To: " + m.to + "\r\n";
  out += "Subject: " + encode_header(m.subject) + "\r\n";
  out += "Date: " + rfc5322_date(m.date_ms) + "\r\n";
  out += "Message-ID: " + m.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n\r\n";
  const std::string body = base64_encode(m.body);
  for (size_t i = 0; i < body.size(); i += 76) out += body.substr(i, 76) + "\r\n";
  return out;
}

Status send_mail(const SmtpRelay& relay, const Message& m) {
  if (!is_ascii(m.to) || m.to.find_first_of("<> ") != std::string::npos)
    return Error::invalid("mail.recipient_invalid");
  Dialogue d(relay);
  TRY(d.connect());
  TRY(d.command("EHLO " + relay.helo, 250));
  TRY(d.command("MAIL FROM:<" + bare_address(m.from) + ">", 250));
  TRY(d.command("RCPT TO:<" + m.to + ">", 250));
  TRY(d.command("DATA", 354));
  // Base64 lines never begin with a dot, so no dot-stuffing is needed.
  TRY(d.send(format_message(m)));
  TRY(d.command(".", 250));
  (void)d.command("QUIT", 221);  // the mail is accepted: a rude goodbye changes nothing
  return {};
}

}  // namespace harmoni::mail
