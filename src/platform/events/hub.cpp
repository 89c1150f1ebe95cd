#include "platform/events/hub.hpp"

#include <charconv>
#include <vector>

namespace harmoni::events {

std::string format_frame(std::string_view epoch, const Event& event) {
  std::string out;
  out.reserve(event.data.size() + event.name.size() + epoch.size() + 40);
  out += "id: ";
  out += epoch;
  out += '-';
  out += std::to_string(event.id);
  out += "\nevent: ";
  out += event.name;
  out += '\n';
  std::string_view data = event.data;
  for (;;) {
    size_t end = data.find_first_of("\r\n");
    out += "data: ";
    out += data.substr(0, end);
    out += '\n';
    if (end == std::string_view::npos) break;
    data.remove_prefix(end + 1);
  }
  out += '\n';
  return out;
}

class Hub::Subscription final : public http::EventSource {
 public:
  Subscription(Hub& hub, std::string topic, uint64_t after)
      : hub_(hub), topic_(std::move(topic)), after_(after) {}

  ~Subscription() override {
    std::lock_guard lock(hub_.mu_);
    auto it = hub_.topics_.find(topic_);
    if (it != hub_.topics_.end()) {
      it->second.subscribers.erase(this);
      // Topics nobody watches and nothing was said on keep no memory.
      if (it->second.subscribers.empty() && it->second.recent.empty()) hub_.topics_.erase(it);
    }
    --hub_.subscriber_count_;
  }

  void start(std::function<void()> wake) override {
    std::lock_guard lock(hub_.mu_);
    wake_ = std::move(wake);
  }

  std::string take() override {
    std::string out;
    std::lock_guard lock(hub_.mu_);
    if (!retry_sent_) {
      // Reconnect soon after a restart or a dropped link.
      out = "retry: 3000\n\n";
      retry_sent_ = true;
    }
    auto it = hub_.topics_.find(topic_);
    if (it == hub_.topics_.end()) return out;
    for (const Event& e : it->second.recent) {
      if (e.id <= after_) continue;
      out += format_frame(hub_.epoch_, e);
      after_ = e.id;
    }
    return out;
  }

  void wake() const {
    if (wake_) wake_();
  }

 private:
  friend class Hub;
  Hub& hub_;
  std::string topic_;
  uint64_t after_;  // the id of the last event sent
  bool retry_sent_ = false;
  std::function<void()> wake_;  // guarded by hub_.mu_
};

Hub::Hub(std::string epoch, size_t max_subscribers)
    : epoch_(std::move(epoch)), max_subscribers_(max_subscribers) {}

void Hub::publish(const std::string& topic, std::string name, std::string data) {
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard lock(mu_);
    Topic& t = topics_[topic];
    t.recent.push_back(Event{++last_id_, std::move(name), std::move(data)});
    if (t.recent.size() > kReplay) t.recent.pop_front();
    for (Subscription* s : t.subscribers) {
      if (s->wake_) wakes.push_back(s->wake_);
    }
  }
  for (const auto& wake : wakes) wake();
}

Result<std::unique_ptr<http::EventSource>> Hub::subscribe(std::string topic,
                                                          std::string_view last_event_id) {
  std::lock_guard lock(mu_);
  if (subscriber_count_ >= max_subscribers_) return Error::unavailable("events.too_many");
  // An id of this process resumes after it; anything else starts from now.
  uint64_t after = last_id_;
  if (last_event_id.size() > epoch_.size() + 1 && last_event_id.starts_with(epoch_) &&
      last_event_id[epoch_.size()] == '-') {
    std::string_view digits = last_event_id.substr(epoch_.size() + 1);
    uint64_t id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && end == digits.data() + digits.size() && id <= last_id_) after = id;
  }
  auto sub = std::make_unique<Subscription>(*this, topic, after);
  topics_[topic].subscribers.insert(sub.get());
  ++subscriber_count_;
  return std::unique_ptr<http::EventSource>(std::move(sub));
}

size_t Hub::subscribers() const {
  std::lock_guard lock(mu_);
  return subscriber_count_;
}

}  // namespace harmoni::events
