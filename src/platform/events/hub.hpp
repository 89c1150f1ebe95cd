// Live events for pages that update themselves (the queue's display board).
//
// A handler publishes an event on a topic once its transaction has committed; every
// server-sent-event stream subscribed to that topic is woken and sends it. The hub is
// in memory and serves one server process: a stream that reconnects with Last-Event-ID
// (the browser does this by itself) gets what it missed from the last kReplay events
// of its topic when the id is from this process, otherwise nothing old. Pages therefore
// fetch their current state when a stream (re)opens and use events for what changes.
//
// Thread-safe. Wake-ups run on the publisher's thread, outside the hub's lock.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "platform/http/message.hpp"
#include "platform/result.hpp"

namespace harmoni::events {

struct Event {
  uint64_t id = 0;   // increasing over the hub's lifetime, across topics
  std::string name;  // the SSE "event:" field, e.g. "call"
  std::string data;  // one line (a JSON document)
};

// "retry", "id", "event" and "data" lines of one SSE frame. Line breaks in data are
// sent as separate data lines, so the browser joins them back with "\n".
std::string format_frame(std::string_view epoch, const Event& event);

class Hub {
 public:
  static constexpr size_t kReplay = 64;

  // `epoch` tells this process's event ids from another's (a random string per start).
  // At most `max_subscribers` streams at once, over all topics.
  explicit Hub(std::string epoch, size_t max_subscribers = 5000);
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  void publish(const std::string& topic, std::string name, std::string data);

  // A stream of one topic from after `last_event_id` (the Last-Event-ID header; "" for
  // a new stream). Fails with "events.too_many" when max_subscribers are open. The
  // subscription must not outlive the hub.
  Result<std::unique_ptr<http::EventSource>> subscribe(std::string topic,
                                                       std::string_view last_event_id);

  size_t subscribers() const;

 private:
  class Subscription;
  struct Topic {
    std::deque<Event> recent;  // the last kReplay events, oldest first
    std::set<Subscription*> subscribers;
  };

  std::string epoch_;
  size_t max_subscribers_;
  mutable std::mutex mu_;
  uint64_t last_id_ = 0;
  size_t subscriber_count_ = 0;
  std::map<std::string, Topic, std::less<>> topics_;
};

}  // namespace harmoni::events
