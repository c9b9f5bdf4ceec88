// The bad-input battery (tests/data/ingest/battery) through the ingest
// processor with the shipped limits, no broker: each case gives the outcome
// its .meta file expects. tests/integration/battery_test.cc sends the same
// records through the running daemons.
#include <gtest/gtest.h>

#include <set>

#include "ingest/processor.h"
#include "tests/support/battery.h"

namespace tidings::ingest {
namespace {

using testing::BatteryCase;

class FixedClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return {}; }
};

TEST(BatteryFormat, RepeatsAndEscapesExpand) {
  EXPECT_EQ(testing::ExpandRepeats("a@@REPEAT:3:xy@@b").value(), "axyxyxyb");
  EXPECT_EQ(testing::ExpandRepeats("@@REPEAT:2:[@@@@REPEAT:2:]@@").value(), "[[]]");
  EXPECT_EQ(testing::ExpandRepeats("no macro").value(), "no macro");
  EXPECT_FALSE(testing::ExpandRepeats("@@REPEAT:x:a@@").ok());
  EXPECT_FALSE(testing::ExpandRepeats("@@REPEAT:3:a").ok());
  EXPECT_FALSE(testing::ExpandRepeats("@@REPEAT:99999999999:abc@@").ok());
  EXPECT_EQ(testing::Unescape("a\\x00\\xffb\\\\\\n").value(), std::string("a\0\xff" "b\\\n", 6));
  EXPECT_FALSE(testing::Unescape("\\q").ok());
  EXPECT_FALSE(testing::Unescape("\\x4").ok());
}

TEST(Battery, HasAtLeast75KindsCoveringEveryIngestCode) {
  auto cases = testing::LoadBattery(testing::BatteryDir());
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  EXPECT_GE(cases->size(), 75u);
  std::set<std::string> codes;
  size_t published = 0;
  for (const auto& c : *cases) {
    if (c.ExpectsPublished()) ++published;
    else codes.insert(std::string(c.ExpectedCode()));
  }
  EXPECT_GT(published, 10u);
  for (const char* code : {"invalid_json", "wrong_type", "missing_field", "unknown_kind", "missing_thread",
                           "invalid_utf8", "too_large", "empty_text", "bad_timestamp", "bad_id", "invalid_protobuf"})
    EXPECT_TRUE(codes.count(code)) << "no battery case expects " << code;
}

// Each case alone, as the only record a fresh processor sees.
TEST(Battery, EachCaseGivesTheOutcomeItsMetaExpects) {
  auto cases = testing::LoadBattery(testing::BatteryDir());
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  FixedClock clock;
  int offset = 0;
  for (const BatteryCase& c : *cases) {
    LruDedupStore dedup(16);
    Processor processor(Limits{}, dedup, clock);
    Record r{c.topic, 0, offset++, c.key, c.value, {}};
    for (const auto& h : c.headers) r.headers.push_back({h.key, h.value});
    Outcome out = processor.Process(r);
    if (c.ExpectsPublished()) {
      const auto* p = std::get_if<Publish>(&out);
      const auto* d = std::get_if<DeadLetter>(&out);
      EXPECT_NE(p, nullptr) << c.Describe() << ": dead-lettered "
                            << (d ? std::string(ErrorCodeName(d->code)) + ": " + d->message : "");
      if (p) {
        EXPECT_LE(p->doc.text().size(), Limits{}.max_text_bytes) << c.name;
      }
      continue;
    }
    const auto* d = std::get_if<DeadLetter>(&out);
    if (d == nullptr) {  // not ASSERT: one failing case must not hide the others
      ADD_FAILURE() << c.Describe() << ": " << OutcomeLabel(out) << ", expected " << c.expect;
      continue;
    }
    EXPECT_EQ(ErrorCodeName(d->code), c.ExpectedCode()) << c.Describe() << ": " << d->message;
    EXPECT_FALSE(d->message.empty()) << c.name;
    EXPECT_LE(d->message.size(), 1024u) << c.name << ": the message quotes too much of the record";
  }
}

}  // namespace
}  // namespace tidings::ingest
