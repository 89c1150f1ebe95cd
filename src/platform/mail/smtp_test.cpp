// Mail: the message is formatted for any relay (UTF-8 subject, base64 body, CRLF), reaches
// a real SMTP server, and a relay that is down or refuses is told apart.
#include "platform/mail/smtp.hpp"

#include <gtest/gtest.h>

#include "support/ports.hpp"
#include "support/smtp_server.hpp"

namespace harmoni::mail {
namespace {

Message pengaduan() {
  return Message{.from = "Harmoni <noreply@sambas.go.id>",
                 .to = "warga@example.org",
                 .subject = "Laporan Anda diterima — kode K7QM-4XD2-9",
                 .body = "Terima kasih.\n.\nLaporan Anda akan diverifikasi dalam 3 hari kerja.\n",
                 .message_id = "<abc@sambas.go.id>",
                 .date_ms = 1'796'277'600'000};
}

TEST(Smtp, FormatsHeadersForAnyRelayAndTheBodyInBase64Lines) {
  const std::string m = format_message(pengaduan());
  EXPECT_NE(m.find("From: Harmoni <noreply@sambas.go.id>\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: warga@example.org\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(m.find("—"), std::string::npos) << "no raw UTF-8 in headers";
  EXPECT_NE(m.find("Date: Thu, 03 Dec 2026 06:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  const std::string body = m.substr(m.find("\r\n\r\n") + 4);
  for (size_t i = 0; i < body.size();) {
    size_t end = body.find("\r\n", i);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - i, 76u);
    EXPECT_NE(body[i], '.');
    i = end + 2;
  }
}

TEST(Smtp, ReadsTheRelaySetting) {
  EXPECT_EQ(parse_relay("mail.sambas.go.id:2525")->port, 2525);
  EXPECT_EQ(parse_relay("localhost")->port, 25);
  EXPECT_FALSE(parse_relay(":25").ok());
  EXPECT_FALSE(parse_relay("host:0").ok());
  EXPECT_FALSE(parse_relay("host:smtp").ok());
}

TEST(Smtp, AMessageReachesARealServerWhole) {
  test::SmtpServer server;
  auto relay = parse_relay(server.relay()).value();
  Status sent = send_mail(relay, pengaduan());
  ASSERT_TRUE(sent.ok()) << sent.error().internal_detail;
  auto got = server.wait_for(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NE(got[0].find("To: warga@example.org"), std::string::npos);
  EXPECT_EQ(test::decoded_body(got[0]), pengaduan().body);
}

TEST(Smtp, ARelayThatIsDownIsWorthTryingAgainABadAddressIsNot) {
  SmtpRelay down{.host = "127.0.0.1",
                 .port = static_cast<uint16_t>(test::free_port()),
                 .timeout = std::chrono::milliseconds(2000)};
  Status sent = send_mail(down, pengaduan());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().kind, ErrorKind::kUnavailable);

  Message bad = pengaduan();
  bad.to = "warga@example.org>\r\nRCPT TO:<other@example.org";
  Status refused = send_mail(down, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "mail.recipient_invalid");
}

}  // namespace
}  // namespace harmoni::mail
