#include "runtime/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/test_support.h"

namespace tidings::runtime {
namespace {

std::vector<OptionSpec> Specs() {
  return {
      {"brokers", OptionType::kString, "127.0.0.1:9092", 0, -1, "brokers"},
      {"batch_max_records", OptionType::kInt, "500", 1, 100000, "batch"},
      {"debug", OptionType::kBool, "false", 0, -1, "debug"},
      {"ratio", OptionType::kDouble, "0.5", 0, 1, "ratio"},
      {"kb_file", OptionType::kFile, "", 0, -1, "a file read at start-up"},
  };
}

Result<Config> Load(std::vector<const char*> argv, std::vector<const char*> env = {}) {
  argv.insert(argv.begin(), "prog");
  env.push_back(nullptr);
  return Config::Load("enrich", Specs(), static_cast<int>(argv.size()), argv.data(), env.data());
}

TEST(Config, DefaultsFileEnvFlagsInOrder) {
  testing::TempDir dir;
  std::string path = dir.path() + "/t.conf";
  std::ofstream(path) << "# comment\nbrokers = file:1\nbatch_max_records = 7\nratio = 0.25\n";
  auto c = Load({"--config", path.c_str(), "--batch_max_records=9", "--debug"},
                {"TIDINGS_ENRICH_BROKERS=env:1", "OTHER=x"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->GetString("brokers"), "env:1");
  EXPECT_EQ(c->SourceOf("brokers"), "env");
  EXPECT_EQ(c->GetInt("batch_max_records"), 9);
  EXPECT_EQ(c->SourceOf("batch_max_records"), "flag");
  EXPECT_TRUE(c->GetBool("debug"));
  EXPECT_DOUBLE_EQ(c->GetDouble("ratio"), 0.25);
  EXPECT_EQ(c->SourceOf("ratio"), "file");
}

TEST(Config, UnknownKeysAreErrorsNamingTheKey) {
  auto f = Load({"--bogus=1"});
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("'bogus'"), std::string::npos) << f.status().message();
  auto e = Load({}, {"TIDINGS_ENRICH_BOGUS_KEY=1"});
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("bogus_key"), std::string::npos) << e.status().message();
  testing::TempDir dir;
  std::string path = dir.path() + "/t.conf";
  std::ofstream(path) << "brokers = x\nnope = 1\n";
  auto c = Load({"--config", path.c_str()});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("t.conf:2"), std::string::npos) << c.status().message();
  EXPECT_NE(c.status().message().find("'nope'"), std::string::npos) << c.status().message();
}

TEST(Config, TypeAndRangeErrors) {
  auto t = Load({"--batch_max_records=lots"});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kConfig);
  EXPECT_NE(t.status().message().find("must be an integer"), std::string::npos);
  auto r = Load({"--batch_max_records", "0"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("between 1 and 100000"), std::string::npos) << r.status().message();
  auto b = Load({"--debug=maybe"});
  ASSERT_FALSE(b.ok());
  auto d = Load({"--ratio=2"});
  ASSERT_FALSE(d.ok());
  EXPECT_FALSE(Load({"--config", "/nonexistent/x.conf"}).ok());
  EXPECT_FALSE(Load({"stray"}).ok());
}

TEST(Config, AFileOptionMustNameAReadableFile) {
  testing::TempDir dir;
  const std::string good = dir.path() + "/kb.tsv";
  std::ofstream(good) << "x\n";
  auto ok = Load({"--kb_file", good.c_str()});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->GetString("kb_file"), good);
  EXPECT_TRUE(Load({}).ok());  // empty: not set, not checked
  const std::string missing = dir.path() + "/missing.tsv";
  for (const std::string& bad : {missing, dir.path()}) {
    auto c = Load({"--kb_file", bad.c_str()});
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.status().code(), ErrorCode::kConfig);
    EXPECT_NE(c.status().message().find("option 'kb_file'"), std::string::npos) << c.status().message();
    EXPECT_NE(c.status().message().find(bad), std::string::npos) << c.status().message();
  }
  // Only the final value is checked: a flag can override a bad file value.
  const std::string conf = dir.path() + "/t.conf";
  std::ofstream(conf) << "kb_file = " << missing << "\n";
  EXPECT_TRUE(Load({"--config", conf.c_str(), "--kb_file", good.c_str()}).ok());
  auto f = Load({"--config", conf.c_str()});
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("(file)"), std::string::npos) << f.status().message();
}

TEST(Config, HelpListsEveryOption) {
  auto c = Load({"--help"});
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c->help_requested());
  std::string help = c->HelpText("tidings-enrich", "test");
  for (const char* k : {"--brokers", "--batch_max_records", "TIDINGS_ENRICH_DEBUG", "1..100000"})
    EXPECT_NE(help.find(k), std::string::npos) << k;
  EXPECT_NE(c->MarkdownTable().find("| `ratio` | number |"), std::string::npos);
}

}  // namespace
}  // namespace tidings::runtime
