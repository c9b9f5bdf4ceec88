// The C++ list of topics and the shell scripts' deploy/local/topics.conf
// must agree.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runtime/kafka.h"

TEST(Topics, StandardTopicsMatchTopicsConf) {
  std::ifstream in(std::string(TIDINGS_SOURCE_DIR) + "/deploy/local/topics.conf");
  ASSERT_TRUE(in);
  std::vector<std::pair<std::string, int>> conf;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string name, settings;
    int parts = 0;
    ls >> name >> parts >> settings;
    conf.emplace_back(name, parts);
    // The settings runtime::CreateTopics gives a topic of this name.
    const std::string want = name == "tidings.enriched"       ? "retention.ms=-1"
                             : name == "tidings.enrich-state" ? "cleanup.policy=compact"
                                                              : "";
    EXPECT_EQ(settings, want) << name;
    EXPECT_EQ(tidings::runtime::IsCompactedTopic(name), settings == "cleanup.policy=compact") << name;
    EXPECT_EQ(tidings::runtime::IsCompactedTopic("p-" + name), settings == "cleanup.policy=compact") << name;
  }
  EXPECT_EQ(tidings::runtime::StandardTopics(), conf);
  EXPECT_EQ(tidings::runtime::StandardTopics("p-").front().first, "p-tidings.raw.articles");
}
