#include "platform/events/hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace harmoni::events {
namespace {

TEST(EventFrame, CarriesEpochIdNameAndEachLineOfData) {
  EXPECT_EQ(format_frame("e1", Event{7, "call", R"({"label":"A001"})"}),
            "id: e1-7\nevent: call\ndata: {\"label\":\"A001\"}\n\n");
  // A line break in data must not end the frame early or inject a field.
  EXPECT_EQ(format_frame("e1", Event{8, "note", "one\nid: 99\r\ntwo"}),
            "id: e1-8\nevent: note\ndata: one\ndata: id: 99\ndata: \ndata: two\n\n");
}

TEST(EventHub, NewStreamGetsOnlyWhatIsPublishedAfterIt) {
  Hub hub("ep");
  hub.publish("queue:1", "call", "old");
  auto sub = hub.subscribe("queue:1", "").release_value();
  int woken = 0;
  sub->start([&] { ++woken; });
  EXPECT_EQ(sub->take(), "retry: 3000\n\n");
  hub.publish("queue:2", "call", "other topic");
  EXPECT_EQ(woken, 0);
  hub.publish("queue:1", "call", "new");
  EXPECT_EQ(woken, 1);
  EXPECT_EQ(sub->take(), "id: ep-3\nevent: call\ndata: new\n\n");
  EXPECT_EQ(sub->take(), "");
}

TEST(EventHub, ReconnectWithThisProcessIdReplaysWhatWasMissed) {
  Hub hub("ep");
  for (int i = 1; i <= 3; ++i) hub.publish("t", "call", std::to_string(i));
  auto sub = hub.subscribe("t", "ep-1").release_value();
  EXPECT_EQ(sub->take(),
            "retry: 3000\n\nid: ep-2\nevent: call\ndata: 2\n\nid: ep-3\nevent: call\ndata: 3\n\n");
  // An id from another process (a restart) or a forged one replays nothing.
  for (const char* id : {"other-1", "ep-", "ep-x", "ep-1x", "ep-999", "ep", "-1"}) {
    auto s = hub.subscribe("t", id).release_value();
    EXPECT_EQ(s->take(), "retry: 3000\n\n") << id;
  }
}

TEST(EventHub, KeepsOnlyTheLastEventsOfATopic) {
  Hub hub("ep");
  for (size_t i = 0; i < Hub::kReplay + 10; ++i) hub.publish("t", "call", "x");
  auto sub = hub.subscribe("t", "ep-0").release_value();
  std::string out = sub->take();
  size_t frames = 0;
  for (size_t at = out.find("event: "); at != std::string::npos; at = out.find("event: ", at + 1))
    ++frames;
  EXPECT_EQ(frames, Hub::kReplay);
  EXPECT_NE(out.find("id: ep-11\n"), std::string::npos);
  EXPECT_EQ(out.find("id: ep-10\n"), std::string::npos);
}

TEST(EventHub, RefusesStreamsBeyondItsLimitAndFreesThemWhenClosed) {
  Hub hub("ep", 2);
  auto a = hub.subscribe("t", "").release_value();
  auto b = hub.subscribe("u", "").release_value();
  auto refused = hub.subscribe("t", "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().key, "events.too_many");
  EXPECT_EQ(hub.subscribers(), 2u);
  b.reset();
  EXPECT_EQ(hub.subscribers(), 1u);
  EXPECT_TRUE(hub.subscribe("t", "").ok());
}

TEST(EventHub, PublishersAndClosingStreamsOnManyThreads) {
  Hub hub("ep");
  std::atomic<int> woken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        if (t % 2 == 0) {
          hub.publish("t", "call", "x");
        } else {
          auto sub = hub.subscribe("t", "").release_value();
          sub->start([&] { ++woken; });
          sub->take();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(hub.subscribers(), 0u);
  auto sub = hub.subscribe("t", "ep-0").release_value();
  EXPECT_NE(sub->take().find("id: ep-1000\n"), std::string::npos);
}

}  // namespace
}  // namespace harmoni::events
