// The report's state machine (every step outside it refused), the checks of a new
// report, the deadlines, and the tracking code's check character.
#include "complaints/complaint.hpp"

#include <gtest/gtest.h>

#include <set>

#include "complaints/tracking_code.hpp"

namespace harmoni::complaints {
namespace {

using enum State;

// Every step that is allowed, and where it leads; anything else must be refused.
const std::map<std::pair<State, Step>, State> kAllowed = {
    {{kReceived, Step::kAskedReporter}, kWaitingReporter},
    {{kWaitingReporter, Step::kReporterReplied}, kReceived},
    {{kReceived, Step::kReporterAdded}, kReceived},
    {{kDisposed, Step::kReporterAdded}, kDisposed},
    {{kDrafted, Step::kReporterAdded}, kDrafted},
    {{kReceived, Step::kVerified}, kDisposed},
    {{kReceived, Step::kForwardedInstansi}, kReceived},
    {{kReceived, Step::kForwardedOutside}, kForwarded},
    {{kReceived, Step::kMerged}, kMerged},
    {{kWaitingReporter, Step::kMerged}, kMerged},
    {{kDisposed, Step::kAssigned}, kDisposed},
    {{kDrafted, Step::kAssigned}, kDrafted},
    {{kDisposed, Step::kDrafted}, kDrafted},
    {{kDrafted, Step::kDrafted}, kDrafted},
    {{kDrafted, Step::kDraftReturned}, kDisposed},
    {{kDrafted, Step::kAnswered}, kAnswered},
    {{kAnswered, Step::kConfirmed}, kClosed},
    {{kAnswered, Step::kLapsed}, kClosed},
    {{kAnswered, Step::kReopened}, kDisposed},
    {{kWaitingReporter, Step::kNoReply}, kClosed},
    {{kAnswered, Step::kRated}, kAnswered},
    {{kClosed, Step::kRated}, kClosed},
    {{kReceived, Step::kEscalated}, kReceived},
    {{kDisposed, Step::kEscalated}, kDisposed},
    {{kDrafted, Step::kEscalated}, kDrafted},
};

TEST(ComplaintStates, EveryStepOutsideTheMachineIsRefused) {
  int allowed = 0, refused = 0;
  for (State from : enum_values<State>()) {
    for (Step step : enum_values<Step>()) {
      auto next = status_after(from, step);
      auto it = kAllowed.find({from, step});
      if (it == kAllowed.end()) {
        ASSERT_FALSE(next.ok()) << enum_name(from) << " + " << enum_name(step);
        EXPECT_EQ(next.error().key, "complaint.step_not_allowed");
        ++refused;
      } else {
        ASSERT_TRUE(next.ok()) << enum_name(from) << " + " << enum_name(step);
        EXPECT_EQ(*next, it->second) << enum_name(from) << " + " << enum_name(step);
        ++allowed;
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(kAllowed.size()));
  EXPECT_GT(refused, 100);
}

TEST(ComplaintStates, FinalStatusesOnlyTakeARating) {
  for (State s : {kClosed, kForwarded, kMerged}) {
    EXPECT_TRUE(is_final(s));
    for (Step step : enum_values<Step>()) {
      if (s == kClosed && step == Step::kRated) continue;
      EXPECT_FALSE(status_after(s, step).ok()) << enum_name(s) << " + " << enum_name(step);
    }
  }
  EXPECT_FALSE(is_final(kAnswered));
}

TEST(ComplaintStates, InternalStepsAreNotShownToTheReporter) {
  EXPECT_TRUE(step_is_public(Step::kVerified));
  EXPECT_TRUE(step_is_public(Step::kAnswered));
  EXPECT_FALSE(step_is_public(Step::kAssigned));
  EXPECT_FALSE(step_is_public(Step::kDrafted));
  EXPECT_FALSE(step_is_public(Step::kEscalated));
}

std::set<std::string> error_fields(const Status& st) {
  std::set<std::string> out;
  if (!st.ok())
    for (const auto& f : st.error().fields) out.insert(f.field);
  return out;
}

TEST(ComplaintReport, ChecksEveryFieldAtOnce) {
  const Date today{2026, 12, 3};
  Report ok{.kind = Kind::kPengaduan,
            .description = "Petugas loket meminta uang tambahan untuk mempercepat KTP.",
            .happened_on = Date{2026, 12, 1},
            .identity = Identity::kIdentified,
            .name = "Siti",
            .contact = "siti@example.id"};
  EXPECT_TRUE(validate(ok, today).ok());
  Report phone = ok;
  phone.contact = "+62 812-3456-7890";
  EXPECT_TRUE(validate(phone, today).ok());

  Report bad = ok;
  bad.description = "terlalu pendek";
  bad.happened_on = Date{2026, 12, 4};
  bad.name = "";
  bad.contact = "bukan kontak";
  EXPECT_EQ(error_fields(validate(bad, today)),
            (std::set<std::string>{"description", "happened_on", "name", "contact"}));

  Report anonymous = ok;
  anonymous.identity = Identity::kAnonymous;
  EXPECT_EQ(error_fields(validate(anonymous, today)), (std::set<std::string>{"identity"}));
  anonymous.name = anonymous.contact = "";
  EXPECT_TRUE(validate(anonymous, today).ok());

  Report no_date = anonymous;
  no_date.happened_on.reset();
  EXPECT_EQ(error_fields(validate(no_date, today)), (std::set<std::string>{"happened_on"}));
  Report huge = anonymous;
  huge.description = std::string(kDescriptionMax + 1, 'a');
  EXPECT_EQ(error_fields(validate(huge, today)), (std::set<std::string>{"description"}));
  // Characters, not bytes: 4,000 letters with diacritics are allowed.
  huge.description.clear();
  for (size_t i = 0; i < kDescriptionMax; ++i) huge.description += "é";
  EXPECT_TRUE(validate(huge, today).ok());
}

TEST(ComplaintReport, EmailAddressesAreToldFromPhoneNumbers) {
  EXPECT_TRUE(is_email("a.b@dinas.go.id"));
  EXPECT_FALSE(is_email("0812345678"));
  EXPECT_FALSE(is_email("a@b"));
  EXPECT_FALSE(is_email("a @b.id"));
  EXPECT_FALSE(is_email("@b.id"));
}

TEST(ComplaintRules, ServiceAgeIsFlaggedAfterThirtyDays) {
  Rules r;
  const Date received{2026, 12, 3};
  EXPECT_FALSE(service_too_old(r, Date{2026, 11, 3}, received));
  EXPECT_TRUE(service_too_old(r, Date{2026, 11, 2}, received));
  EXPECT_FALSE(service_too_old(r, std::nullopt, received));
}

TEST(ComplaintRules, DeadlinesCountWorkingDaysOfTheStatus) {
  const calendar::WorkingCalendar cal(
      {{{2026, 12, 25}, "Hari Raya Natal", calendar::HolidayKind::kNational},
       {{2026, 12, 24}, "Cuti bersama Natal", calendar::HolidayKind::kCollectiveLeave}});
  Rules r;
  // Received Tuesday 22 December: 23 (Wed), 28 (Mon), 29 (Tue).
  EXPECT_EQ(staff_due(r, cal, kReceived, {2026, 12, 22}, std::nullopt, std::nullopt),
            (Date{2026, 12, 29}));
  EXPECT_EQ(staff_due(r, cal, kDisposed, {2026, 12, 1}, Grade::kSimple, Date{2026, 12, 1}),
            (Date{2026, 12, 8}));
  EXPECT_EQ(staff_due(r, cal, kDrafted, {2026, 12, 3}, Grade::kSimple, Date{2026, 12, 1}),
            (Date{2026, 12, 3}));
  EXPECT_EQ(staff_due(r, cal, kDrafted, {2026, 12, 3}, Grade::kComplex, Date{2026, 12, 1}),
            (Date{2026, 12, 21}));
  EXPECT_EQ(staff_due(r, cal, kAnswered, {2026, 12, 3}, Grade::kSimple, Date{2026, 12, 1}),
            std::nullopt);
  EXPECT_EQ(reporter_due(r, cal, kAnswered, {2026, 12, 14}), (Date{2026, 12, 30}));
  EXPECT_EQ(reporter_due(r, cal, kDisposed, {2026, 12, 14}), std::nullopt);
}

TEST(ComplaintRules, RangesAreChecked) {
  Rules r;
  EXPECT_TRUE(validate(r).ok());
  r.verify_days = 0;
  r.supervisory_days = 500;
  EXPECT_EQ(error_fields(validate(r)), (std::set<std::string>{"verify_days", "supervisory_days"}));
}

TEST(TrackingCode, NewCodesCheckAndReadForgivingly) {
  SeededRandom random(7);
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = new_tracking_code(random);
    ASSERT_EQ(code.size(), kTrackingCodeLength);
    EXPECT_EQ(normalise_tracking_code(code), code);
    std::string typed = display_tracking_code(code);
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(normalise_tracking_code(" " + typed + " "), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_EQ(display_tracking_code("7K3MQP9DX2A"), "7K3M-QP9D-X2A");
  EXPECT_EQ(normalise_tracking_code(""), std::nullopt);
  EXPECT_EQ(normalise_tracking_code("ABC"), std::nullopt);
  EXPECT_EQ(normalise_tracking_code("U000000000000"), std::nullopt);
}

TEST(TrackingCode, EverySingleWrongCharacterIsCaught) {
  SeededRandom random(11);
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  for (int n = 0; n < 50; ++n) {
    const std::string code = new_tracking_code(random);
    for (size_t i = 0; i < code.size(); ++i) {
      for (char c : alphabet) {
        if (c == code[i]) continue;
        std::string typo = code;
        typo[i] = c;
        ASSERT_EQ(normalise_tracking_code(typo), std::nullopt) << code << " -> " << typo;
      }
    }
    // Look-alikes read as the digits they resemble.
    std::string lookalike = code;
    for (char& c : lookalike) {
      if (c == '0') c = 'O';
      if (c == '1') c = 'l';
    }
    EXPECT_EQ(normalise_tracking_code(lookalike), code);
  }
}

}  // namespace
}  // namespace harmoni::complaints
